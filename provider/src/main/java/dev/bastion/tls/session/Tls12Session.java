package dev.bastion.tls.session;

import java.util.Arrays;

/**
 * A TLS 1.2 session a client cached, and the RFC 5077 ticket the server gave for it.
 *
 * @param state the session (a copy: the caller may wipe it)
 * @param ticket the ticket; empty for none
 */
public record Tls12Session(SessionState state, byte[] ticket) {
    public Tls12Session {
        ticket = Arrays.copyOf(ticket, ticket.length);
    }

    @Override
    public byte[] ticket() {
        return Arrays.copyOf(ticket, ticket.length);
    }

    public boolean hasTicket() {
        return ticket.length > 0;
    }
}
