package dev.bastion.tls.crypto;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC (RFC 2104) over one reusable JCA {@link Mac}. Not thread-safe: each owner (a key
 * schedule, a traffic secret, a PRF) holds its own instance.
 *
 * <p>JCA refuses empty keys, but an empty HMAC key is padded to a block of zeros, exactly
 * like a key of zeros (RFC 2104 §2), so an empty key is replaced by {@code HashLen} zeros.
 */
final class Hmac {
    private final HashAlgorithm hash;
    private Mac mac; // made on first use, dropped by release(): idle connections keep none

    Hmac(HashAlgorithm hash) {
        this.hash = hash;
    }

    /**
     * Drops the JCA {@code Mac} (and the key state inside it) until the next use: for owners
     * that live on after their last routine derivation, such as the application traffic
     * secrets an idle connection keeps for KeyUpdate.
     */
    void release() {
        mac = null;
    }

    private Mac mac() {
        if (mac == null) {
            try {
                mac = Mac.getInstance(hash.hmacName());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no " + hash.hmacName(), e);
            }
        }
        return mac;
    }

    HashAlgorithm hash() {
        return hash;
    }

    /** Output length in bytes ({@code HashLen}). */
    int length() {
        return hash.length();
    }

    /** Starts a MAC under {@code key}. */
    void init(byte[] key) {
        byte[] k = key.length == 0 ? new byte[hash.length()] : key;
        try {
            mac().init(new SecretKeySpec(k, hash.hmacName()));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(hash.hmacName() + " rejected a " + key.length + "-byte key", e);
        }
    }

    void update(byte[] data) {
        mac().update(data);
    }

    void update(byte[] data, int offset, int length) {
        mac().update(data, offset, length);
    }

    void update(byte b) {
        mac().update(b);
    }

    /** Finishes the MAC into {@code out[offset, offset + HashLen)}; the key stays set. */
    void doFinal(byte[] out, int offset) {
        try {
            mac().doFinal(out, offset);
        } catch (ShortBufferException e) {
            throw new IllegalArgumentException("no room for a " + hash.length() + "-byte MAC", e);
        }
    }

    /** Finishes the MAC; the key stays set. */
    byte[] doFinal() {
        return mac().doFinal();
    }

    /** {@code HMAC(key, data)}. */
    byte[] compute(byte[] key, byte[] data) {
        init(key);
        update(data);
        return doFinal();
    }
}
