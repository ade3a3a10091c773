package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.Objects;

/**
 * session_ticket (RFC 5077 §3.2): the extension_data is the ticket itself, without a length
 * prefix; empty when the client has no ticket to offer, and always empty in a ServerHello.
 */
public record SessionTicket(Opaque ticket) implements Extension {
    /** An empty session_ticket. */
    public static final SessionTicket EMPTY = new SessionTicket(Opaque.EMPTY);

    public SessionTicket {
        Objects.requireNonNull(ticket, "ticket");
    }

    public static SessionTicket decode(Reader data) {
        return new SessionTicket(Opaque.readRest(data));
    }

    @Override
    public int code() {
        return ExtensionType.SESSION_TICKET.code();
    }

    @Override
    public void encodeData(Writer out) {
        ticket.writeTo(out);
    }

    @Override
    public String toString() {
        return "session_ticket{" + ticket + "}";
    }
}
