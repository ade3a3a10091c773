package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MessageKind;
import dev.bastion.tls.message.ext.Opaque;
import java.util.Objects;

/**
 * NewSessionTicket in TLS 1.3 (RFC 8446 §4.6.1):
 * <pre>
 * uint32 ticket_lifetime; uint32 ticket_age_add;
 * opaque ticket_nonce&lt;0..255&gt;; opaque ticket&lt;1..2^16-1&gt;;
 * Extension extensions&lt;0..2^16-2&gt;;
 * </pre>
 * A lifetime above 7 days (604800 s) is the server's mistake; the client caps it
 * ({@link #MAX_LIFETIME_SECONDS}). The TLS 1.2 form is {@link NewSessionTicket12}.
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record NewSessionTicket(long ticketLifetime, long ticketAgeAdd, Opaque ticketNonce, Opaque ticket,
        Extensions extensions, byte[] encoding) implements HandshakeMessage {

    /** RFC 8446 §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)." */
    public static final long MAX_LIFETIME_SECONDS = 604800;

    public NewSessionTicket {
        Checks.u32(ticketLifetime, "ticket_lifetime");
        Checks.u32(ticketAgeAdd, "ticket_age_add");
        Checks.length(ticketNonce, 0, 0xFF, "ticket_nonce");
        Checks.length(ticket, 1, 0xFFFF, "ticket");
        Objects.requireNonNull(extensions, "extensions");
        if (!extensions.isPresent()) {
            throw new IllegalArgumentException("a NewSessionTicket always has an extensions block");
        }
        encoding = Received.copy(encoding);
    }

    public NewSessionTicket(long ticketLifetime, long ticketAgeAdd, Opaque ticketNonce, Opaque ticket,
            Extensions extensions) {
        this(ticketLifetime, ticketAgeAdd, ticketNonce, ticket, extensions, null);
    }

    /** Decodes a body; all of {@code body} must be the message. */
    public static NewSessionTicket decode(Reader body) {
        Reader r = body.named("NewSessionTicket");
        int start = r.position();
        long lifetime = r.u32("ticket_lifetime");
        long ageAdd = r.u32("ticket_age_add");
        Opaque nonce = Opaque.read8(r, 0, 0xFF, "ticket_nonce");
        Opaque ticket = Opaque.read16(r, 1, 0xFFFF, "ticket");
        Extensions extensions = Extensions.decode(r, MessageKind.NEW_SESSION_TICKET);
        r.end("body");
        return new NewSessionTicket(lifetime, ageAdd, nonce, ticket, extensions,
                Received.encoding(HandshakeType.NEW_SESSION_TICKET, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    @Override
    public void encode(Writer out) {
        out.u32(ticketLifetime);
        out.u32(ticketAgeAdd);
        ticketNonce.write8(out);
        ticket.write16(out);
        extensions.encode(out);
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NewSessionTicket n && ticketLifetime == n.ticketLifetime
                && ticketAgeAdd == n.ticketAgeAdd && ticketNonce.equals(n.ticketNonce) && ticket.equals(n.ticket)
                && extensions.equals(n.extensions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ticketLifetime, ticketAgeAdd, ticketNonce, ticket, extensions);
    }

    @Override
    public String toString() {
        return "NewSessionTicket{ticket_lifetime=" + ticketLifetime + ", ticket_age_add=" + ticketAgeAdd
                + ", ticket_nonce=" + ticketNonce + ", ticket=" + ticket + ", extensions=" + extensions + "}";
    }
}
