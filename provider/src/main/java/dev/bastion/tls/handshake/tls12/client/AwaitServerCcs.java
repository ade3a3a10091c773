package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.NewSessionTicket12;
import java.util.Optional;

/**
 * The client's Finished is out; the server's NewSessionTicket (when its ServerHello had
 * session_ticket, RFC 5077 §3.3) and ChangeCipherSpec come next (RFC 5246 §7.1); the CCS
 * switches the read side to the server's write keys. Any handshake message before it — a
 * Finished in the clear above all — is unexpected_message.
 */
final class AwaitServerCcs implements ClientState {
    private final Progress progress;
    private final Tls12MasterSecret master;
    private final TrafficKeys serverWrite;
    private final byte[] hashBeforeServerFinished;
    private final Optional<NewSessionTicket12> ticket;

    AwaitServerCcs(Progress progress, Tls12MasterSecret master, TrafficKeys serverWrite, byte[] hashBeforeServerFinished) {
        this(progress, master, serverWrite, hashBeforeServerFinished, Optional.empty());
    }

    private AwaitServerCcs(Progress progress, Tls12MasterSecret master, TrafficKeys serverWrite,
            byte[] hashBeforeServerFinished, Optional<NewSessionTicket12> ticket) {
        this.progress = progress;
        this.master = master;
        this.serverWrite = serverWrite;
        this.hashBeforeServerFinished = hashBeforeServerFinished.clone();
        this.ticket = ticket;
    }

    /** A NewSessionTicket when the ServerHello announced one (RFC 5077 §3.3); nothing else. */
    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        if (message instanceof NewSessionTicket12 && progress.expectTicket() && ticket.isEmpty()) {
            return new AwaitServerCcs(progress, master, serverWrite, io.transcript().current(),
                    Optional.of((NewSessionTicket12) message));
        }
        throw Expect.unexpected(message, "AwaitServerCcs", progress.expectTicket() && ticket.isEmpty()
                ? "NewSessionTicket (RFC 5077 §3.3)" : "ChangeCipherSpec (RFC 5246 §7.1)");
    }

    @Override
    public ClientState changeCipherSpec(HandshakeIo io) {
        if (progress.expectTicket() && ticket.isEmpty()) {
            throw TlsAlert.unexpectedMessage("ChangeCipherSpec before the NewSessionTicket the ServerHello"
                    + " announced (RFC 5077 §3.3)");
        }
        try {
            io.installReadKeys12(serverWrite);
        } finally {
            serverWrite.destroy();
        }
        return new AwaitServerFinished(progress, master, hashBeforeServerFinished, ticket);
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
