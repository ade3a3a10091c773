package dev.bastion.tls.session;

/**
 * How one side of an {@code SSLContext} resumes sessions, read from the properties when the
 * context is made.
 *
 * @param tls12Tickets client: offer the session_ticket extension (RFC 5077) in TLS 1.2,
 *     {@code jdk.tls.client.enableSessionTicketExtension}; server: issue TLS 1.2 tickets to
 *     clients that offer it, {@code jdk.tls.server.enableSessionTicketExtension} (both default
 *     true, as in SunJSSE 17)
 * @param tls13Tickets server: NewSessionTickets sent after a full TLS 1.3 handshake,
 *     {@code jdk.tls.server.newSessionTicketCount} (0..10, default 2); at most one after a
 *     resumption, as OpenSSL does
 * @param pskKe client: offer psk_ke besides psk_dhe_ke; server: accept a client that offers only
 *     psk_ke (RFC 8446 §4.2.9). {@code dev.bastion.tls.pskKe}, default false: without (EC)DHE a
 *     resumed session has no forward secrecy from the ticket key
 */
public record ResumptionSettings(boolean tls12Tickets, int tls13Tickets, boolean pskKe) {
    /** The defaults. */
    public static final ResumptionSettings DEFAULT = new ResumptionSettings(true, 2, false);
    /** The most tickets a server sends at once. */
    public static final int MAX_TLS13_TICKETS = 10;

    public ResumptionSettings {
        if (tls13Tickets < 0 || tls13Tickets > MAX_TLS13_TICKETS) {
            throw new IllegalArgumentException("TLS 1.3 ticket count must be 0.." + MAX_TLS13_TICKETS + ": "
                    + tls13Tickets);
        }
    }
}
