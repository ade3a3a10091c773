package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sealing content plus a suffix (TLS 1.3's inner type byte and padding) gives exactly what
 * sealing the joined plaintext gives, for every implementation, heap and direct buffers, and
 * every length across block and chunk boundaries.
 */
class AeadSuffixTest {

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> implementations() {
        return AeadTest.implementations();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void suffixSealEqualsJoinedSeal(Aeads.Implementation impl, AeadAlgorithm alg) {
        Random rnd = new Random(7);
        byte[] key = new byte[alg.keyLength()];
        rnd.nextBytes(key);
        byte[] aad = {23, 3, 3, 0, 0};
        int[] lengths = {0, 1, 15, 16, 17, 63, 64, 65, 2047, 2048, 2049, 16384};
        int[] suffixLengths = {0, 1, 2, 17, 300};
        for (boolean direct : new boolean[] {false, true}) {
            for (int n : lengths) {
                for (int s : suffixLengths) {
                    byte[] content = new byte[n];
                    rnd.nextBytes(content);
                    byte[] suffix = new byte[s + 3];
                    if (s > 0) {
                        suffix[0] = 22;
                    }
                    byte[] nonce = new byte[12];
                    rnd.nextBytes(nonce);

                    byte[] joined = new byte[n + s];
                    System.arraycopy(content, 0, joined, 0, n);
                    System.arraycopy(suffix, 0, joined, n, s);
                    byte[] expected = seal(impl.create(alg, key.clone()), nonce, aad, ByteBuffer.wrap(joined), null, 0, direct);
                    byte[] actual = seal(impl.create(alg, key.clone()), nonce, aad, buffer(content, direct), suffix, s, direct);
                    assertArrayEquals(expected, actual, impl + " " + alg + " n=" + n + " suffix=" + s + " direct=" + direct);

                    ByteBuffer plain = ByteBuffer.allocate(n + s);
                    impl.create(alg, key.clone()).open(nonce, aad, aad.length, ByteBuffer.wrap(actual), plain);
                    assertArrayEquals(joined, plain.array());
                }
            }
        }
    }

    private static byte[] seal(Aead aead, byte[] nonce, byte[] aad, ByteBuffer src, byte[] suffix, int s, boolean direct) {
        int n = src.remaining() + s + AeadAlgorithm.TAG_LENGTH;
        ByteBuffer dst = direct ? ByteBuffer.allocateDirect(n + 7) : ByteBuffer.allocate(n + 7);
        dst.position(3);
        if (suffix == null) {
            aead.seal(nonce, aad, aad.length, src, dst);
        } else {
            aead.seal(nonce, aad, aad.length, src, suffix, s, dst);
        }
        assertEquals(3 + n, dst.position());
        assertEquals(0, src.remaining());
        byte[] out = new byte[n];
        dst.position(3);
        dst.get(out);
        return out;
    }

    private static ByteBuffer buffer(byte[] content, boolean direct) {
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(content.length) : ByteBuffer.allocate(content.length);
        b.put(content).flip();
        return b;
    }
}
