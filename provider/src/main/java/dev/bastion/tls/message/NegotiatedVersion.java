package dev.bastion.tls.message;

/** What the decoder knows about the protocol version when a message arrives. */
public enum NegotiatedVersion {
    /** Before the hellos settle it: only ClientHello and ServerHello can arrive. */
    UNKNOWN,
    TLS12,
    TLS13
}
