package dev.bastion.tls.message;

/**
 * The TLS 1.2 key exchange of the negotiated cipher suite, which decides the body of
 * ServerKeyExchange and ClientKeyExchange (RFC 5246 §7.4.3/§7.4.7, RFC 8422 §5.4/§5.7).
 * {@link #NONE} in TLS 1.3 or before the suite is known.
 */
public enum KeyExchangeKind {
    NONE,
    /** ECDHE_RSA / ECDHE_ECDSA (RFC 8422). */
    ECDHE,
    /** DHE_RSA (RFC 5246). */
    DHE,
    /** RSA key transport (RFC 5246 §7.4.7.1): no ServerKeyExchange. */
    RSA
}
