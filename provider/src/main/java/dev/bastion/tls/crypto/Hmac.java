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
            mac = newMac(hash);
        }
        return mac;
    }

    /**
     * A fresh, uninitialised {@code Mac}: a clone of a per-algorithm prototype when the
     * provider's implementation can be cloned (SunJCE's can), which skips the provider lookup
     * that {@code Mac.getInstance} (and, inside SunJCE, its {@code MessageDigest.getInstance})
     * makes every time. The prototype is never initialised or used, only cloned, so sharing it
     * across threads only reads it. The provider is the one preferred when the prototype was made.
     */
    private static Mac newMac(HashAlgorithm hash) {
        Mac proto = Prototypes.MACS[hash.ordinal()];
        if (proto != null) {
            try {
                return (Mac) proto.clone();
            } catch (CloneNotSupportedException e) {
                // not expected after the clone in Prototypes succeeded; fall back to a lookup
            }
        }
        return lookup(hash);
    }

    private static Mac lookup(HashAlgorithm hash) {
        try {
            return Mac.getInstance(hash.hmacName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no " + hash.hmacName(), e);
        }
    }

    /** One uninitialised, cloneable {@code Mac} per hash (null where there is none). */
    private static final class Prototypes {
        static final Mac[] MACS = new Mac[HashAlgorithm.values().length];

        static {
            for (HashAlgorithm h : HashAlgorithm.values()) {
                try {
                    Mac m = Mac.getInstance(h.hmacName());
                    m.clone(); // fixes the provider now, before the array is shared; proves it clones
                    MACS[h.ordinal()] = m;
                } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
                    // this hash falls back to Mac.getInstance per instance
                }
            }
        }
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
