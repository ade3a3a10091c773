package dev.bastion.tls.session;

import javax.crypto.SecretKey;
import javax.net.ssl.SSLKeyException;

/**
 * How a connection's keying material is exported (RFC 5705; RFC 8446 §7.5), behind
 * {@code ExtendedSSLSession.exportKeyingMaterialData} and {@code exportKeyingMaterialKey} (Java
 * 25): the computation, over the secret bytes the session keeps ({@code material}). Stateless
 * (one instance per protocol and hash serves every session), so a session pays only for its
 * bytes. The session checks the arguments; the implementation (in {@code crypto}) computes.
 */
public interface KeyingMaterial {

    /**
     * {@code length} bytes for {@code label} (ASCII) and {@code context} (null: none).
     *
     * @throws SSLKeyException when this connection cannot export (TLS 1.2 without the extended
     *     master secret, RFC 7627 §5.4)
     * @throws IllegalArgumentException for a label or length the protocol cannot take
     */
    byte[] export(byte[] material, String label, byte[] context, int length) throws SSLKeyException;

    /** As {@link #export}, as a key of {@code algorithm}. */
    SecretKey exportKey(byte[] material, String algorithm, String label, byte[] context, int length)
            throws SSLKeyException;
}
