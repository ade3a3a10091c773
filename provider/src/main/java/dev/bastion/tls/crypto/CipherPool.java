package dev.bastion.tls.crypto;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;

/**
 * A small lock-free pool of JCA {@link Cipher}s of one transformation, shared by every
 * connection of the JVM.
 *
 * <p>Why: an AEAD cipher must be initialised afresh for every record anyway (a new nonce each
 * time), so a connection gains nothing from owning one between records, while an idle
 * connection that owns two (one per direction) pays about 600 bytes of heap for each
 * (the {@code Cipher}, SunJCE's GCM state and its AES key schedule). Borrowing one for the
 * length of one record makes idle connections cheaper and costs two compare-and-set operations
 * per record; a cipher last keyed by another connection re-expands its key schedule, which is
 * small beside a record's encryption.
 *
 * <p>Acquiring and releasing allocate nothing once the pool holds a cipher for each thread
 * that uses it concurrently; a thread that finds the pool empty creates a cipher, and a
 * release into a full pool drops it.
 */
final class CipherPool {
    /** A pooled cipher and what it was last used for. */
    static final class Lease {
        final Cipher cipher;
        /** The AEAD that last initialised {@link #cipher}, or null. */
        Object owner;
        /** The nonce {@link #cipher} was last initialised with. */
        final byte[] lastNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
        /** The AEAD that last initialised {@link #cipher} to encrypt, or null. */
        Object encryptOwner;
        /** The nonce {@link #cipher} was last initialised with to encrypt. */
        final byte[] lastEncryptNonce = new byte[AeadAlgorithm.NONCE_LENGTH];

        Lease(Cipher cipher) {
            this.cipher = cipher;
        }
    }

    static final CipherPool AES_GCM = new CipherPool("AES/GCM/NoPadding");
    static final CipherPool CHACHA20_POLY1305 = new CipherPool("ChaCha20-Poly1305");

    private final String transformation;
    private final AtomicReferenceArray<Lease> slots;

    CipherPool(String transformation) {
        this(transformation, Math.min(64, Math.max(4, 2 * Runtime.getRuntime().availableProcessors())));
    }

    CipherPool(String transformation, int size) {
        this.transformation = transformation;
        this.slots = new AtomicReferenceArray<>(size);
        newCipher(transformation); // fail at class initialisation, not at the first record
    }

    static CipherPool of(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? CHACHA20_POLY1305 : AES_GCM;
    }

    /** A cipher for the caller's exclusive use until {@link #release}. */
    Lease acquire() {
        int n = slots.length();
        int start = start(n);
        for (int i = 0; i < n; i++) {
            int k = (start + i) % n;
            Lease l = slots.get(k);
            if (l != null && slots.compareAndSet(k, l, null)) {
                return l;
            }
        }
        return new Lease(newCipher(transformation));
    }

    /** Gives {@code lease} back; dropped when the pool is full. */
    void release(Lease lease) {
        int n = slots.length();
        int start = start(n);
        for (int i = 0; i < n; i++) {
            int k = (start + i) % n;
            if (slots.get(k) == null && slots.compareAndSet(k, null, lease)) {
                return;
            }
        }
    }

    /**
     * Takes every idle cipher last keyed by {@code owner} out of the pool, passes it to
     * {@code wipe} (which re-keys it) and puts it back. Ciphers in use elsewhere have been
     * re-keyed by their user already.
     */
    void forget(Object owner, java.util.function.Consumer<Lease> wipe) {
        for (int k = 0; k < slots.length(); k++) {
            Lease l = slots.get(k);
            if (l != null && l.owner == owner && slots.compareAndSet(k, l, null)) {
                try {
                    wipe.accept(l);
                    l.owner = null;
                    l.encryptOwner = null;
                } finally {
                    release(l);
                }
            }
        }
    }

    /** How many idle ciphers the pool holds now (tests). */
    int idle() {
        int count = 0;
        for (int k = 0; k < slots.length(); k++) {
            if (slots.get(k) != null) {
                count++;
            }
        }
        return count;
    }

    /** Threads start at different slots so that they rarely contend for one. */
    private static int start(int n) {
        return (System.identityHashCode(Thread.currentThread()) & Integer.MAX_VALUE) % n;
    }

    private static Cipher newCipher(String transformation) {
        try {
            // The JDK's implementation has the AES-NI/CLMUL intrinsics; a third-party
            // provider listed first must not silently replace it.
            Provider sun = Security.getProvider("SunJCE");
            return sun != null ? Cipher.getInstance(transformation, sun) : Cipher.getInstance(transformation);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException(transformation + " is not available on this JVM", e);
        }
    }
}
