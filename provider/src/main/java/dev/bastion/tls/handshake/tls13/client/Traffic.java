package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.crypto.FinishedVerified;
import dev.bastion.tls.crypto.ResumptionMasterSecret;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.tls13.common.ApplicationTraffic;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.KeyUpdate;
import dev.bastion.tls.message.NewSessionTicket;
import dev.bastion.tls.message.Side;

/**
 * The handshake is complete; only post-handshake messages may come (RFC 8446 §4.6):
 * NewSessionTicket (kept with its PSK by {@link Tickets}) and KeyUpdate.
 * A CertificateRequest is unexpected_message because the client never sends
 * post_handshake_auth (§4.6.2); so is any other message.
 */
final class Traffic implements ClientState {
    private final ApplicationTraffic traffic;
    private final ResumptionMasterSecret resumption;
    private final Tickets tickets;
    private final FinishedVerified serverFinished;

    /** Requires the proof that the server's Finished was checked. */
    Traffic(ApplicationTraffic traffic, ResumptionMasterSecret resumption, Tickets tickets,
            FinishedVerified serverFinished) {
        this.traffic = traffic;
        this.resumption = resumption;
        this.tickets = tickets;
        this.serverFinished = serverFinished;
    }

    @Override
    public ClientState next(HandshakeMessage message, HandshakeIo io) {
        if (message instanceof NewSessionTicket) {
            NewSessionTicket ticket = (NewSessionTicket) message;
            tickets.receive(ticket, resumption, io);
            return this;
        }
        if (message instanceof KeyUpdate) {
            return new Traffic(traffic.received((KeyUpdate) message, io), resumption, tickets, serverFinished);
        }
        throw Expect.unexpected(message, "Traffic", "NewSessionTicket or KeyUpdate");
    }

    @Override
    public ClientState sendKeyUpdate(HandshakeIo io, boolean requestPeerUpdate) {
        return new Traffic(traffic.send(requestPeerUpdate, io), resumption, tickets, serverFinished);
    }

    @Override
    public DecodeContext decodeContext() {
        return DecodeContext.tls13(Side.CLIENT, traffic.suite().hash().length());
    }

    /** RFC 8446 §5: no change_cipher_spec after the peer's Finished. */
    @Override
    public boolean acceptsCompatibilityCcs() {
        return false;
    }
}
