package dev.bastion.tls.record;

import static dev.bastion.tls.record.Rfc8448Records.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.testutil.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Bastion's TLS 1.3 record protection reproduces the protected records of RFC 8448 byte for
 * byte, from the RFC's plaintext messages and traffic keys, and opens them back.
 */
class Rfc8448RecordTest {

    @Test
    void section3SimpleOneRtt() {
        byte[] serverFlight = concat(S3_ENCRYPTED_EXTENSIONS, S3_CERTIFICATE, S3_CERTIFICATE_VERIFY, S3_SERVER_FINISHED);
        try (Side server = new Side(S3_SERVER_HS_KEY, S3_SERVER_HS_IV)) {
            server.expect(ContentType.HANDSHAKE, serverFlight, S3_SERVER_HANDSHAKE_RECORD);
        }
        try (Side client = new Side(S3_CLIENT_HS_KEY, S3_CLIENT_HS_IV)) {
            client.expect(ContentType.HANDSHAKE, S3_CLIENT_FINISHED, S3_CLIENT_FINISHED_RECORD);
        }
        try (Side server = new Side(S3_SERVER_AP_KEY, S3_SERVER_AP_IV)) {
            server.expect(ContentType.HANDSHAKE, S3_NEW_SESSION_TICKET, S3_SERVER_TICKET_RECORD);   // seq 0
            server.expect(ContentType.APPLICATION_DATA, APPLICATION_DATA_50, S3_SERVER_APPDATA_RECORD); // seq 1
            server.expect(ContentType.ALERT, CLOSE_NOTIFY, S3_SERVER_ALERT_RECORD);                 // seq 2
        }
        try (Side client = new Side(S3_CLIENT_AP_KEY, S3_CLIENT_AP_IV)) {
            client.expect(ContentType.APPLICATION_DATA, APPLICATION_DATA_50, S3_CLIENT_APPDATA_RECORD); // seq 0
            client.expect(ContentType.ALERT, CLOSE_NOTIFY, S3_CLIENT_ALERT_RECORD);                 // seq 1
        }
    }

    @Test
    void section4ResumedZeroRtt() {
        try (Side early = new Side(S4_CLIENT_EARLY_KEY, S4_CLIENT_EARLY_IV)) {
            early.expect(ContentType.APPLICATION_DATA, S4_EARLY_DATA, S4_CLIENT_EARLY_DATA_RECORD); // seq 0
            early.expect(ContentType.HANDSHAKE, S4_END_OF_EARLY_DATA, S4_END_OF_EARLY_DATA_RECORD); // seq 1
        }
        try (Side server = new Side(S4_SERVER_HS_KEY, S4_SERVER_HS_IV)) {
            server.expect(ContentType.HANDSHAKE, concat(S4_ENCRYPTED_EXTENSIONS, S4_SERVER_FINISHED),
                    S4_SERVER_HANDSHAKE_RECORD);
        }
        try (Side client = new Side(S4_CLIENT_HS_KEY, S4_CLIENT_HS_IV)) {
            client.expect(ContentType.HANDSHAKE, S4_CLIENT_FINISHED, S4_CLIENT_FINISHED_RECORD);
        }
        try (Side client = new Side(S4_CLIENT_AP_KEY, S4_CLIENT_AP_IV)) {
            client.expect(ContentType.APPLICATION_DATA, APPLICATION_DATA_50, S4_CLIENT_APPDATA_RECORD);
            client.expect(ContentType.ALERT, CLOSE_NOTIFY, S4_CLIENT_ALERT_RECORD);
        }
        try (Side server = new Side(S4_SERVER_AP_KEY, S4_SERVER_AP_IV)) {
            server.expect(ContentType.APPLICATION_DATA, APPLICATION_DATA_50, S4_SERVER_APPDATA_RECORD);
            server.expect(ContentType.ALERT, CLOSE_NOTIFY, S4_SERVER_ALERT_RECORD);
        }
    }

    /** The RFC's messages come back out of the reassembler exactly as the RFC lists them. */
    @Test
    void section3ServerFlightSplitsIntoTheRfcMessages() {
        try (Tls13Protection reader = new Tls13Protection(keys(S3_SERVER_HS_KEY, S3_SERVER_HS_IV))) {
            ByteBuffer out = ByteBuffer.allocate(reader.maxPlaintext(S3_SERVER_HANDSHAKE_RECORD.length));
            assertEquals(ContentType.HANDSHAKE, reader.open(ByteBuffer.wrap(S3_SERVER_HANDSHAKE_RECORD), out));
            HandshakeAssembler assembler = new HandshakeAssembler();
            assembler.add(out.flip());
            byte[][] expected = {S3_ENCRYPTED_EXTENSIONS, S3_CERTIFICATE, S3_CERTIFICATE_VERIFY, S3_SERVER_FINISHED};
            int[] types = {8, 11, 15, 20};
            for (int i = 0; i < expected.length; i++) {
                RawHandshakeMessage m = assembler.next().orElseThrow();
                assertEquals(types[i], m.type());
                assertArrayEquals(expected[i], m.encoding());
            }
            assertEquals(true, assembler.isEmpty());
        }
    }

    /**
     * RFC 8448 §5 prints the protected records but not every plaintext message; opening them
     * must give well-formed content, and sealing that content again must give the RFC's bytes.
     */
    @Test
    void section5HelloRetryRequest() {
        byte[] flight = openAndReseal(S5_SERVER_HS_KEY, S5_SERVER_HS_IV, ContentType.HANDSHAKE, S5_SERVER_HANDSHAKE_RECORD);
        HandshakeAssembler assembler = new HandshakeAssembler();
        assembler.add(ByteBuffer.wrap(flight));
        for (int type : new int[] {8, 11, 15, 20}) { // EncryptedExtensions, Certificate, CertificateVerify, Finished
            assertEquals(type, assembler.next().orElseThrow().type());
        }
        assertEquals(true, assembler.isEmpty());

        byte[] finished = openAndReseal(S5_CLIENT_HS_KEY, S5_CLIENT_HS_IV, ContentType.HANDSHAKE, S5_CLIENT_FINISHED_RECORD);
        assertEquals("14000020", Hex.string(Arrays.copyOf(finished, 4)));
        assertEquals(36, finished.length);

        assertArrayEquals(CLOSE_NOTIFY, openAndReseal(S5_CLIENT_AP_KEY, S5_CLIENT_AP_IV, ContentType.ALERT, S5_CLIENT_ALERT_RECORD));
        assertArrayEquals(CLOSE_NOTIFY, openAndReseal(S5_SERVER_AP_KEY, S5_SERVER_AP_IV, ContentType.ALERT, S5_SERVER_ALERT_RECORD));
    }

    /** The plaintext records of §5: the first ClientHello uses legacy_record_version 0x0301. */
    @Test
    void section5PlaintextRecords() {
        assertPlaintextRoundTrip(NullProtection.lenient(0x0301), S5_CLIENT_HELLO_1_RECORD);
        assertPlaintextRoundTrip(NullProtection.TLS12, S5_HELLO_RETRY_REQUEST_RECORD);
        assertEquals(0x0301, NullProtection.INITIAL.writeVersion());
    }

    private static void assertPlaintextRoundTrip(NullProtection state, byte[] record) {
        RecordReader reader = new RecordReader();
        ByteBuffer in = ByteBuffer.wrap(record);
        assertEquals(0, reader.missing(in));
        ByteBuffer content = ByteBuffer.allocate(reader.plaintextRoom());
        assertEquals(ContentType.HANDSHAKE, reader.read(in, content));
        ByteBuffer wire = ByteBuffer.allocate(record.length);
        state.seal(ContentType.HANDSHAKE, content.flip(), wire);
        assertEquals(Hex.string(record), Hex.string(wire.array()));
    }

    private static byte[] openAndReseal(byte[] key, byte[] iv, ContentType expected, byte[] rfcRecord) {
        try (Tls13Protection reader = new Tls13Protection(keys(key, iv));
                Tls13Protection writer = new Tls13Protection(keys(key, iv))) {
            ByteBuffer plain = ByteBuffer.allocate(reader.maxPlaintext(rfcRecord.length));
            assertEquals(expected, reader.open(ByteBuffer.wrap(rfcRecord), plain));
            byte[] content = Arrays.copyOf(plain.array(), plain.position());
            ByteBuffer wire = ByteBuffer.allocate(writer.sealedSize(content.length));
            writer.seal(expected, ByteBuffer.wrap(content), wire);
            assertEquals(Hex.string(rfcRecord), Hex.string(wire.array()));
            return content;
        }
    }

    private static TrafficKeys keys(byte[] key, byte[] iv) {
        return new TrafficKeys(AeadAlgorithm.AES_128_GCM, key.clone(), iv.clone());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** One direction: a writer and a reader with the same RFC keys, advancing in step. */
    private static final class Side implements AutoCloseable {
        final Tls13Protection writer;
        final Tls13Protection reader;

        Side(byte[] key, byte[] iv) {
            writer = new Tls13Protection(keys(key, iv));
            reader = new Tls13Protection(keys(key, iv));
        }

        void expect(ContentType type, byte[] content, byte[] rfcRecord) {
            long seq = writer.sequenceNumber();
            ByteBuffer wire = ByteBuffer.allocate(writer.sealedSize(content.length));
            writer.seal(type, ByteBuffer.wrap(content), wire);
            assertEquals(rfcRecord.length, wire.position(), "record length at seq " + seq);
            assertEquals(Hex.string(rfcRecord), Hex.string(Arrays.copyOf(wire.array(), wire.position())),
                    type + " record at seq " + seq);

            ByteBuffer in = ByteBuffer.wrap(rfcRecord);
            ByteBuffer plain = ByteBuffer.allocate(reader.maxPlaintext(rfcRecord.length));
            assertEquals(type, reader.open(in, plain));
            assertEquals(rfcRecord.length, in.position());
            assertArrayEquals(content, Arrays.copyOf(plain.array(), plain.position()));
        }

        @Override
        public void close() {
            writer.close();
            reader.close();
        }
    }
}
