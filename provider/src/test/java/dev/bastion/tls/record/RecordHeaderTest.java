package dev.bastion.tls.record;

import static dev.bastion.tls.record.TestKeys.assertAlert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.testutil.Hex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordHeaderTest {
    private final RecordHeader header = new RecordHeader();

    @Test
    void contentTypesMapTheirCodes() {
        for (ContentType t : ContentType.values()) {
            assertEquals(t, ContentType.of(t.code()));
        }
        assertEquals(20, ContentType.CHANGE_CIPHER_SPEC.code());
        assertEquals(21, ContentType.ALERT.code());
        assertEquals(22, ContentType.HANDSHAKE.code());
        assertEquals(23, ContentType.APPLICATION_DATA.code());
        assertEquals("application_data", ContentType.APPLICATION_DATA.rfcName());
    }

    @Test
    void heartbeatIsUnexpectedMessage() {
        TlsAlert a = assertAlert(AlertDescription.UNEXPECTED_MESSAGE, () -> ContentType.of(24));
        assertTrue(a.getMessage().contains("heartbeat"), a.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 19, 25, 0x80, 0xFF})
    void unknownContentTypesAreUnexpectedMessage(int code) {
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, () -> ContentType.of(code));
    }

    @Test
    void reportsMissingBytesWithoutConsuming() {
        byte[] record = Hex.bytes("16 03 01 00 04 01 02 03 04");
        for (int have = 0; have < record.length; have++) {
            ByteBuffer in = ByteBuffer.wrap(record, 0, have);
            int missing = header.parse(in, NullProtection.INITIAL);
            // below 5 bytes only the header's own shortfall is known
            int expected = have < 5 ? 5 - have : record.length - have;
            assertEquals(expected, missing, "with " + have + " bytes");
            assertEquals(0, in.position());
            assertEquals(have >= 5, header.isValid());
        }
        ByteBuffer whole = ByteBuffer.wrap(record);
        assertEquals(0, header.parse(whole, NullProtection.INITIAL));
        assertEquals(0, whole.position());
        assertEquals(ContentType.HANDSHAKE, header.type());
        assertEquals(0x0301, header.version());
        assertEquals(4, header.fragmentLength());
        assertEquals(9, header.recordLength());
    }

    @Test
    void parsesAtTheBufferPositionAndIgnoresFollowingBytes() {
        ByteBuffer in = ByteBuffer.wrap(Hex.bytes("ff ff 15 03 03 00 02 01 00 17 03 03"));
        in.position(2);
        assertEquals(0, header.parse(in, NullProtection.TLS12));
        assertEquals(ContentType.ALERT, header.type());
        assertEquals(7, header.recordLength());
    }

    @Test
    void accessorsRefuseBeforeAHeaderWasParsed() {
        assertThrows(IllegalStateException.class, header::type);
        header.parse(ByteBuffer.wrap(new byte[] {22, 3}), NullProtection.INITIAL);
        assertFalse(header.isValid());
        assertThrows(IllegalStateException.class, header::recordLength);
    }

    @Test
    void plainHttpIsProtocolVersionWithAHint() {
        ByteBuffer in = ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        TlsAlert a = assertAlert(AlertDescription.PROTOCOL_VERSION, () -> header.parse(in, NullProtection.INITIAL));
        assertTrue(a.getMessage().contains("plaintext connection?"), a.getMessage());
        assertTrue(a.getMessage().contains("GET /"), a.getMessage());
        assertEquals(0, in.position());
    }

    @Test
    void sslV2ClientHelloIsProtocolVersion() {
        // SSLv2-format ClientHello (RFC 5246 §E.2): 2-byte length with the high bit, msg_type 1, version 3,1
        ByteBuffer in = ByteBuffer.wrap(Hex.bytes("80 2e 01 03 01 00 15 00 00 00 10"));
        TlsAlert a = assertAlert(AlertDescription.PROTOCOL_VERSION, () -> header.parse(in, NullProtection.INITIAL));
        assertTrue(a.getMessage().contains("SSLv2"), a.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0000, 0x0200, 0x0203, 0x0403, 0xFE03, 0x7F03})
    void majorVersionOtherThanThreeIsProtocolVersion(int version) {
        ByteBuffer in = ByteBuffer.wrap(new byte[] {22, (byte) (version >> 8), (byte) version, 0, 1, 1});
        assertAlert(AlertDescription.PROTOCOL_VERSION, () -> header.parse(in, NullProtection.INITIAL));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x0300, 0x0301, 0x0302, 0x0303, 0x0304})
    void firstRecordsAcceptAnyTlsVersion(int version) {
        assertEquals(1, header.parse(record(22, version, 1), NullProtection.INITIAL)); // the 1-byte fragment is missing
        assertEquals(version, header.version());
    }

    @Test
    void versionsAboveTls13AreRefusedEvenBeforeNegotiation() {
        assertAlert(AlertDescription.PROTOCOL_VERSION, () -> header.parse(record(22, 0x0305, 1), NullProtection.INITIAL));
    }

    @Test
    void protectedAndStrictStatesRequire0x0303() {
        Protection[] strict = {NullProtection.TLS12, new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 1)),
            new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.AES_128_GCM, 1))};
        for (Protection p : strict) {
            assertEquals(1, header.parse(record(22, 0x0303, 1), p));
            assertAlert(AlertDescription.PROTOCOL_VERSION, () -> header.parse(record(21, 0x0301, 2), p));
            assertAlert(AlertDescription.PROTOCOL_VERSION, () -> header.parse(record(21, 0x0304, 2), p));
            p.close();
        }
    }

    /**
     * A TLS 1.3 server's first read key takes the plaintext alert of a client without keys; that
     * alert carries whatever version the client gave its ClientHello's record (0x0301 from
     * testssl.sh and other clients), so any 0x03xx up to 0x0304 is read. Only the alert, only
     * until the client's first protected record.
     */
    @Test
    void plaintextAlertOfAClientWithoutKeysMayCarryItsClientHelloVersion() {
        TrafficKeys keys = TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 2);
        try (Tls13Protection writer = new Tls13Protection(keys); Tls13Protection p = new Tls13Protection(keys)) {
            p.acceptPlaintextAlertsUntilFirstRecord();
            for (int version : new int[] {0x0300, 0x0301, 0x0302, 0x0303, 0x0304}) {
                assertEquals(2, header.parse(record(21, version, 2), p), "header accepted, the 2 alert bytes to come");
            }
            assertAlert(AlertDescription.PROTOCOL_VERSION, () -> header.parse(record(21, 0x0305, 2), p));
            assertAlert(AlertDescription.PROTOCOL_VERSION, () -> header.parse(record(23, 0x0301, 20), p));
            assertAlert(AlertDescription.PROTOCOL_VERSION, () -> header.parse(record(22, 0x0301, 4), p));
            ByteBuffer protectedRecord = ByteBuffer.allocate(64);
            writer.seal(ContentType.APPLICATION_DATA, ByteBuffer.wrap(new byte[] {7}), protectedRecord);
            p.open(protectedRecord.flip(), ByteBuffer.allocate(64));
            assertAlert(AlertDescription.PROTOCOL_VERSION, () -> header.parse(record(21, 0x0301, 2), p));
            assertEquals(2, header.parse(record(21, 0x0303, 2), p), "0x0303 passes the header; open refuses the record");
        }
    }

    @Test
    void unknownTypeWithTlsVersionIsUnexpectedMessage() {
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, () -> header.parse(record(24, 0x0303, 3), NullProtection.INITIAL));
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, () -> header.parse(record(99, 0x0303, 3), NullProtection.INITIAL));
    }

    @Test
    void plaintextLengthLimitIsCheckedFromTheHeaderAlone() {
        assertEquals(16384, header.parse(record(22, 0x0301, 16384), NullProtection.INITIAL));
        TlsAlert a = assertAlert(AlertDescription.RECORD_OVERFLOW,
                () -> header.parse(record(22, 0x0301, 16385), NullProtection.INITIAL));
        assertTrue(a.getMessage().contains("16385"), a.getMessage());
    }

    /** RFC 8446 §4.2.10, §5.2: 0-RTT records skipped before any keys (after a HelloRetryRequest) are TLSCiphertext. */
    @Test
    void plaintextStateFramesApplicationDataAsTls13Ciphertext() {
        assertEquals(16640, header.parse(record(23, 0x0303, 16640), NullProtection.INITIAL));
        assertAlert(AlertDescription.RECORD_OVERFLOW, () -> header.parse(record(23, 0x0303, 16641), NullProtection.INITIAL));
        assertAlert(AlertDescription.RECORD_OVERFLOW, () -> header.parse(record(23, 0x0303, 16641), NullProtection.TLS12));
    }

    @Test
    void tls13CiphertextLimit() {
        try (Tls13Protection p = new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_256_GCM, 2))) {
            assertEquals(16640, header.parse(record(23, 0x0303, 16640), p));
            assertAlert(AlertDescription.RECORD_OVERFLOW, () -> header.parse(record(23, 0x0303, 16641), p));
            // unprotected types (the compatibility CCS) keep the plaintext limit
            assertAlert(AlertDescription.RECORD_OVERFLOW, () -> header.parse(record(20, 0x0303, 16385), p));
        }
    }

    @Test
    void tls12CiphertextLimit() {
        try (Tls12AeadProtection p = new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.CHACHA20_POLY1305, 3))) {
            assertEquals(18432, header.parse(record(22, 0x0303, 18432), p));
            assertAlert(AlertDescription.RECORD_OVERFLOW, () -> header.parse(record(22, 0x0303, 18433), p));
            assertAlert(AlertDescription.RECORD_OVERFLOW, () -> header.parse(record(23, 0x0303, 0xFFFF), p));
        }
    }

    /** A header only: the fragment need not be there for the checks. */
    private static ByteBuffer record(int type, int version, int length) {
        return ByteBuffer.wrap(new byte[] {(byte) type, (byte) (version >> 8), (byte) version,
            (byte) (length >> 8), (byte) length});
    }
}
