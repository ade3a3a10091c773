package dev.bastion.tls.crypto;

import java.util.Arrays;

/**
 * What the responding side of a key exchange produces from the peer's value in one step:
 * its own {@code key_exchange} bytes to send back and the shared secret. For
 * Diffie-Hellman groups that is a fresh key pair and the agreement; for X25519MLKEM768 the
 * ML-KEM ciphertext and X25519 share (RFC 8446 §4.2.8, draft-ietf-tls-ecdhe-mlkem).
 *
 * <p>The arrays are owned by this object; {@link #destroy()} wipes the shared secret.
 */
public record Encapsulation(byte[] publicValue, byte[] sharedSecret) {

    /** Overwrites the shared secret with zeros. */
    public void destroy() {
        Arrays.fill(sharedSecret, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Encapsulation e && Arrays.equals(e.publicValue, publicValue)
                && Arrays.equals(e.sharedSecret, sharedSecret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicValue);
    }

    @Override
    public String toString() {
        return "Encapsulation(" + publicValue.length + "-byte public value, shared secret hidden)";
    }
}
