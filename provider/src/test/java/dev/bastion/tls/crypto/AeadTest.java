package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.Hex;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One AEAD test run against every implementation ({@link Aeads.Implementation}) and every
 * buffer layout ({@link AeadBufferLayout}).
 */
class AeadTest {
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;

    static Stream<Arguments> implementations() {
        List<Arguments> out = new ArrayList<>();
        for (Aeads.Implementation impl : Aeads.Implementation.values()) {
            for (AeadAlgorithm alg : AeadAlgorithm.values()) {
                if (impl.supports(alg)) {
                    out.add(Arguments.of(impl, alg));
                }
            }
        }
        return out.stream();
    }

    static Stream<Aeads.Implementation> chachaImplementations() {
        return Arrays.stream(Aeads.Implementation.values()).filter(i -> i.supports(AeadAlgorithm.CHACHA20_POLY1305));
    }

    static Stream<Aeads.Implementation> gcmImplementations() {
        return Arrays.stream(Aeads.Implementation.values()).filter(i -> i.supports(AeadAlgorithm.AES_128_GCM));
    }

    /** Null if a failed open left the buffers as the {@link Aead} contract says, otherwise what went wrong. */
    static String checkFailedOpen(AeadBufferLayout.Pair p, int n) {
        if (p.src().position() != p.srcStart() || p.dst().position() != p.dstStart()) {
            return "positions moved after a failed open";
        }
        if (!Arrays.equals(new byte[n], p.output(n))) {
            return "output region not zeroed after a failed open";
        }
        if (!p.canaryIntact(n)) {
            return "wrote outside the output region";
        }
        return null;
    }

    // ---- RFC 8439 ----

    /** RFC 8439 §2.8.2: the AEAD_CHACHA20_POLY1305 example. */
    @ParameterizedTest
    @MethodSource("chachaImplementations")
    void rfc8439AeadVector(Aeads.Implementation impl) {
        byte[] plaintext = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] aad = Hex.bytes("50515253c0c1c2c3c4c5c6c7");
        byte[] key = Hex.bytes("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
        byte[] nonce = Hex.bytes("070000004041424344454647");
        byte[] expected = Hex.bytes("""
                d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d6
                3dbea45e8ca9671282fafb69da92728b1a71de0a9e060b2905d6a5b67ecd3b36
                92ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc
                3ff4def08e4b7a9de576d26586cec64b6116
                1ae10b594f09e26a7e902ecbd0600691""");
        for (AeadBufferLayout layout : AeadBufferLayout.values()) {
            try (Aead aead = impl.create(AeadAlgorithm.CHACHA20_POLY1305, key)) {
                AeadBufferLayout.Pair p = layout.prepare(plaintext, expected.length);
                aead.seal(nonce, aad, aad.length, p.src(), p.dst());
                assertArrayEquals(expected, p.output(expected.length), layout.toString());
                assertEquals(p.srcStart() + plaintext.length, p.src().position(), layout + " src position");
                assertEquals(p.dstStart() + expected.length, p.dst().position(), layout + " dst position");
                assertTrue(p.canaryIntact(expected.length), layout + " wrote outside the output");
                AeadBufferLayout.Pair q = layout.prepare(expected, plaintext.length);
                aead.open(nonce, aad, aad.length, q.src(), q.dst());
                assertArrayEquals(plaintext, q.output(plaintext.length), layout.toString());
                assertEquals(q.srcStart() + expected.length, q.src().position(), layout + " src position");
                assertEquals(q.dstStart() + plaintext.length, q.dst().position(), layout + " dst position");
            }
        }
    }

    // ---- tampering, round trips, reuse ----

    enum Tamper { TAG, CIPHERTEXT, AAD, TRUNCATED_TO_TAG, SHORTER_THAN_TAG }

    @ParameterizedTest
    @MethodSource("implementations")
    void tamperedRecordsFailWithBadRecordMacAndZeroedOutput(Aeads.Implementation impl, AeadAlgorithm alg) {
        byte[] key = bytes(alg.keyLength(), 1);
        byte[] nonce = bytes(12, 2);
        byte[] aad = bytes(13, 3);
        for (int length : new int[] {1, 100, 5000}) {
            byte[] sealed = seal(impl, alg, key, nonce, aad, bytes(length, 4));
            for (Tamper t : Tamper.values()) {
                byte[] record = sealed.clone();
                byte[] a = aad.clone();
                switch (t) {
                    case TAG -> record[record.length - 1] ^= 1;
                    case CIPHERTEXT -> record[length / 2] ^= (byte) 0x80;
                    case AAD -> a[12] ^= 1;
                    case TRUNCATED_TO_TAG -> record = Arrays.copyOfRange(sealed, length, sealed.length);
                    case SHORTER_THAN_TAG -> record = Arrays.copyOf(sealed, TAG - 1);
                }
                int n = Math.max(0, record.length - TAG);
                for (AeadBufferLayout layout : AeadBufferLayout.values()) {
                    try (Aead aead = impl.create(alg, key)) {
                        AeadBufferLayout.Pair p = layout.prepare(record, n);
                        TlsAlert e = assertThrows(TlsAlert.class, () -> aead.open(nonce, a, a.length, p.src(), p.dst()),
                                t + " " + layout);
                        assertEquals(AlertDescription.BAD_RECORD_MAC, e.alert(), t + " " + layout);
                        assertEquals(null, checkFailedOpen(p, n), t + " " + layout);
                    }
                }
            }
        }
    }

    /** Every implementation produces the same bytes, and each opens what any other sealed. */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void implementationsAgreeOnEverySizeAndLayout(AeadAlgorithm alg) {
        Random random = new Random(alg.ordinal());
        byte[] key = bytes(alg.keyLength(), 9);
        List<Aeads.Implementation> impls = Arrays.stream(Aeads.Implementation.values()).filter(i -> i.supports(alg)).toList();
        int[] sizes = {0, 1, 15, 16, 17, 63, 64, 65, 255, 2047, 2048, 2049, 4097, 16384, 16384 + 256};
        for (int size : sizes) {
            byte[] msg = new byte[size];
            random.nextBytes(msg);
            byte[] nonce = new byte[12];
            random.nextBytes(nonce);
            byte[] aad = new byte[random.nextInt(14)];
            random.nextBytes(aad);
            byte[] reference = seal(impls.get(0), alg, key, nonce, aad, msg);
            for (Aeads.Implementation sealer : impls) {
                for (AeadBufferLayout layout : AeadBufferLayout.values()) {
                    try (Aead aead = sealer.create(alg, key)) {
                        AeadBufferLayout.Pair p = layout.prepare(msg, size + TAG);
                        aead.seal(nonce, aad, aad.length, p.src(), p.dst());
                        assertArrayEquals(reference, p.output(size + TAG), sealer + " " + layout + " size " + size);
                        assertTrue(p.canaryIntact(size + TAG), sealer + " " + layout + " wrote outside the output");
                        assertEquals(p.dstStart() + size + TAG, p.dst().position());
                    }
                }
                for (Aeads.Implementation opener : impls) {
                    for (AeadBufferLayout layout : AeadBufferLayout.values()) {
                        try (Aead aead = opener.create(alg, key)) {
                            AeadBufferLayout.Pair p = layout.prepare(reference, size);
                            aead.open(nonce, aad, aad.length, p.src(), p.dst());
                            assertArrayEquals(msg, p.output(size), opener + " " + layout + " size " + size);
                            assertTrue(p.canaryIntact(size), opener + " " + layout + " wrote outside the output");
                            assertEquals(p.dstStart() + size, p.dst().position());
                        }
                    }
                }
            }
        }
    }

    /**
     * One instance protects a whole direction: many records with successive nonces, and a
     * record that fails followed by another one under the same nonce (a server skipping
     * rejected 0-RTT data decrypts with the same sequence number again, RFC 8446 §4.2.10).
     */
    @ParameterizedTest
    @MethodSource("implementations")
    void instanceIsReusedAcrossRecordsAndAfterAFailure(Aeads.Implementation impl, AeadAlgorithm alg) {
        byte[] key = bytes(alg.keyLength(), 5);
        byte[] aad = bytes(5, 6);
        try (Aead sealer = impl.create(alg, key); Aead opener = impl.create(alg, key)) {
            for (int seq = 0; seq < 50; seq++) {
                byte[] nonce = bytes(12, 7);
                nonce[11] ^= (byte) seq;
                byte[] msg = bytes(seq * 37, seq);
                ByteBuffer ct = ByteBuffer.allocate(msg.length + TAG);
                sealer.seal(nonce, aad, aad.length, ByteBuffer.wrap(msg), ct);
                byte[] bad = ct.array().clone();
                bad[0] ^= 1;
                assertThrows(TlsAlert.class, () -> opener.open(nonce, aad, aad.length, ByteBuffer.wrap(bad),
                        ByteBuffer.allocate(msg.length)));
                ByteBuffer pt = ByteBuffer.allocate(msg.length);
                opener.open(nonce, aad, aad.length, ByteBuffer.wrap(ct.array()), pt);
                assertArrayEquals(msg, pt.array(), "record " + seq);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void wrongKeyOrNonceLengthIsALocalError(Aeads.Implementation impl, AeadAlgorithm alg) {
        assertThrows(IllegalArgumentException.class, () -> impl.create(alg, new byte[alg.keyLength() - 1]));
        try (Aead aead = impl.create(alg, new byte[alg.keyLength()])) {
            assertThrows(IllegalArgumentException.class,
                    () -> aead.open(new byte[8], new byte[0], 0, ByteBuffer.allocate(TAG), ByteBuffer.allocate(0)));
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void factoryChecksTheKeyAndNamesTheAlgorithm(AeadAlgorithm alg) {
        assertThrows(IllegalArgumentException.class, () -> alg.newAead(new byte[alg.keyLength() + 1]));
        try (Aead aead = alg.newAead(new byte[alg.keyLength()])) {
            assertEquals(alg, aead.algorithm());
        }
    }

    /**
     * The record path allocates nothing once warm (DESIGN.md): checked where we claim it.
     * The per-thread allocation counter is read through reflection because the test classes
     * are compiled into the module, which does not read java.management. Reading the counter
     * and JIT activity can add a few bytes to a round, so the least of several rounds of 100
     * records must be zero; an allocation per record would show in every round.
     */
    @Test
    void rfc8439CompositionAllocatesNothingPerRecord() throws ReflectiveOperationException {
        Object bean = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
        Class<?> sunBean = Class.forName("com.sun.management.ThreadMXBean");
        assumeTrue(sunBean.isInstance(bean), "no per-thread allocation counter on this JVM");
        Method counter = sunBean.getMethod("getCurrentThreadAllocatedBytes");
        Object[] noArguments = new Object[0];
        long overhead = Long.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            long a = (Long) counter.invoke(bean, noArguments);
            long b = (Long) counter.invoke(bean, noArguments);
            overhead = Math.min(overhead, b - a);
        }
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer pt = direct ? ByteBuffer.allocateDirect(5000) : ByteBuffer.allocate(5000);
            ByteBuffer ct = direct ? ByteBuffer.allocateDirect(5016) : ByteBuffer.allocate(5016);
            byte[] nonce = new byte[12];
            byte[] aad = new byte[13];
            long least = Long.MAX_VALUE;
            try (Aead aead = Aeads.Implementation.RFC8439.create(AeadAlgorithm.CHACHA20_POLY1305, new byte[32])) {
                for (int round = 0; round < 10 && least > 0; round++) {
                    long before = (Long) counter.invoke(bean, noArguments);
                    for (int i = 0; i < 100; i++) {
                        nonce[0] = (byte) i;
                        nonce[1] = (byte) round;
                        pt.clear();
                        ct.clear();
                        aead.seal(nonce, aad, aad.length, pt, ct);
                        ct.flip();
                        pt.clear();
                        aead.open(nonce, aad, aad.length, ct, pt);
                    }
                    long allocated = (Long) counter.invoke(bean, noArguments) - before - overhead;
                    if (round > 0) {
                        least = Math.min(least, allocated);
                    }
                }
            }
            assertEquals(0, least, (direct ? "direct" : "heap") + ": bytes allocated by 100 seal+open pairs");
        }
    }

    // ---- helpers ----

    private static byte[] seal(Aeads.Implementation impl, AeadAlgorithm alg, byte[] key, byte[] nonce, byte[] aad, byte[] msg) {
        try (Aead aead = impl.create(alg, key)) {
            ByteBuffer out = ByteBuffer.allocate(msg.length + TAG);
            aead.seal(nonce, aad, aad.length, ByteBuffer.wrap(msg), out);
            return out.array();
        }
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
