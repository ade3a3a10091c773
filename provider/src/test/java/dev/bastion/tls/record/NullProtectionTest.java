package dev.bastion.tls.record;

import static dev.bastion.tls.record.TestKeys.assertAlert;
import static dev.bastion.tls.record.TestKeys.written;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.testutil.Hex;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class NullProtectionTest {

    @Test
    void writesPlaintextRecordsWithItsVersion() {
        ByteBuffer wire = ByteBuffer.allocate(20);
        NullProtection.INITIAL.seal(ContentType.HANDSHAKE, ByteBuffer.wrap(Hex.bytes("0e000000")), wire);
        assertEquals("16030100040e000000", Hex.string(written(wire)));
        wire.clear();
        NullProtection.TLS12.seal(ContentType.ALERT, ByteBuffer.wrap(Hex.bytes("0228")), wire);
        assertEquals("15030300020228", Hex.string(written(wire)));
        wire.clear();
        NullProtection.strict(0x0302).seal(ContentType.CHANGE_CIPHER_SPEC, ByteBuffer.wrap(new byte[] {1}), wire);
        assertEquals("140302000101", Hex.string(written(wire)));
    }

    @Test
    void opensPlaintextRecordsOfEveryHandshakeType() {
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer in = TestKeys.copyOf(Hex.bytes("16030300040e000000 15030300020100 ff"), direct);
            ByteBuffer out = TestKeys.buffer(10, direct);
            assertEquals(ContentType.HANDSHAKE, NullProtection.TLS12.open(in, out));
            assertEquals(9, in.position());
            assertEquals(ContentType.ALERT, NullProtection.TLS12.open(in, out));
            assertEquals(16, in.position());
            assertEquals(17, in.limit(), "the caller's limit is restored");
            assertEquals("0e0000000100", Hex.string(written(out)));
        }
    }

    @Test
    void plaintextApplicationDataIsRefused() {
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE,
                () -> NullProtection.INITIAL.open(ByteBuffer.wrap(Hex.bytes("1703030001 41")), ByteBuffer.allocate(10)));
        assertThrows(IllegalArgumentException.class, () -> NullProtection.INITIAL.seal(ContentType.APPLICATION_DATA,
                ByteBuffer.wrap(new byte[1]), ByteBuffer.allocate(10)));
    }

    @Test
    void over2To14IsRecordOverflow() {
        byte[] record = new byte[5 + 16385];
        record[0] = 22;
        record[1] = 3;
        record[2] = 3;
        record[3] = 0x40;
        record[4] = 0x01;
        assertAlert(AlertDescription.RECORD_OVERFLOW,
                () -> NullProtection.TLS12.open(ByteBuffer.wrap(record), ByteBuffer.allocate(20000)));
        assertThrows(IllegalArgumentException.class, () -> NullProtection.TLS12.seal(ContentType.HANDSHAKE,
                ByteBuffer.allocate(16385), ByteBuffer.allocate(20000)));
    }

    @Test
    void incompleteRecordOrSmallDestinationIsTheCallersMistake() {
        assertThrows(IllegalArgumentException.class, () -> NullProtection.TLS12.open(
                ByteBuffer.wrap(Hex.bytes("16030300040e0000")), ByteBuffer.allocate(10)));
        assertThrows(IllegalArgumentException.class, () -> NullProtection.TLS12.open(
                ByteBuffer.wrap(Hex.bytes("16030300040e000000")), ByteBuffer.allocate(3)));
        assertThrows(IllegalArgumentException.class, () -> NullProtection.TLS12.seal(ContentType.HANDSHAKE,
                ByteBuffer.wrap(new byte[4]), ByteBuffer.allocate(8)));
    }

    @Test
    void versionPolicies() {
        assertTrue(NullProtection.INITIAL.acceptsRecordVersion(ContentType.HANDSHAKE, 0x0300));
        assertTrue(NullProtection.INITIAL.acceptsRecordVersion(ContentType.HANDSHAKE, 0x0304));
        assertFalse(NullProtection.INITIAL.acceptsRecordVersion(ContentType.HANDSHAKE, 0x0305));
        assertTrue(NullProtection.lenient(0x0303).acceptsRecordVersion(ContentType.HANDSHAKE, 0x0301));
        assertFalse(NullProtection.TLS12.acceptsRecordVersion(ContentType.HANDSHAKE, 0x0301));
        assertThrows(IllegalArgumentException.class, () -> NullProtection.strict(0x0200));
        assertEquals(5 + 7, NullProtection.INITIAL.sealedSize(7));
        assertEquals(7, NullProtection.INITIAL.maxPlaintext(12));
    }

    @Test
    void readerFramesRecordsOneByOne() {
        byte[] stream = Hex.bytes("16030100040e000000 15030300020100");
        RecordReader reader = new RecordReader();
        ByteBuffer net = ByteBuffer.allocate(64);
        ByteBuffer app = ByteBuffer.allocate(64);
        int fed = 0;
        int records = 0;
        while (fed < stream.length || net.position() > 0) {
            if (fed < stream.length) {
                net.put(stream[fed++]); // one byte at a time, as a slow socket delivers
            }
            net.flip();
            int missing = reader.missing(net);
            if (missing == 0) {
                app.limit(app.position() + reader.plaintextRoom());
                reader.read(net, app);
                records++;
            } else {
                assertTrue(fed < stream.length, "a whole record must be recognised when it is complete");
            }
            net.compact();
        }
        assertEquals(2, records);
        app.limit(app.capacity());
        assertArrayEquals(Hex.bytes("0e0000000100"), written(app));
        assertThrows(IllegalArgumentException.class, () -> reader.read(ByteBuffer.wrap(Hex.bytes("1603")), app));
    }
}
