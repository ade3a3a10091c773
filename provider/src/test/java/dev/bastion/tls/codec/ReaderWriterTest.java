package dev.bastion.tls.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.testutil.Hex;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ReaderWriterTest {

    /** A structure with every kind of field: u8 u16 u24 u32 u64 vec8<opaque> vec16<vec8<opaque>> vec24. */
    private static byte[] sample() {
        return new Writer()
                .u8(0x16).u16(0x0303).u24(0x010203).u32(0xFFFFFFFEL).u64(-2L)
                .opaque8(new byte[] {1, 2, 3})
                .vec16(w -> w.opaque8(new byte[] {9}).opaque8(new byte[0]))
                .opaque24(new byte[] {7, 7})
                .toByteArray();
    }

    private static void parseSample(Reader r) {
        assertEquals(0x16, r.u8("type"));
        assertEquals(0x0303, r.u16("version"));
        assertEquals(0x010203, r.u24("len"));
        assertEquals(0xFFFFFFFEL, r.u32("u32"));
        assertEquals(-2L, r.u64("u64"));
        assertArrayEquals(new byte[] {1, 2, 3}, r.opaque8(1, 255, "a"));
        Reader inner = r.vec16(0, 100, "list");
        assertArrayEquals(new byte[] {9}, inner.opaque8(0, 10, "x"));
        assertArrayEquals(new byte[0], inner.opaque8(0, 10, "y"));
        inner.end("list");
        assertArrayEquals(new byte[] {7, 7}, r.opaque24(0, 10, "b"));
        r.end("sample");
    }

    @Test
    void roundTripOverArrayHeapAndDirectBuffers() {
        byte[] enc = sample();
        assertEquals("160303010203fffffffefffffffffffffffe0301020300030109000000020707", Hex.string(enc));
        parseSample(Reader.of(enc));
        parseSample(Reader.of(ByteBuffer.wrap(enc)));
        ByteBuffer direct = ByteBuffer.allocateDirect(enc.length + 4);
        direct.position(4);
        direct.put(enc);
        direct.position(4);
        parseSample(Reader.of(direct));
        assertEquals(4, direct.position(), "reading does not move the buffer");
    }

    @Test
    void everyTruncationIsDecodeError() {
        byte[] enc = sample();
        for (int n = 0; n < enc.length; n++) {
            Reader r = Reader.of(enc, 0, n);
            TlsAlert a = assertThrows(TlsAlert.class, () -> parseSample(r), "prefix of " + n);
            assertEquals(AlertDescription.DECODE_ERROR, a.alert());
        }
    }

    @Test
    void everyOverlongByteIsRejected() {
        byte[] enc = sample();
        byte[] longer = java.util.Arrays.copyOf(enc, enc.length + 1);
        TlsAlert a = assertThrows(TlsAlert.class, () -> parseSample(Reader.of(longer)));
        assertEquals(AlertDescription.DECODE_ERROR, a.alert());
        assertTrue(a.getMessage().contains("trailing"), a.getMessage());
    }

    @Test
    void vectorBoundsAndLengthsNameTheField() {
        Reader r = Reader.of(Hex.bytes("0005aabb")).named("ClientHello");
        TlsAlert a = assertThrows(TlsAlert.class, () -> r.vec16(0, 100, "cipher_suites"));
        assertEquals("ClientHello.cipher_suites: length 5 but only 2 byte(s) remain", a.getMessage());

        TlsAlert b = assertThrows(TlsAlert.class, () -> Reader.of(Hex.bytes("01ff")).vec8(2, 255, "groups"));
        assertEquals("groups: length 1 outside 2..255", b.getMessage());

        Reader inner = Reader.of(Hex.bytes("0002aabbcc")).named("X").vec16(0, 10, "ext");
        inner.u8("a");
        TlsAlert c = assertThrows(TlsAlert.class, () -> inner.u16("b"));
        assertEquals("X.ext.b: needs 2 byte(s) but only 1 remain", c.getMessage());
    }

    @Test
    void aTruncatedLengthPrefixAndDeepNestingNameTheWholePath() {
        Reader r = Reader.of(Hex.bytes("000401020003")).named("CH");
        Reader ext = r.vec16(0, 10, "extensions");
        Reader data = ext.slice(2, "data");
        data.u16("x");
        TlsAlert a = assertThrows(TlsAlert.class, () -> data.u8("y"));
        assertEquals("CH.extensions.data.y: needs 1 byte(s) but only 0 remain", a.getMessage());
        TlsAlert b = assertThrows(TlsAlert.class, () -> ext.vec24(0, 10, "list"));
        assertEquals("CH.extensions.list length: needs 3 byte(s) but only 2 remain", b.getMessage());
        TlsAlert c = assertThrows(TlsAlert.class, () -> Reader.of(new byte[0]).vec8(0, 1, "v"));
        assertEquals("v length: needs 1 byte(s) but only 0 remain", c.getMessage());
        assertEquals(2, ext.remaining()); // a failed read consumes nothing
    }

    @Test
    void callerFoundErrorsCarryTheContext() {
        Reader inner = Reader.of(Hex.bytes("0003aabbcc")).named("ClientHello").vec16(0, 10, "cipher_suites");
        TlsAlert a = inner.error("length", "3 is odd");
        assertEquals(AlertDescription.DECODE_ERROR, a.alert());
        assertEquals("ClientHello.cipher_suites.length: 3 is odd", a.getMessage());
    }

    @Test
    void sliceAndConsumedSinceShareStorage() {
        byte[] enc = Hex.bytes("0102030405");
        Reader r = Reader.of(enc);
        int start = r.position();
        r.u8("a");
        Reader s = r.slice(2, "s");
        assertEquals(0x0203, s.u16("v"));
        assertFalse(s.hasRemaining());
        assertArrayEquals(Hex.bytes("010203"), r.consumedSince(start));
        assertEquals(2, r.remaining());
    }

    @Test
    void writerRejectsValuesThatDoNotFit() {
        assertThrows(IllegalArgumentException.class, () -> new Writer().u8(256));
        assertThrows(IllegalArgumentException.class, () -> new Writer().u16(-1));
        Consumer<Writer> big = w -> w.bytes(new byte[256]);
        assertThrows(IllegalArgumentException.class, () -> new Writer().vec8(big));
        assertEquals(258, new Writer().vec16(big).length());
    }

    @Test
    void alertRegistryRoundTrips() {
        for (AlertDescription d : AlertDescription.values()) {
            if (d != AlertDescription.UNKNOWN) {
                assertEquals(d, AlertDescription.of(d.code()));
            }
        }
        assertEquals(AlertDescription.UNKNOWN, AlertDescription.of(200));
        assertEquals("unknown(200)", AlertDescription.nameOf(200));
        assertEquals("bad_record_mac", AlertDescription.BAD_RECORD_MAC.rfcName());
    }
}
