package dev.bastion.tls.crypto;

import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * A small lock-free pool of JCA {@link Cipher}s of one transformation, shared by every
 * connection of the JVM.
 *
 * <p>Why: an AEAD cipher must be initialised afresh for every record anyway (a new nonce each
 * time), so a connection gains nothing from owning one between records, while an idle
 * connection that owns two (one per direction) pays about 600 bytes of heap for each
 * (the {@code Cipher}, SunJCE's GCM state and its AES key schedule). Borrowing one for the
 * length of one record makes idle connections cheaper and costs two compare-and-set operations
 * per record. A cipher last keyed by another connection re-expands its key schedule (SunJCE's
 * AES skips that when the key is the one it holds): small beside a 16 KiB record, but the
 * largest cost of a small one, so {@link #acquire(int, Object)} first tries the slot where the
 * caller put its cipher back, and takes the cipher there if the caller keyed it last.
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
        /** The slot this cipher was last taken from, where {@link #release} puts it back if it can, or -1. */
        int home = -1;
        /** The pool's {@link CipherPool#clock} when this cipher was last taken. */
        long lastTaken;

        Lease(Cipher cipher) {
            this.cipher = cipher;
        }
    }

    static final CipherPool AES_GCM = new CipherPool("AES/GCM/NoPadding");
    static final CipherPool CHACHA20_POLY1305 = new CipherPool("ChaCha20-Poly1305");

    private final String transformation;
    private final AtomicReferenceArray<Lease> slots;
    /**
     * Counts takes, for choosing the least recently used cipher to give away. Incremented
     * without synchronisation: a lost increment only blurs the order.
     */
    private long clock;
    /** Ciphers made and not dropped: in the pool or in use. */
    private final java.util.concurrent.atomic.AtomicInteger population = new java.util.concurrent.atomic.AtomicInteger();

    CipherPool(String transformation) {
        this(transformation, Math.min(64, Math.max(8, 2 * Runtime.getRuntime().availableProcessors())));
    }

    CipherPool(String transformation, int size) {
        this.transformation = transformation;
        this.slots = new AtomicReferenceArray<>(size);
        newCipher(transformation); // fail at class initialisation, not at the first record
    }

    static CipherPool of(AeadAlgorithm algorithm) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? CHACHA20_POLY1305 : AES_GCM;
    }

    /**
     * A cipher that {@code owner} initialised last (its key schedule is still {@code owner}'s),
     * looked for first in {@code slot} (where {@link #release} said it went) and then in every
     * slot. Failing that: a new cipher while the pool has room to keep it, so that the pool
     * grows to one cipher per active owner; else the least recently used idle cipher, which
     * is one nobody owns (its owner closed) or one whose owner is gone or idle. Taking any
     * other would start a cycle in which two owners take one cipher from each other and every
     * record re-expands a key schedule, while the cipher of a connection that ended without
     * closing its keys holds a slot for ever.
     */
    Lease acquire(int slot, Object owner) {
        int n = slots.length();
        Lease l = slot >= 0 && slot < n ? take(slot, owner) : null;
        // room: fewer ciphers exist than the pool keeps (empty slots alone may be ciphers in use)
        boolean room = population.get() < n;
        int oldest = -1;
        long oldestTaken = Long.MAX_VALUE;
        for (int k = 0; l == null && k < n; k++) {
            l = take(k, owner);
            Lease idle = slots.get(k);
            if (idle != null) {
                long taken = idle.owner == null ? Long.MIN_VALUE : idle.lastTaken;
                if (taken < oldestTaken) {
                    oldest = k;
                    oldestTaken = taken;
                }
            }
        }
        if (l == null && room) {
            l = newLease();
        }
        if (l == null && oldest >= 0) {
            Lease idle = slots.get(oldest);
            if (idle != null && slots.compareAndSet(oldest, idle, null)) {
                l = idle;
                l.home = oldest;
            }
        }
        if (l == null) {
            l = acquire();
        }
        l.lastTaken = ++clock;
        return l;
    }

    private Lease take(int k, Object owner) {
        Lease l = slots.get(k);
        if (l != null && l.owner == owner && slots.compareAndSet(k, l, null)) {
            l.home = k;
            return l;
        }
        return null;
    }

    /** A cipher for the caller's exclusive use until {@link #release}. */
    Lease acquire() {
        int n = slots.length();
        int start = start(n);
        for (int i = 0; i < n; i++) {
            int k = (start + i) % n;
            Lease l = slots.get(k);
            if (l != null && slots.compareAndSet(k, l, null)) {
                l.home = k;
                return l;
            }
        }
        return newLease();
    }

    /**
     * Gives {@code lease} back, into the slot it came from if that is free (so that ciphers stay
     * where their owners look for them), and returns the slot that holds it, or -1 when the pool
     * was full and dropped it.
     */
    int release(Lease lease) {
        int n = slots.length();
        int home = lease.home;
        if (home >= 0 && home < n && slots.get(home) == null && slots.compareAndSet(home, null, lease)) {
            return home;
        }
        int start = start(n);
        for (int i = 0; i < n; i++) {
            int k = (start + i) % n;
            if (slots.get(k) == null && slots.compareAndSet(k, null, lease)) {
                return k;
            }
        }
        population.decrementAndGet();
        return -1;
    }

    private Lease newLease() {
        Lease l = new Lease(newCipher(transformation));
        population.incrementAndGet();
        return l;
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

    /**
     * Re-keys with {@code zeros} (an all-zero key of the owner's algorithm) every idle cipher
     * that {@code owner} keyed last, so that no key schedule outlives the key it was expanded
     * from. The re-keying is an encryption init, because SunJCE's GCM keeps the key of its last
     * encryption init for its nonce-reuse check. Its nonce differs from the cipher's last ones:
     * SunJCE refuses an init that repeats the last key and nonce, and a cipher wiped before and
     * used since only to decrypt still remembers that wipe as its last encryption.
     */
    void wipe(Object owner, SecretKey zeros) {
        forget(owner, lease -> {
            byte[] nonce = new byte[AeadAlgorithm.NONCE_LENGTH];
            Arrays.fill(nonce, (byte) 0xA5);
            while (Arrays.equals(nonce, lease.lastEncryptNonce) || Arrays.equals(nonce, lease.lastNonce)) {
                nonce[0]++;
            }
            try {
                lease.cipher.init(Cipher.ENCRYPT_MODE, zeros, transformation.startsWith("ChaCha20")
                        ? new IvParameterSpec(nonce)
                        : new GCMParameterSpec(AeadAlgorithm.TAG_LENGTH * 8, nonce));
                System.arraycopy(nonce, 0, lease.lastNonce, 0, nonce.length);
                System.arraycopy(nonce, 0, lease.lastEncryptNonce, 0, nonce.length);
            } catch (GeneralSecurityException e) {
                // cannot happen for a fresh nonce; nothing more could be wiped
            }
        });
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
