package dev.bastion.tls.record;

import static dev.bastion.tls.record.TestKeys.written;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.AeadAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RecordWriterTest {
    private static final byte[] PAYLOAD = TestKeys.bytes(100 * 1024, 100);

    @Test
    void fragments100KbIntoFullRecordsAndReadsThemBack() {
        checkFragmentation(() -> new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 40)), 16384, 7);
        checkFragmentation(() -> new Tls13Protection(TestKeys.tls13(AeadAlgorithm.CHACHA20_POLY1305, 41)), 16384, 7);
        checkFragmentation(() -> new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.AES_256_GCM, 42)), 16384, 7);
        checkFragmentation(() -> new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.CHACHA20_POLY1305, 43)), 1000, 103);
        checkFragmentation(() -> new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_256_GCM, 44)), 512, 200);
    }

    private static void checkFragmentation(Supplier<Protection> keys, int maxFragment, int expectedRecords) {
        try (RecordWriter writer = new RecordWriter(); RecordReader reader = new RecordReader()) {
            writer.setProtection(keys.get());
            reader.setProtection(keys.get());
            writer.setMaxFragmentLength(maxFragment);
            ByteBuffer src = ByteBuffer.wrap(PAYLOAD);
            ByteBuffer net = ByteBuffer.allocateDirect(writer.sealedSize(PAYLOAD.length));
            assertEquals(expectedRecords, writer.write(ContentType.APPLICATION_DATA, src, net));
            assertEquals(PAYLOAD.length, writer.bytesConsumed());
            assertEquals(net.capacity(), writer.bytesProduced());
            assertFalse(src.hasRemaining());
            assertFalse(net.hasRemaining(), "sealedSize predicts the output exactly");

            net.flip();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer app = ByteBuffer.allocate(RecordLimits.MAX_PLAINTEXT + 1);
            int records = 0;
            while (net.hasRemaining()) {
                assertEquals(0, reader.missing(net));
                assertTrue(reader.header().fragmentLength() <= maxFragment + 256);
                app.clear();
                assertTrue(app.remaining() >= reader.plaintextRoom());
                assertEquals(ContentType.APPLICATION_DATA, reader.read(net, app));
                assertTrue(app.position() <= maxFragment);
                received.write(app.array(), 0, app.position());
                records++;
            }
            assertEquals(expectedRecords, records);
            assertArrayEquals(PAYLOAD, received.toByteArray());
        }
    }

    @Test
    void writesOnlyWholeRecordsThatFit() {
        try (RecordWriter writer = new RecordWriter()) {
            writer.setProtection(new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 45)));
            int full = writer.maxRecordSize();
            assertEquals(5 + 16384 + 1 + 16, full);
            ByteBuffer src = ByteBuffer.wrap(PAYLOAD);
            ByteBuffer net = ByteBuffer.allocate(2 * full + full / 2);
            assertEquals(2, writer.write(ContentType.APPLICATION_DATA, src, net));
            assertEquals(2 * 16384, writer.bytesConsumed());
            assertEquals(2 * full, writer.bytesProduced());
            assertEquals(2 * 16384, src.position());
            // no room for another whole record: nothing happens, which an engine reports as BUFFER_OVERFLOW
            assertEquals(0, writer.write(ContentType.APPLICATION_DATA, src, net));
            assertEquals(0, writer.bytesConsumed());
            assertEquals(0, writer.bytesProduced());
            assertFalse(writer.writeRecord(ContentType.APPLICATION_DATA, src, net));
            assertEquals(2 * 16384, src.position());
            assertEquals(2 * full, net.position());
        }
    }

    @Test
    void writeRecordWritesExactlyOneRecord() {
        try (RecordWriter writer = new RecordWriter()) {
            writer.setProtection(new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.AES_128_GCM, 46)));
            ByteBuffer src = ByteBuffer.wrap(PAYLOAD);
            ByteBuffer net = ByteBuffer.allocate(100_000);
            assertTrue(writer.writeRecord(ContentType.APPLICATION_DATA, src, net));
            assertEquals(16384, writer.bytesConsumed());
            assertEquals(5 + 8 + 16384 + 16, writer.bytesProduced());
            assertEquals(16384, src.position());
            assertEquals(PAYLOAD.length, src.limit(), "the caller's limit is restored");
        }
    }

    @Test
    void emptyRecordsOnlyForApplicationData() {
        try (RecordWriter writer = new RecordWriter(); RecordReader reader = new RecordReader()) {
            writer.setProtection(new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 47)));
            reader.setProtection(new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 47)));
            ByteBuffer net = ByteBuffer.allocate(100);
            assertThrows(IllegalArgumentException.class,
                    () -> writer.writeRecord(ContentType.HANDSHAKE, ByteBuffer.allocate(0), net));
            assertEquals(0, writer.write(ContentType.APPLICATION_DATA, ByteBuffer.allocate(0), net), "write sends nothing");
            assertTrue(writer.writeRecord(ContentType.APPLICATION_DATA, ByteBuffer.allocate(0), net));
            assertEquals(writer.sealedSize(0), net.position());
            net.flip();
            ByteBuffer app = ByteBuffer.allocate(10);
            assertEquals(ContentType.APPLICATION_DATA, reader.read(net, app));
            assertEquals(0, app.position());
        }
    }

    /**
     * {@code SSLParameters.setMaximumPacketSize}: every record, header and protection included,
     * stays within the limit under whichever protection is installed (TLS 1.2 AES-GCM adds 29
     * bytes, TLS 1.2 ChaCha20-Poly1305 21, TLS 1.3 22, plaintext 5), a negotiated fragment limit
     * still applies when it is lower, and a tiny limit leaves 64 bytes of content.
     */
    @Test
    void packetLimitHoldsUnderEveryProtection() {
        try (RecordWriter writer = new RecordWriter()) {
            writer.setMaxPacketSize(512);
            assertEquals(512 - 5, writer.maxFragmentLength());
            assertEquals(512, writer.maxRecordSize());
            writer.setProtection(new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.AES_128_GCM, 60)));
            assertEquals(512 - 29, writer.maxFragmentLength());
            assertEquals(512, writer.maxRecordSize());
            assertEquals(512, writeAll(writer, 2000));
            writer.setProtection(new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.CHACHA20_POLY1305, 61)));
            assertEquals(512 - 21, writer.maxFragmentLength());
            writer.setProtection(new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_256_GCM, 62)));
            assertEquals(512 - 22, writer.maxFragmentLength());
            assertEquals(512, writeAll(writer, 2000));

            writer.lowerMaxFragmentLength(256); // a negotiated max_fragment_length below the packet's room
            assertEquals(256, writer.maxFragmentLength());
            writer.lowerMaxFragmentLength(4096); // never raised
            assertEquals(256, writer.maxFragmentLength());
            writer.setProtection(NullProtection.INITIAL);
            assertEquals(256, writer.maxFragmentLength(), "a protection with less overhead does not lift the negotiated limit");

            writer.setMaxPacketSize(40);
            assertEquals(64, writer.maxFragmentLength());
            writer.setMaxPacketSize(0);
            assertEquals(256, writer.maxFragmentLength());
            assertThrows(IllegalArgumentException.class, () -> writer.setMaxPacketSize(-1));
        }
    }

    /** Writes {@code n} bytes of application data and returns the largest record's size. */
    private static int writeAll(RecordWriter writer, int n) {
        ByteBuffer src = ByteBuffer.wrap(new byte[n]);
        ByteBuffer net = ByteBuffer.allocate(writer.sealedSize(n));
        int largest = 0;
        while (src.hasRemaining()) {
            assertTrue(writer.writeRecord(ContentType.APPLICATION_DATA, src, net));
            largest = Math.max(largest, writer.bytesProduced());
        }
        return largest;
    }

    @Test
    void sealedSizeCountsEveryRecord() {
        try (RecordWriter writer = new RecordWriter()) {
            assertEquals(5 + 10, writer.sealedSize(10));
            writer.setProtection(new Tls12AeadProtection(TestKeys.tls12(AeadAlgorithm.CHACHA20_POLY1305, 48)));
            writer.setMaxFragmentLength(100);
            assertEquals(3 * (5 + 100 + 16) + (5 + 1 + 16), writer.sealedSize(301));
            assertEquals(Integer.MAX_VALUE, writer.sealedSize(Integer.MAX_VALUE));
            assertThrows(IllegalArgumentException.class, () -> writer.setMaxFragmentLength(0));
            assertThrows(IllegalArgumentException.class, () -> writer.setMaxFragmentLength(16385));
        }
    }

    @Test
    void installingNewProtectionClosesTheOld() {
        Tls13Protection first = new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 49));
        try (RecordWriter writer = new RecordWriter()) {
            writer.setProtection(first);
            writer.setProtection(new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 50)));
            assertThrows(IllegalStateException.class, () -> first.seal(ContentType.APPLICATION_DATA,
                    ByteBuffer.allocate(1), ByteBuffer.allocate(100)));
            ByteBuffer net = ByteBuffer.allocate(100);
            writer.writeRecord(ContentType.ALERT, ByteBuffer.wrap(new byte[] {1, 0}), net);
            assertEquals(5 + 2 + 1 + 16, written(net).length);
        }
    }

    @Test
    void readerValidatesHeadersAgainstItsProtection() {
        try (RecordReader reader = new RecordReader()) {
            reader.setProtection(new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 51)));
            byte[] oversized = {23, 3, 3, 0x41, 0x01};
            TlsAlert a = org.junit.jupiter.api.Assertions.assertThrows(TlsAlert.class,
                    () -> reader.missing(ByteBuffer.wrap(oversized)));
            assertEquals("record_overflow", a.alert().rfcName());
        }
    }
}
