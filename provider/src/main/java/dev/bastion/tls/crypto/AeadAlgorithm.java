package dev.bastion.tls.crypto;

/**
 * The record-protection AEADs: AES-GCM (RFC 5116, RFC 5288) and ChaCha20-Poly1305
 * (RFC 8439, RFC 7905). All take a 12-byte nonce and append a 16-byte tag.
 */
public enum AeadAlgorithm {
    AES_128_GCM(16),
    AES_256_GCM(32),
    CHACHA20_POLY1305(32);

    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    private final int keyLength;

    AeadAlgorithm(int keyLength) {
        this.keyLength = keyLength;
    }

    public int keyLength() {
        return keyLength;
    }

    public int nonceLength() {
        return NONCE_LENGTH;
    }

    public int tagLength() {
        return TAG_LENGTH;
    }

    /** A new keyed instance, using the fastest correct implementation on this JVM. */
    public Aead newAead(byte[] key) {
        return Aeads.create(this, key);
    }
}
