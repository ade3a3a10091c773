package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.Tls12KeyBlock;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.NewSessionTicket12;
import java.util.Optional;

/**
 * Abbreviated handshake: the server's NewSessionTicket (when its ServerHello had session_ticket,
 * RFC 5077 §3.1) then its ChangeCipherSpec come next; the CCS switches the read side to the
 * server's write keys. Anything else is unexpected_message.
 */
final class AwaitResumedServerCcs implements ClientState {
    private final Progress progress;
    private final Tls12MasterSecret master;
    private final Tls12KeyBlock keys;
    private final Optional<NewSessionTicket12> ticket;

    AwaitResumedServerCcs(Progress progress, Tls12MasterSecret master, Tls12KeyBlock keys,
            Optional<NewSessionTicket12> ticket) {
        this.progress = progress;
        this.master = master;
        this.keys = keys;
        this.ticket = ticket;
    }

    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        if (message instanceof NewSessionTicket12 && progress.expectTicket() && ticket.isEmpty()) {
            return new AwaitResumedServerCcs(progress, master, keys, Optional.of((NewSessionTicket12) message));
        }
        throw Expect.unexpected(message, "AwaitResumedServerCcs", progress.expectTicket() && ticket.isEmpty()
                ? "NewSessionTicket (RFC 5077 §3.3)" : "ChangeCipherSpec (RFC 5246 §7.1)");
    }

    @Override
    public ClientState changeCipherSpec(HandshakeIo io) {
        if (progress.expectTicket() && ticket.isEmpty()) {
            throw TlsAlert.unexpectedMessage("ChangeCipherSpec before the NewSessionTicket the"
                    + " ServerHello announced (RFC 5077 §3.3)");
        }
        try {
            io.installReadKeys12(keys.serverWrite());
        } finally {
            keys.serverWrite().destroy();
        }
        return new AwaitResumedServerFinished(progress, master, keys.clientWrite(), io.transcript().current(), ticket);
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
