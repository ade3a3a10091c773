package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Opaque;
import java.util.Objects;

/**
 * NewSessionTicket in TLS 1.2 (RFC 5077 §3.3):
 * {@code uint32 ticket_lifetime_hint; opaque ticket<0..2^16-1>}. An empty ticket means the
 * server will not issue one after all (RFC 5077 §3.3).
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record NewSessionTicket12(long ticketLifetimeHint, Opaque ticket, byte[] encoding) implements HandshakeMessage {
    public NewSessionTicket12 {
        Checks.u32(ticketLifetimeHint, "ticket_lifetime_hint");
        Checks.length(ticket, 0, 0xFFFF, "ticket");
        encoding = Received.copy(encoding);
    }

    public NewSessionTicket12(long ticketLifetimeHint, Opaque ticket) {
        this(ticketLifetimeHint, ticket, null);
    }

    /** Decodes a body; all of {@code body} must be the message. */
    public static NewSessionTicket12 decode(Reader body) {
        Reader r = body.named("NewSessionTicket");
        int start = r.position();
        long hint = r.u32("ticket_lifetime_hint");
        Opaque ticket = Opaque.read16(r, 0, 0xFFFF, "ticket");
        r.end("body");
        return new NewSessionTicket12(hint, ticket, Received.encoding(HandshakeType.NEW_SESSION_TICKET, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encode(Writer out) {
        out.u32(ticketLifetimeHint);
        ticket.write16(out);
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewSessionTicket12 n && ticketLifetimeHint == n.ticketLifetimeHint
                && ticket.equals(n.ticket);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ticketLifetimeHint, ticket);
    }

    @Override
    public String toString() {
        return "NewSessionTicket(TLS 1.2){ticket_lifetime_hint=" + ticketLifetimeHint + ", ticket=" + ticket + "}";
    }
}
