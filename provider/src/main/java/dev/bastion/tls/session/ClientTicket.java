package dev.bastion.tls.session;

import java.util.Arrays;

/**
 * A TLS 1.3 ticket a client keeps (RFC 8446 §4.6.1): the opaque ticket, its PSK in
 * {@code state.secret()}, and what the obfuscated ticket age (§4.2.11.1) is computed from.
 *
 * @param ticket the NewSessionTicket's ticket, sent back as the PSK identity
 * @param ageAdd ticket_age_add
 * @param lifetimeSeconds ticket_lifetime, at most 7 days
 * @param receivedAt epoch milliseconds when the ticket arrived
 * @param state the session it resumes, its secret being the ticket's PSK
 */
public record ClientTicket(byte[] ticket, long ageAdd, long lifetimeSeconds, long receivedAt, SessionState state) {
    /** RFC 8446 §4.6.1: tickets live at most 7 days. */
    public static final long MAX_LIFETIME_SECONDS = 604800;

    public ClientTicket {
        if (ticket.length == 0 || ticket.length > 0xFFFF || ageAdd < 0 || ageAdd > 0xFFFFFFFFL || lifetimeSeconds < 0) {
            throw new IllegalArgumentException("bad ticket: " + ticket.length + " bytes, age_add " + ageAdd
                    + ", lifetime " + lifetimeSeconds);
        }
        ticket = ticket.clone();
        lifetimeSeconds = Math.min(lifetimeSeconds, MAX_LIFETIME_SECONDS);
    }

    @Override
    public byte[] ticket() {
        return ticket.clone();
    }

    /** Whether the ticket may still be offered at {@code now} (its lifetime not over). */
    public boolean live(long now) {
        return now - receivedAt < lifetimeSeconds * 1000L && now >= receivedAt;
    }

    /** {@code obfuscated_ticket_age}: the ticket's age in milliseconds plus ticket_age_add, mod 2^32. */
    public long obfuscatedAge(long now) {
        return (Math.max(0, now - receivedAt) + ageAdd) & 0xFFFFFFFFL;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientTicket t && Arrays.equals(ticket, t.ticket) && ageAdd == t.ageAdd
                && lifetimeSeconds == t.lifetimeSeconds && receivedAt == t.receivedAt && state.equals(t.state);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ticket);
    }

    @Override
    public String toString() {
        return "ClientTicket(" + ticket.length + " bytes, lifetime " + lifetimeSeconds + " s, " + state + ")";
    }
}
