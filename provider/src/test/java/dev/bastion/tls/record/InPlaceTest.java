package dev.bastion.tls.record;

import static dev.bastion.tls.record.TestKeys.assertAlert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.testutil.Hex;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Opening records inside the network buffer, and sealing content staged in the destination. */
class InPlaceTest {

    static Stream<Arguments> protections() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (AeadAlgorithm alg : AeadAlgorithm.values()) {
            b.add(Arguments.of("TLS 1.3 " + alg, (Supplier<Protection>) () -> new Tls13Protection(TestKeys.tls13(alg, 60))));
            b.add(Arguments.of("TLS 1.2 " + alg, (Supplier<Protection>) () -> new Tls12AeadProtection(TestKeys.tls12(alg, 60))));
        }
        return b.build();
    }

    /** A full-size record opens in place; the content is then copied out in pieces (scatter). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("protections")
    void fullRecordOpensInPlaceAndScattersIntoSmallBuffers(String name, Supplier<Protection> keys) {
        for (boolean direct : new boolean[] {false, true}) {
            byte[] content = TestKeys.bytes(16384, 61);
            try (RecordWriter writer = new RecordWriter(); RecordReader reader = new RecordReader()) {
                writer.setProtection(keys.get());
                reader.setProtection(keys.get());
                ByteBuffer net = TestKeys.buffer(2 * writer.maxRecordSize(), direct);
                writer.write(ContentType.APPLICATION_DATA, ByteBuffer.wrap(content), net);
                writer.write(ContentType.HANDSHAKE, ByteBuffer.wrap(Hex.bytes("0e000000")), net);
                net.flip();
                assertEquals(ContentType.APPLICATION_DATA, reader.readInPlace(net));
                ByteBuffer view = reader.content();
                assertEquals(16384, view.remaining());
                // an SSLEngine-sized application buffer (16384) plus scatter over two buffers
                ByteBuffer[] dsts = {ByteBuffer.allocate(10000), ByteBuffer.allocate(6384)};
                for (ByteBuffer d : dsts) {
                    int n = Math.min(d.remaining(), view.remaining());
                    int limit = view.limit();
                    view.limit(view.position() + n);
                    d.put(view);
                    view.limit(limit);
                }
                assertFalse(view.hasRemaining());
                byte[] got = new byte[16384];
                System.arraycopy(dsts[0].array(), 0, got, 0, 10000);
                System.arraycopy(dsts[1].array(), 0, got, 10000, 6384);
                assertArrayEquals(content, got, name);
                // the next record follows in the same buffer
                assertEquals(ContentType.HANDSHAKE, reader.readInPlace(net));
                assertEquals("0e000000", Hex.string(TestKeys.range(reader.content(), reader.content().position(),
                        reader.content().limit())));
                assertFalse(net.hasRemaining());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protections")
    void stagedContentGatheredFromSeveralBuffersSealsInPlace(String name, Supplier<Protection> keys) {
        List<byte[]> parts = List.of(TestKeys.bytes(100, 1), TestKeys.bytes(1, 2), TestKeys.bytes(3000, 3));
        try (RecordWriter writer = new RecordWriter(); RecordReader reader = new RecordReader()) {
            writer.setProtection(keys.get());
            reader.setProtection(keys.get());
            ByteBuffer net = ByteBuffer.allocateDirect(5000);
            net.position(7); // records need not start at 0
            int at = net.position() + writer.contentOffset();
            int n = 0;
            for (byte[] p : parts) {
                net.put(at + n, p); // gather
                n += p.length;
            }
            writer.writeStaged(ContentType.APPLICATION_DATA, n, net);
            assertEquals(n, writer.bytesConsumed());
            assertEquals(writer.protection().sealedSize(n), writer.bytesProduced());
            assertEquals(7 + writer.bytesProduced(), net.position());

            net.flip().position(7);
            ByteBuffer out = ByteBuffer.allocate(5000);
            assertEquals(ContentType.APPLICATION_DATA, reader.read(net, out));
            assertArrayEquals(concat(parts), TestKeys.written(out), name);
        }
    }

    @Test
    void plaintextRecordsOpenInPlaceToo() {
        RecordReader reader = new RecordReader();
        ByteBuffer net = ByteBuffer.wrap(Hex.bytes("16030100040e000000"));
        assertEquals(ContentType.HANDSHAKE, reader.readInPlace(net));
        assertEquals(5, reader.content().position());
        assertEquals(9, reader.content().limit());
        assertFalse(net.hasRemaining());
    }

    @Test
    void tamperedRecordFailsInPlaceWithoutConsumingIt() {
        try (RecordWriter writer = new RecordWriter(); RecordReader reader = new RecordReader()) {
            writer.setProtection(new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 62)));
            reader.setProtection(new Tls13Protection(TestKeys.tls13(AeadAlgorithm.AES_128_GCM, 62)));
            ByteBuffer net = ByteBuffer.allocate(200);
            writer.write(ContentType.APPLICATION_DATA, ByteBuffer.wrap(new byte[50]), net);
            net.put(20, (byte) (net.get(20) ^ 1));
            net.flip();
            assertAlert(AlertDescription.BAD_RECORD_MAC, () -> reader.readInPlace(net));
            assertEquals(0, net.position());
        }
    }

    @Test
    void stagingRefusals() {
        try (RecordWriter writer = new RecordWriter()) {
            ByteBuffer net = ByteBuffer.allocate(100);
            assertThrows(IllegalArgumentException.class, () -> writer.writeStaged(ContentType.HANDSHAKE, 0, net));
            assertThrows(IllegalArgumentException.class, () -> writer.writeStaged(ContentType.HANDSHAKE, 96, net));
            assertThrows(IllegalArgumentException.class, () -> writer.writeStaged(ContentType.HANDSHAKE, 16385, net));
            assertThrows(IllegalStateException.class, () -> new RecordReader().content());
        }
    }

    private static byte[] concat(List<byte[]> parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
