package dev.bastion.tls.handshake.tls12.common;

import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.NewSessionTicket12;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.SessionTicket;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import java.util.Optional;

/**
 * TLS 1.2 session tickets (RFC 5077): whether a server issues one to a client, and the
 * NewSessionTicket that carries the sealed session (§3.3, sent after the client's Finished in a
 * full handshake, after the ServerHello in an abbreviated one, before the server's
 * ChangeCipherSpec either way). The lifetime hint is what is left of the session timeout.
 */
public final class Tickets12 {
    private Tickets12() {
    }

    /**
     * Whether the server issues a ticket: the client offered session_ticket (RFC 5077 §3.2),
     * {@code jdk.tls.server.enableSessionTicketExtension} is on and the server has ticket keys.
     */
    public static boolean issue(Optional<SessionTicket> offered, HandshakeIo io) {
        return offered.isPresent() && io.sessions().filter(SessionContext::ticketsEnabled)
                .map(s -> s.settings().tls12Tickets()).orElse(false);
    }

    /** Sends the NewSessionTicket for {@code state}; the caller decided it is due ({@link #issue}). */
    public static void send(SessionState state, HandshakeIo io) {
        SessionContext ctx = io.sessions().orElseThrow();
        // RFC 5077 §3.3: opaque ticket<0..2^16-1>; a session too big for it (a very long client chain) gets none
        Optional<byte[]> ticket = ctx.seal(state, 0, ctx.now()).filter(t -> t.length <= 0xFFFF);
        // RFC 5077 §3.3: an empty ticket says that the server did not issue one after all
        io.send(new NewSessionTicket12(ctx.ticketLifetimeSeconds(state), ticket.map(Opaque::of).orElse(Opaque.EMPTY)));
    }
}
