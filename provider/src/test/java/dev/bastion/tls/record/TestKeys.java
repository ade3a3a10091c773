package dev.bastion.tls.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.TrafficKeys;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.function.Executable;

/** Deterministic keys and small buffer helpers for the record tests. */
final class TestKeys {
    private TestKeys() {
    }

    /** TLS 1.3 keys: 12-byte IV. */
    static TrafficKeys tls13(AeadAlgorithm aead, int seed) {
        return new TrafficKeys(aead, bytes(aead.keyLength(), seed), bytes(12, seed + 1));
    }

    /** TLS 1.2 keys: 4-byte salt for AES-GCM, 12-byte IV for ChaCha20-Poly1305. */
    static TrafficKeys tls12(AeadAlgorithm aead, int seed) {
        int ivLength = aead == AeadAlgorithm.CHACHA20_POLY1305 ? 12 : 4;
        return new TrafficKeys(aead, bytes(aead.keyLength(), seed), bytes(ivLength, seed + 1));
    }

    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static ByteBuffer buffer(int capacity, boolean direct) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }

    static ByteBuffer copyOf(byte[] content, boolean direct) {
        ByteBuffer b = buffer(content.length, direct);
        b.put(content).flip();
        return b;
    }

    /** The bytes between 0 and the position of {@code b}. */
    static byte[] written(ByteBuffer b) {
        byte[] out = new byte[b.position()];
        b.duplicate().flip().get(out);
        return out;
    }

    static byte[] range(ByteBuffer b, int from, int to) {
        byte[] out = new byte[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = b.get(i);
        }
        return out;
    }

    static TlsAlert assertAlert(AlertDescription expected, Executable e) {
        TlsAlert alert = assertThrows(TlsAlert.class, e);
        assertEquals(expected, alert.alert(), alert.getMessage());
        return alert;
    }

    static boolean allZero(byte[] b) {
        byte[] zeros = new byte[b.length];
        return Arrays.equals(b, zeros);
    }
}
