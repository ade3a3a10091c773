package dev.bastion.tls.record;

import static dev.bastion.tls.record.TestKeys.assertAlert;
import static dev.bastion.tls.record.TestKeys.written;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.crypto.Aead;
import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.testutil.Hex;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class Tls12AeadProtectionTest {

    /** Every TLS 1.2 suite Bastion offers, through heap, direct and mixed buffers. */
    static Stream<CipherSuite> tls12Suites() {
        return Arrays.stream(CipherSuite.values()).filter(s -> !s.isTls13());
    }

    @ParameterizedTest
    @MethodSource("tls12Suites")
    void roundTripsForEverySuite(CipherSuite suite) {
        AeadAlgorithm alg = suite.aead();
        for (boolean directIn : new boolean[] {false, true}) {
            for (boolean directOut : new boolean[] {false, true}) {
                try (Tls12AeadProtection writer = new Tls12AeadProtection(TestKeys.tls12(alg, suite.code()));
                        Tls12AeadProtection reader = new Tls12AeadProtection(TestKeys.tls12(alg, suite.code()))) {
                    for (int size : new int[] {0, 1, 17, 1000, 16384}) {
                        ContentType type = ContentType.values()[size % 4];
                        byte[] content = TestKeys.bytes(size, size + 1);
                        ByteBuffer wire = TestKeys.buffer(writer.sealedSize(size), directIn);
                        writer.seal(type, TestKeys.copyOf(content, directIn), wire);
                        assertFalse(wire.hasRemaining());
                        wire.flip();
                        ByteBuffer out = TestKeys.buffer(reader.maxPlaintext(wire.remaining()), directOut);
                        assertEquals(type, reader.open(wire, out));
                        assertFalse(wire.hasRemaining());
                        assertFalse(out.hasRemaining(), "maxPlaintext is exact for TLS 1.2");
                        assertArrayEquals(content, written(out), suite + " " + size);
                    }
                }
            }
        }
    }

    /**
     * The record layout from RFC 5246 §6.2.3.3, RFC 5288 §3 (GCM: salt || explicit nonce,
     * the explicit nonce is our sequence number) and RFC 7905 §2 (ChaCha20: IV XOR seq).
     */
    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void recordsMatchAnIndependentConstruction(AeadAlgorithm alg) {
        TrafficKeys keys = TestKeys.tls12(alg, 31);
        try (Tls12AeadProtection writer = new Tls12AeadProtection(keys)) {
            for (long seq = 0; seq < 3; seq++) {
                byte[] content = TestKeys.bytes(40, (int) seq);
                ByteBuffer wire = ByteBuffer.allocate(writer.sealedSize(content.length));
                writer.seal(ContentType.APPLICATION_DATA, ByteBuffer.wrap(content), wire);
                assertEquals(Hex.string(sealRaw(keys, seq, seq, 23, content)), Hex.string(wire.array()), "seq " + seq);
            }
        }
    }

    @Test
    void gcmAcceptsAnyExplicitNonceThePeerChose() {
        TrafficKeys keys = TestKeys.tls12(AeadAlgorithm.AES_256_GCM, 32);
        byte[] content = TestKeys.bytes(20, 1);
        byte[] record = sealRaw(keys, 0, 0x1122334455667788L, 22, content);
        try (Tls12AeadProtection reader = new Tls12AeadProtection(keys)) {
            ByteBuffer out = ByteBuffer.allocate(20);
            assertEquals(ContentType.HANDSHAKE, reader.open(ByteBuffer.wrap(record), out));
            assertArrayEquals(content, out.array());
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sequenceNumberIsAuthenticated(AeadAlgorithm alg) {
        TrafficKeys keys = TestKeys.tls12(alg, 33);
        try (Tls12AeadProtection writer = new Tls12AeadProtection(keys);
                Tls12AeadProtection reader = new Tls12AeadProtection(keys)) {
            byte[] first = seal(writer, ContentType.APPLICATION_DATA, new byte[30]);
            byte[] second = seal(writer, ContentType.APPLICATION_DATA, new byte[30]);
            assertNotEquals(Hex.string(first), Hex.string(second));
            assertEquals(2, writer.sequenceNumber());
            assertAlert(AlertDescription.BAD_RECORD_MAC, () -> open(reader, second)); // replay/reorder
            assertEquals(0, reader.sequenceNumber());
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void tamperingIsBadRecordMacAndLeavesNothingBehind(AeadAlgorithm alg) {
        TrafficKeys keys = TestKeys.tls12(alg, 34);
        byte[] record;
        try (Tls12AeadProtection writer = new Tls12AeadProtection(keys)) {
            record = seal(writer, ContentType.APPLICATION_DATA, TestKeys.bytes(60, 5));
        }
        // type (still a valid type, but authenticated), version, explicit nonce or first
        // ciphertext byte, last ciphertext byte, tag
        int[] positions = {0, 2, 5, 12, record.length - 17, record.length - 1};
        for (int pos : positions) {
            byte[] bad = record.clone();
            bad[pos] ^= (byte) (pos == 0 ? 0x01 : 0x80);
            try (Tls12AeadProtection reader = new Tls12AeadProtection(keys)) {
                ByteBuffer src = ByteBuffer.wrap(bad);
                ByteBuffer dst = ByteBuffer.allocate(100);
                Arrays.fill(dst.array(), (byte) 0x55);
                assertAlert(AlertDescription.BAD_RECORD_MAC, () -> reader.open(src, dst));
                assertEquals(0, src.position());
                assertEquals(0, dst.position());
                assertTrue(TestKeys.allZero(Arrays.copyOf(dst.array(), 60)), "no plaintext left, byte " + pos);
                assertEquals(0, reader.sequenceNumber());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void fragmentShorterThanNonceAndTagIsBadRecordMac(AeadAlgorithm alg) {
        int overhead = alg == AeadAlgorithm.CHACHA20_POLY1305 ? 16 : 24;
        try (Tls12AeadProtection reader = new Tls12AeadProtection(TestKeys.tls12(alg, 35))) {
            for (int length : new int[] {0, 1, overhead - 1}) {
                byte[] record = new byte[5 + length];
                record[0] = 23;
                record[1] = 3;
                record[2] = 3;
                record[4] = (byte) length;
                assertAlert(AlertDescription.BAD_RECORD_MAC, () -> open(reader, record));
            }
        }
    }

    @Test
    void ciphertextAndPlaintextLimitsAreRecordOverflow() {
        try (Tls12AeadProtection gcm = new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.AES_128_GCM, 36));
                Tls12AeadProtection chacha = new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.CHACHA20_POLY1305, 36))) {
            // over 2^14 + 2048
            assertAlert(AlertDescription.RECORD_OVERFLOW, () -> open(gcm, emptyRecord(18433)));
            // within 2^14 + 2048 but the plaintext would exceed 2^14
            assertAlert(AlertDescription.RECORD_OVERFLOW, () -> open(gcm, emptyRecord(16384 + 24 + 1)));
            assertAlert(AlertDescription.RECORD_OVERFLOW, () -> open(chacha, emptyRecord(16384 + 16 + 1)));
            // exactly 2^14 of plaintext is fine as far as limits go (then fails authentication)
            assertAlert(AlertDescription.BAD_RECORD_MAC, () -> open(gcm, emptyRecord(16384 + 24)));
        }
    }

    @ParameterizedTest
    @EnumSource(AeadAlgorithm.class)
    void sequenceNumberRefusesToWrap(AeadAlgorithm alg) {
        TrafficKeys keys = TestKeys.tls12(alg, 37);
        try (Tls12AeadProtection writer = new Tls12AeadProtection(keys); Tls12AeadProtection reader = new Tls12AeadProtection(keys)) {
            writer.setSequenceNumber(-1L);
            reader.setSequenceNumber(-1L);
            byte[] last = seal(writer, ContentType.APPLICATION_DATA, new byte[] {1});
            assertEquals(Hex.string(sealRaw(keys, -1L, -1L, 23, new byte[] {1})), Hex.string(last));
            assertEquals(ContentType.APPLICATION_DATA, open(reader, last));
            assertAlert(AlertDescription.INTERNAL_ERROR, () -> seal(writer, ContentType.APPLICATION_DATA, new byte[] {1}));
            assertAlert(AlertDescription.INTERNAL_ERROR, () -> open(reader, sealRaw(keys, 0, 0, 23, new byte[] {1})));
        }
    }

    @Test
    void sizingAndIvChecks() {
        try (Tls12AeadProtection gcm = new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.AES_128_GCM, 38));
                Tls12AeadProtection chacha = new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.CHACHA20_POLY1305, 38))) {
            assertEquals(5 + 8 + 100 + 16, gcm.sealedSize(100));
            assertEquals(5 + 100 + 16, chacha.sealedSize(100));
            assertEquals(100, gcm.maxPlaintext(5 + 8 + 100 + 16));
            assertEquals(0, chacha.maxPlaintext(10));
            assertThrows(IllegalArgumentException.class,
                    () -> gcm.seal(ContentType.HANDSHAKE, ByteBuffer.allocate(10), ByteBuffer.allocate(38)));
            assertEquals(0, gcm.sequenceNumber());
        }
        assertThrows(IllegalArgumentException.class, () -> new Tls12AeadProtection(TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> new Tls12AeadProtection(new TrafficKeys(AeadAlgorithm.CHACHA20_POLY1305, new byte[32], new byte[4])));
    }

    // ---- helpers -----------------------------------------------------------------------

    private static byte[] seal(Tls12AeadProtection p, ContentType type, byte[] content) {
        ByteBuffer wire = ByteBuffer.allocate(p.sealedSize(content.length));
        p.seal(type, ByteBuffer.wrap(content), wire);
        return wire.array();
    }

    private static ContentType open(Protection p, byte[] record) {
        return p.open(ByteBuffer.wrap(record), ByteBuffer.allocate(20000));
    }

    private static byte[] emptyRecord(int length) {
        byte[] r = new byte[5 + length];
        r[0] = 23;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (length >> 8);
        r[4] = (byte) length;
        return r;
    }

    /** A TLS 1.2 AEAD record built directly from the RFCs, bypassing Tls12AeadProtection. */
    static byte[] sealRaw(TrafficKeys keys, long seq, long explicitNonce, int type, byte[] content) {
        boolean gcm = keys.aead() != AeadAlgorithm.CHACHA20_POLY1305;
        ByteBuffer aad = ByteBuffer.allocate(13).putLong(seq).put((byte) type).putShort((short) 0x0303)
                .putShort((short) content.length);
        byte[] nonce = new byte[12];
        if (gcm) {
            ByteBuffer.wrap(nonce).put(keys.iv()).putLong(explicitNonce);
        } else {
            byte[] s = ByteBuffer.allocate(12).putLong(4, seq).array();
            for (int i = 0; i < 12; i++) {
                nonce[i] = (byte) (keys.iv()[i] ^ s[i]);
            }
        }
        int length = (gcm ? 8 : 0) + content.length + 16;
        ByteBuffer out = ByteBuffer.allocate(5 + length);
        out.put((byte) type).putShort((short) 0x0303).putShort((short) length);
        if (gcm) {
            out.putLong(explicitNonce);
        }
        try (Aead aead = keys.aead().newAead(keys.key())) {
            aead.seal(nonce, aad.array(), 13, ByteBuffer.wrap(content), out);
        }
        return out.array();
    }
}
