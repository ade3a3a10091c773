package dev.bastion.tls.connection.config;

/**
 * How a connection ends, as SunJSSE's switches shape it.
 *
 * @param acknowledgeCloseNotify {@code jdk.tls.acknowledgeCloseNotify} (default false): a TLS 1.3
 *     connection answers the peer's close_notify with its own at once, closing both directions,
 *     as TLS 1.2 always does (RFC 5246 §7.2.1). Without it a TLS 1.3 connection may go on
 *     writing after the peer closed its side (RFC 8446 §6.1).
 * @param requireCloseNotify {@code com.sun.net.ssl.requireCloseNotify} (default false): a socket
 *     whose peer ends the TCP stream after the handshake without close_notify fails with
 *     {@code SSLProtocolException} (a truncation attack cannot pass for the end of the data).
 *     Without it that end reads as the end of the data (-1).
 */
public record CloseRules(boolean acknowledgeCloseNotify, boolean requireCloseNotify) {
    /** SunJSSE's defaults: neither. */
    public static final CloseRules DEFAULT = new CloseRules(false, false);
}
