package dev.bastion.tls.session;

/**
 * A TLS 1.2 session a client cached, and the RFC 5077 ticket the server gave for it.
 *
 * @param state the session (a copy: the caller may wipe it)
 * @param ticket the ticket; empty for none
 */
public record Tls12Session(SessionState state, byte[] ticket) {
    public Tls12Session {
        ticket = ticket.clone();
    }

    @Override
    public byte[] ticket() {
        return ticket.clone();
    }

    public boolean hasTicket() {
        return ticket.length > 0;
    }
}
