package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The shared cipher pool behind {@link JcaAead}: AEADs borrow a cipher per record and own none. */
class CipherPoolTest {
    private static final byte[] AAD = {23, 3, 3, 0, 32};

    @Test
    void releasedCipherIsReusedAndFullPoolDrops() {
        CipherPool pool = new CipherPool("AES/GCM/NoPadding", 2);
        CipherPool.Lease a = pool.acquire();
        CipherPool.Lease b = pool.acquire();
        CipherPool.Lease c = pool.acquire();
        assertNotSame(a, b);
        pool.release(a);
        pool.release(b);
        pool.release(c); // pool of two is full: dropped
        assertEquals(2, pool.idle());
        CipherPool.Lease again = pool.acquire();
        assertTrue(again == a || again == b, "a pooled cipher is handed out again");
        assertEquals(1, pool.idle());
    }

    /** A small record's largest cost is re-expanding a key schedule: an owner gets its own cipher back. */
    @Test
    void ownerGetsBackTheCipherItKeyedLast() {
        CipherPool pool = new CipherPool("AES/GCM/NoPadding", 4);
        Object owner = new Object();
        Object other = new Object();
        CipherPool.Lease others = pool.acquire();
        CipherPool.Lease mine = pool.acquire();
        others.owner = other;
        mine.owner = owner;
        pool.release(others);
        int slot = pool.release(mine);
        assertTrue(slot >= 0 && slot < 4, "slot " + slot);
        assertSame(mine, pool.acquire(slot, owner));
        assertEquals(1, pool.idle());
        assertEquals(slot, pool.release(mine), "back into the slot it came from");
        // found in another slot too (the caller's note of the slot is stale)
        assertSame(mine, pool.acquire((slot + 1) % 4, owner));
        slot = pool.release(mine);

        // keyed by someone else since, and the pool has room: a new cipher, the others stay keyed
        mine.owner = other;
        CipherPool.Lease fresh = pool.acquire(slot, owner);
        assertTrue(fresh != mine && fresh != others, "a new cipher");
        assertEquals(2, pool.idle());
        pool.release(fresh);
        // a stale or impossible slot falls back the same way
        assertTrue(pool.acquire(-1, owner) != null && pool.acquire(99, owner) != null);

        // a full pool gives away an unowned cipher before an owned one, wherever the caller's thread starts looking
        CipherPool three = new CipherPool("AES/GCM/NoPadding", 3);
        CipherPool.Lease[] held = {three.acquire(), three.acquire(), three.acquire()};
        held[0].owner = other;
        held[2].owner = other;
        for (CipherPool.Lease h : held) {
            three.release(h);
        }
        assertSame(held[1], three.acquire(0, owner));

        // an empty slot whose cipher is in use elsewhere is no room: a busy server does not make a cipher per record
        CipherPool busy = new CipherPool("AES/GCM/NoPadding", 2);
        CipherPool.Lease idle = busy.acquire(-1, other);
        idle.owner = other;
        CipherPool.Lease inUse = busy.acquire(-1, owner);
        inUse.owner = owner;
        busy.release(idle);
        assertSame(idle, busy.acquire(-1, new Object()), "the idle cipher, though a slot is empty");

        // a pool full of other owners' ciphers gives away the least recently used one
        CipherPool two = new CipherPool("AES/GCM/NoPadding", 2);
        Object third = new Object();
        CipherPool.Lease x = two.acquire(-1, other);
        x.owner = other;
        CipherPool.Lease y = two.acquire(-1, third);
        y.owner = third;
        two.release(y);
        int slotOfX = two.release(x);
        assertSame(x, two.acquire(slotOfX, other)); // x is now the most recently taken
        two.release(x);
        assertSame(y, two.acquire(-1, owner), "the cipher taken longest ago");

        CipherPool full = new CipherPool("AES/GCM/NoPadding", 1);
        full.release(full.acquire());
        assertEquals(-1, full.release(new CipherPool.Lease(mine.cipher)), "a full pool drops and says so");
    }

    @Test
    void forgetWipesOnlyIdleCiphersOfThatOwner() {
        CipherPool pool = new CipherPool("AES/GCM/NoPadding", 4);
        Object owner = new Object();
        CipherPool.Lease mine = pool.acquire();
        CipherPool.Lease other = pool.acquire();
        mine.owner = owner;
        other.owner = new Object();
        pool.release(mine);
        pool.release(other);
        int[] wiped = {0};
        pool.forget(owner, lease -> {
            assertSame(mine, lease);
            wiped[0]++;
        });
        assertEquals(1, wiped[0]);
        assertNull(mine.owner);
        assertEquals(2, pool.idle(), "the wiped cipher goes back into the pool");
    }

    /** The two ends of an in-memory connection share a key; the pooled cipher must serve both alternately. */
    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class)
    void twoInstancesUnderOneKeyAlternateOnPooledCiphers(AeadAlgorithm algorithm) {
        byte[] key = new byte[algorithm.keyLength()];
        Arrays.fill(key, (byte) 7);
        JcaAead writer = new JcaAead(algorithm, key);
        JcaAead reader = new JcaAead(algorithm, key);
        for (int seq = 0; seq < 4; seq++) {
            byte[] nonce = new byte[12];
            nonce[11] = (byte) seq;
            byte[] plain = ("record " + seq).getBytes(StandardCharsets.US_ASCII);
            ByteBuffer sealed = ByteBuffer.allocate(plain.length + 16);
            writer.seal(nonce, AAD, AAD.length, ByteBuffer.wrap(plain), sealed);
            sealed.flip();
            // a second writer under the same key and nonce (a test re-sealing a vector) is not a reuse by one instance
            JcaAead resealer = new JcaAead(algorithm, key);
            ByteBuffer again = ByteBuffer.allocate(plain.length + 16);
            resealer.seal(nonce, AAD, AAD.length, ByteBuffer.wrap(plain), again);
            assertArrayEquals(sealed.array(), again.array());
            resealer.close();
            ByteBuffer opened = ByteBuffer.allocate(plain.length);
            reader.open(nonce, AAD, AAD.length, sealed, opened);
            assertArrayEquals(plain, opened.array());
        }
    }

    /**
     * Closing an AEAD re-keys the idle ciphers it used last with zeros, so no key schedule
     * outlives its key. A cipher wiped before and used since only to decrypt still remembers
     * that wipe (zero key, wipe nonce) as its last encryption; the second wipe must still work.
     */
    @ParameterizedTest
    @EnumSource(value = AeadAlgorithm.class)
    void closeWipesACipherThatWasWipedBeforeAndThenOnlyDecrypted(AeadAlgorithm algorithm) throws Exception {
        CipherPool pool = new CipherPool(algorithm == AeadAlgorithm.CHACHA20_POLY1305
                ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding", 1);
        byte[] keyA = new byte[algorithm.keyLength()];
        byte[] keyB = new byte[algorithm.keyLength()];
        Arrays.fill(keyA, (byte) 1);
        Arrays.fill(keyB, (byte) 2);
        byte[] nonce = new byte[12];
        byte[] plain = "wiped twice".getBytes(StandardCharsets.US_ASCII);

        JcaAead first = new JcaAead(algorithm, keyA, pool);
        first.seal(nonce, AAD, AAD.length, ByteBuffer.wrap(plain), ByteBuffer.allocate(plain.length + 16));
        first.close();

        ByteBuffer sealed = ByteBuffer.allocate(plain.length + 16);
        new JcaAead(algorithm, keyB).seal(nonce, AAD, AAD.length, ByteBuffer.wrap(plain), sealed);
        sealed.flip();
        JcaAead reader = new JcaAead(algorithm, keyB, pool);
        ByteBuffer opened = ByteBuffer.allocate(plain.length);
        reader.open(nonce, AAD, AAD.length, sealed, opened);
        assertArrayEquals(plain, opened.array());
        reader.close();

        CipherPool.Lease lease = pool.acquire();
        assertNull(lease.owner);
        byte[] tag = lease.cipher.doFinal(); // refused (decrypt mode, keyB) had the wipe failed
        javax.crypto.Cipher zeroKeyed = javax.crypto.Cipher.getInstance(algorithm == AeadAlgorithm.CHACHA20_POLY1305
                ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
        byte[] zeros = new byte[algorithm.keyLength()];
        zeroKeyed.init(javax.crypto.Cipher.ENCRYPT_MODE,
                new javax.crypto.spec.SecretKeySpec(zeros, algorithm == AeadAlgorithm.CHACHA20_POLY1305 ? "ChaCha20" : "AES"),
                algorithm == AeadAlgorithm.CHACHA20_POLY1305
                        ? new javax.crypto.spec.IvParameterSpec(lease.lastEncryptNonce)
                        : new javax.crypto.spec.GCMParameterSpec(128, lease.lastEncryptNonce));
        assertArrayEquals(zeroKeyed.doFinal(), tag, "the cipher is keyed with zeros after the second wipe");
    }

    /** SunJCE's refusal to encrypt twice under one key and nonce still catches a reuse by one AEAD instance. */
    @Test
    void oneInstanceSealingTwiceUnderOneNonceIsRefused() {
        JcaAead aead = new JcaAead(AeadAlgorithm.AES_128_GCM, new byte[16]);
        byte[] nonce = new byte[12];
        aead.seal(nonce, AAD, AAD.length, ByteBuffer.wrap(new byte[3]), ByteBuffer.allocate(19));
        TlsAlert e = assertThrows(TlsAlert.class,
                () -> aead.seal(nonce, AAD, AAD.length, ByteBuffer.wrap(new byte[3]), ByteBuffer.allocate(19)));
        assertEquals(AlertDescription.INTERNAL_ERROR, e.alert());
    }
}
