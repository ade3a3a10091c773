package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.crypto.ResumptionMasterSecret;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.message.NewSessionTicket;
import dev.bastion.tls.session.ClientTicket;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where the client keeps the NewSessionTickets of one session (RFC 8446 §4.6.1): each ticket,
 * with its PSK ({@code HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce,
 * Hash.length)}), goes to the client session cache under the peer's host and port. A ticket with
 * a lifetime of 0 is dropped at once; longer lifetimes than 7 days are cut to 7 days. Tickets of
 * one session share its identifier and creation time (a resumed session keeps the first one's),
 * so invalidating the session removes all of them.
 *
 * @param config where the peer's host and port come from
 * @param session the session the tickets resume; its session id is the client's identifier of the
 *     session (the tickets' {@link SessionState#id()}), copied per ticket so that an idle
 *     connection does not keep a second copy
 */
record Tickets(HandshakeConfig config, Negotiated session) {

    /** Stores {@code ticket} (nothing without a session context or a host to key it by). */
    void receive(NewSessionTicket ticket, ResumptionMasterSecret resumption, HandshakeIo io) {
        Optional<SessionContext> sessions = io.sessions();
        if (sessions.isEmpty() || config.peerHost().isEmpty() || ticket.ticketLifetime() == 0) {
            return;
        }
        byte[] psk = resumption.resumptionPsk(ticket.ticketNonce().toByteArray());
        try {
            SessionState state = SessionStates.of(config, session, session.sessionId().toByteArray(), psk, false);
            SessionContext ctx = sessions.get();
            ctx.saveTicket(config.peerHost().get(), config.peerPort(), new ClientTicket(ticket.ticket().toByteArray(),
                    ticket.ticketAgeAdd(), ticket.ticketLifetime(), ctx.now(), state));
        } finally {
            Arrays.fill(psk, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "Tickets(" + config.peerHost().orElse("?") + ":" + config.peerPort() + ")";
    }
}
