package dev.bastion.tls.crypto;

import java.util.Arrays;

/**
 * The key and IV of one direction of record protection.
 *
 * <p>TLS 1.3 and TLS 1.2 ChaCha20-Poly1305: {@code iv} is the 12-byte per-connection IV
 * that is XORed with the sequence number. TLS 1.2 AES-GCM: {@code iv} is the 4-byte
 * implicit salt (RFC 5288 §3); the other 8 nonce bytes travel in each record.
 *
 * <p>The arrays are owned by this object: callers must not change them, and
 * {@link #destroy()} wipes them.
 */
public record TrafficKeys(AeadAlgorithm aead, byte[] key, byte[] iv) {

    public TrafficKeys {
        if (key.length != aead.keyLength()) {
            throw new IllegalArgumentException(aead + " key must be " + aead.keyLength() + " bytes, got " + key.length);
        }
        if (iv.length != 4 && iv.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("IV must be 4 or 12 bytes, got " + iv.length);
        }
    }

    /** Overwrites the key and IV with zeros. */
    public void destroy() {
        Arrays.fill(key, (byte) 0);
        Arrays.fill(iv, (byte) 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrafficKeys t && t.aead == aead && Arrays.equals(t.key, key) && Arrays.equals(t.iv, iv);
    }

    @Override
    public int hashCode() {
        return aead.hashCode() * 31 + Arrays.hashCode(iv);
    }

    @Override
    public String toString() {
        return "TrafficKeys(" + aead + ", key and IV hidden)";
    }
}
