package dev.bastion.tls.crypto;

/**
 * One side's ephemeral key pair for a {@link NamedGroup}: the TLS 1.3 client's key share
 * (RFC 8446 §4.2.8), or a TLS 1.2 ECDHE server's (or client's) ephemeral key (RFC 8422).
 * For the KEM group X25519MLKEM768 this is the client's side; the server answers with
 * {@link NamedGroup#encapsulate}.
 *
 * <p>Not thread-safe. Close it as soon as the shared secret is computed: that wipes the
 * private key (forward secrecy, RFC 7919 §8.8).
 */
public interface KeyShare extends AutoCloseable {

    NamedGroup group();

    /** The {@code key_exchange} bytes to send (a fresh copy), encoded as RFC 8446 §4.2.8 says for the group. */
    byte[] publicValue();

    /**
     * Computes the shared secret from the peer's {@code key_exchange} bytes (for
     * X25519MLKEM768: the server's share). The key pair is left intact; {@link #close()}
     * wipes it.
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code illegal_parameter} if the peer's value
     *     is malformed or invalid for the group (wrong length, not on the curve, out of
     *     range, all-zero X25519/X448 result), naming what was wrong
     */
    byte[] agree(byte[] peerValue);

    /** Wipes the private key material. */
    @Override
    void close();
}
