package dev.bastion.tls.crypto;

import java.security.DigestException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC (RFC 2104) over one reusable JCA {@link MessageDigest}. Not thread-safe: each owner (a
 * key schedule, a traffic secret, a PRF) holds its own instance.
 *
 * <p>{@link #init} hashes the key's two padded blocks once and keeps the digests in that state
 * (the precomputation RFC 2104 §4 describes); each MAC then starts from copies of them, so a
 * short MAC costs two compressions and two digest copies instead of the four compressions of a
 * JCA {@code Mac} (which hashes its inner pad again after every {@code doFinal} and its outer
 * pad inside it). An {@code init} with the key already set keeps the kept states: the TLS 1.2
 * PRF computes the key block and both Finished messages under one master secret, and the TLS 1.3
 * key schedule expands each secret more than once. Where the digest cannot be copied (a provider
 * whose {@code MessageDigest} is not {@code Cloneable}) it falls back to a JCA {@code Mac}.
 *
 * <p>An empty key is padded to a block of zeros, exactly like a key of zeros (RFC 2104 §2); a
 * key longer than the hash's block is hashed first (RFC 2104 §3).
 */
final class Hmac {
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5C;

    private final HashAlgorithm hash;
    private final MessageDigest prototype; // never updated; null when digests cannot be cloned
    // made by init, dropped by release(): idle connections keep none
    private MessageDigest inner; // after (key XOR ipad)
    private MessageDigest outer; // after (key XOR opad)
    private MessageDigest running; // inner plus this MAC's input; null until the first update
    private byte[] key; // a copy of the key the kept states belong to
    private Mac mac; // the fallback

    Hmac(HashAlgorithm hash) {
        this(hash, Digests.prototype(hash));
    }

    /** With {@code prototype} null, always the JCA {@code Mac} (for tests of the fallback). */
    Hmac(HashAlgorithm hash, MessageDigest prototype) {
        this.hash = hash;
        this.prototype = prototype;
    }

    /**
     * Drops the key, the kept states and the JCA objects until the next {@link #init}: for owners
     * that live on after their last routine derivation, such as the application traffic
     * secrets an idle connection keeps for KeyUpdate.
     */
    void release() {
        forgetKey();
        mac = null;
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
        if (prototype == null) {
            initMac(key);
            return;
        }
        if (holds(key)) {
            running = null; // the kept states are this key's
            return;
        }
        forgetKey();
        byte[] pad = innerPad(key);
        MessageDigest in = Digests.copy(prototype);
        in.update(pad);
        toOuterPad(pad);
        MessageDigest out = Digests.copy(prototype);
        out.update(pad);
        Arrays.fill(pad, (byte) 0);
        inner = in;
        outer = out;
        this.key = key.clone();
    }

    void update(byte[] data) {
        update(data, 0, data.length);
    }

    void update(byte[] data, int offset, int length) {
        if (prototype == null) {
            mac().update(data, offset, length);
        } else {
            running().update(data, offset, length);
        }
    }

    void update(byte b) {
        if (prototype == null) {
            mac().update(b);
        } else {
            running().update(b);
        }
    }

    /** Finishes the MAC into {@code out[offset, offset + HashLen)}; the key stays set. */
    void doFinal(byte[] out, int offset) {
        int n = hash.length();
        if (offset < 0 || out.length - offset < n) {
            throw new IllegalArgumentException("no room for a " + n + "-byte MAC at " + offset + " of " + out.length);
        }
        if (prototype == null) {
            try {
                mac().doFinal(out, offset);
            } catch (ShortBufferException e) {
                throw new IllegalArgumentException("no room for a " + n + "-byte MAC", e);
            }
            return;
        }
        MessageDigest in = running();
        running = null;
        try {
            // the inner hash goes where the MAC will: the outer hash reads it before writing there
            in.digest(out, offset, n);
            MessageDigest o = Digests.copy(outer);
            o.update(out, offset, n);
            o.digest(out, offset, n);
        } catch (DigestException e) {
            throw new IllegalStateException(hash.jcaName() + " refused to finish", e);
        }
    }

    /** Finishes the MAC; the key stays set. */
    byte[] doFinal() {
        byte[] out = new byte[hash.length()];
        doFinal(out, 0);
        return out;
    }

    /**
     * {@code HMAC(key, data)}, for a key used once (HKDF-Extract's salt, a Finished or binder
     * key): unless {@code key} is the one set, the pads are hashed straight into the MAC and
     * not kept, and the key set before stays set.
     */
    byte[] compute(byte[] key, byte[] data) {
        if (prototype == null || holds(key)) {
            init(key);
            update(data);
            return doFinal();
        }
        byte[] pad = innerPad(key);
        MessageDigest d = Digests.copy(prototype);
        d.update(pad);
        d.update(data);
        byte[] innerHash = d.digest();
        toOuterPad(pad);
        d.update(pad);
        d.update(innerHash);
        byte[] out = d.digest();
        Arrays.fill(pad, (byte) 0);
        Arrays.fill(innerHash, (byte) 0);
        return out;
    }

    /**
     * {@code K XOR ipad} as one block (RFC 2104 §2): the key, hashed first when longer than a
     * block, padded with zeros.
     */
    private byte[] innerPad(byte[] key) {
        int block = hash.blockLength();
        byte[] k = key.length > block ? Digests.copy(prototype).digest(key) : key;
        byte[] pad = new byte[block];
        for (int i = 0; i < block; i++) {
            pad[i] = (byte) ((i < k.length ? k[i] : 0) ^ IPAD);
        }
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
        return pad;
    }

    /** Turns {@code K XOR ipad} into {@code K XOR opad} in place. */
    private static void toOuterPad(byte[] pad) {
        for (int i = 0; i < pad.length; i++) {
            pad[i] ^= IPAD ^ OPAD;
        }
    }

    private MessageDigest running() {
        if (running == null) {
            if (inner == null) {
                throw new IllegalStateException("HMAC used before init");
            }
            running = Digests.copy(inner);
        }
        return running;
    }

    private void forgetKey() {
        if (key != null) {
            Arrays.fill(key, (byte) 0);
            inner.reset();
            outer.reset();
        }
        if (running != null) {
            running.reset();
        }
        key = null;
        inner = null;
        outer = null;
        running = null;
    }

    /** Whether the kept states are {@code key}'s. */
    private boolean holds(byte[] key) {
        return this.key != null && MessageDigest.isEqual(this.key, key);
    }

    private void initMac(byte[] key) {
        byte[] k = key.length == 0 ? new byte[hash.length()] : key;
        try {
            mac().init(new SecretKeySpec(k, hash.hmacName()));
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException(hash.hmacName() + " rejected a " + key.length + "-byte key", e);
        }
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
}
