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
