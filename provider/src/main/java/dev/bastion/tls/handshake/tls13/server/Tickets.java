package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.crypto.ResumptionMasterSecret;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.message.NewSessionTicket;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.PskKeyExchangeModes;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import java.util.Arrays;
import java.util.Optional;

/**
 * The server's NewSessionTickets (RFC 8446 §4.6.1), sent once it has read the client's Finished
 * (as SunJSSE and OpenSSL do): {@code jdk.tls.server.newSessionTicketCount} of them after a full
 * handshake, at most one after a resumption. Stateless: each ticket is the session sealed with
 * the ticket keys ({@link SessionContext#seal}), its PSK derived from the resumption master
 * secret with the ticket's nonce (one byte, the ticket's number). Its lifetime is what is left of
 * the session timeout, at most 7 days; its ticket_age_add is random. No early_data extension:
 * this server never accepts 0-RTT, so tickets never allow it. No tickets at all when the client
 * offered no psk_key_exchange_modes this server can resume with (RFC 8446 §4.2.9: "Servers SHOULD
 * NOT send NewSessionTicket with tickets that are not compatible with the advertised modes"):
 * psk_dhe_ke, or psk_ke when {@code dev.bastion.tls.pskKe} allows it.
 */
final class Tickets {
    /** RFC 8446 §4.6.1: {@code opaque ticket<1..2^16-1>}. */
    static final int MAX_TICKET = 0xFFFF;

    private Tickets() {
    }

    /**
     * Sends the tickets (none without a session context or ticket keys, or when {@code clientModes}
     * allow no mode this server resumes with) and destroys {@code resumption}.
     */
    static void send(HandshakeIo io, Negotiated session, ResumptionMasterSecret resumption,
            Optional<PskKeyExchangeModes> clientModes) {
        try {
            Optional<SessionContext> sessions = io.sessions().filter(SessionContext::ticketsEnabled);
            if (sessions.isEmpty()) {
                return;
            }
            SessionContext ctx = sessions.get();
            boolean usable = clientModes.map(m -> m.allows(PskKeyExchangeModes.PSK_DHE_KE)
                    || m.allows(PskKeyExchangeModes.PSK_KE) && ctx.settings().pskKe()).orElse(false);
            if (!usable) {
                return; // RFC 8446 §4.2.9: the client could not use them
            }
            int count = ctx.settings().tls13Tickets();
            if (session.resumed()) {
                count = Math.min(1, count);
            }
            for (int i = 0; i < count; i++) {
                if (!sendOne(io, ctx, session, resumption, i)) {
                    return;
                }
            }
        } finally {
            resumption.destroy();
        }
    }

    private static boolean sendOne(HandshakeIo io, SessionContext ctx, Negotiated session,
            ResumptionMasterSecret resumption, int number) {
        byte[] nonce = {(byte) number};
        byte[] psk = resumption.resumptionPsk(nonce);
        try {
            SessionState state = SessionStates.of(session, new byte[0], psk, false);
            long lifetime = ctx.ticketLifetimeSeconds(state);
            if (lifetime == 0) {
                return false; // the session is about to expire: no ticket (RFC 8446 §4.6.1)
            }
            long ageAdd = io.random().nextInt() & 0xFFFFFFFFL;
            Optional<byte[]> ticket = ctx.seal(state, ageAdd, ctx.now()).filter(t -> t.length <= MAX_TICKET);
            state.wipe();
            if (ticket.isEmpty()) {
                return false; // no keys, or a session too big for a ticket (a very long client chain)
            }
            io.send(new NewSessionTicket(lifetime, ageAdd, Opaque.of(nonce), Opaque.of(ticket.get()), Extensions.EMPTY));
            return true;
        } finally {
            Arrays.fill(psk, (byte) 0);
        }
    }
}
