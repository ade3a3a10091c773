package dev.bastion.tls.record;

import static dev.bastion.tls.record.Rfc8448Records.S3_CERTIFICATE;
import static dev.bastion.tls.record.Rfc8448Records.S3_CERTIFICATE_VERIFY;
import static dev.bastion.tls.record.Rfc8448Records.S3_ENCRYPTED_EXTENSIONS;
import static dev.bastion.tls.record.Rfc8448Records.S3_SERVER_FINISHED;
import static dev.bastion.tls.record.TestKeys.assertAlert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.Hex;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandshakeAssemblerTest {
    private static final byte[][] FLIGHT = {S3_ENCRYPTED_EXTENSIONS, S3_CERTIFICATE, S3_CERTIFICATE_VERIFY, S3_SERVER_FINISHED};

    @Test
    void reassemblesAMessageSplitIntoOneByteRecords() {
        HandshakeAssembler a = new HandshakeAssembler();
        for (int i = 0; i < S3_CERTIFICATE.length; i++) {
            assertFalse(a.hasMessage(), "complete too early at byte " + i);
            assertTrue(a.next().isEmpty());
            a.add(ByteBuffer.wrap(S3_CERTIFICATE, i, 1));
        }
        RawHandshakeMessage m = a.next().orElseThrow();
        assertEquals(11, m.type());
        assertEquals(S3_CERTIFICATE.length - 4, m.bodyLength());
        assertArrayEquals(S3_CERTIFICATE, m.encoding());
        assertEquals(0x00, m.body().u8("certificate_request_context length"));
        assertTrue(a.isEmpty());
    }

    @Test
    void splitsSeveralMessagesCoalescedInOneRecord() {
        HandshakeAssembler a = new HandshakeAssembler();
        a.add(ByteBuffer.wrap(concat(FLIGHT)));
        assertEquals(concat(FLIGHT).length, a.buffered());
        assertEquals(List.of(8, 11, 15, 20), drain(a).stream().map(RawHandshakeMessage::type).toList());
        assertTrue(a.isEmpty());
        assertTrue(a.next().isEmpty());
    }

    @Test
    void handlesEverySplitPointOfAFlight() {
        byte[] flight = concat(FLIGHT);
        for (int cut = 1; cut < flight.length; cut++) {
            HandshakeAssembler a = new HandshakeAssembler();
            a.add(ByteBuffer.wrap(flight, 0, cut));
            List<RawHandshakeMessage> got = new ArrayList<>(drain(a));
            a.add(ByteBuffer.wrap(flight, cut, flight.length - cut));
            got.addAll(drain(a));
            assertEquals(4, got.size(), "cut at " + cut);
            for (int i = 0; i < 4; i++) {
                assertArrayEquals(FLIGHT[i], got.get(i).encoding(), "cut at " + cut);
            }
            assertTrue(a.isEmpty());
        }
    }

    @Test
    void emptyBodiedMessagesAreWholeMessages() {
        HandshakeAssembler a = new HandshakeAssembler();
        a.add(ByteBuffer.wrap(Hex.bytes("0e000000 05000000"))); // ServerHelloDone, EndOfEarlyData
        RawHandshakeMessage first = a.next().orElseThrow();
        assertEquals(14, first.type());
        assertEquals(0, first.bodyLength());
        assertEquals(5, a.next().orElseThrow().type());
    }

    @Test
    void zeroLengthHandshakeRecordIsUnexpectedMessage() {
        HandshakeAssembler a = new HandshakeAssembler();
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, () -> a.add(ByteBuffer.allocate(0)));
    }

    @Test
    void messageOverTheLimitIsIllegalParameterAsSoonAsItsHeaderArrives() {
        HandshakeAssembler a = new HandshakeAssembler();
        assertEquals(32768, a.maxMessageSize());
        TlsAlert alert = assertAlert(AlertDescription.ILLEGAL_PARAMETER,
                () -> a.add(ByteBuffer.wrap(Hex.bytes("0b008001")))); // Certificate of 32769 bytes
        assertTrue(alert.getMessage().contains("32769"), alert.getMessage());

        HandshakeAssembler split = new HandshakeAssembler();
        split.add(ByteBuffer.wrap(Hex.bytes("0b00")));
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, () -> split.add(ByteBuffer.wrap(Hex.bytes("ffff"))));

        // a valid message followed, in the same record, by an oversized header
        HandshakeAssembler second = new HandshakeAssembler();
        assertAlert(AlertDescription.ILLEGAL_PARAMETER,
                () -> second.add(ByteBuffer.wrap(Hex.bytes("0e000000 0b010000"))));
    }

    @Test
    void messageAtTheLimitIsAccepted() {
        HandshakeAssembler a = new HandshakeAssembler(1000);
        byte[] message = new byte[4 + 1000];
        message[0] = 11;
        message[2] = 0x03;
        message[3] = (byte) 0xE8;
        for (int off = 0; off < message.length; off += 300) {
            a.add(ByteBuffer.wrap(message, off, Math.min(300, message.length - off)));
        }
        assertArrayEquals(message, a.next().orElseThrow().encoding());
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, () -> a.add(ByteBuffer.wrap(Hex.bytes("0b0003e9"))));
        assertThrows(IllegalArgumentException.class, () -> new HandshakeAssembler(0));
        assertThrows(IllegalArgumentException.class, () -> new HandshakeAssembler(1 << 24));
    }

    @Test
    void requireEmptyEnforcesRecordBoundaries() {
        HandshakeAssembler a = new HandshakeAssembler();
        a.requireEmpty("key change after ServerHello");
        // part of a message: it would span the key change (RFC 8446 §5.1)
        a.add(ByteBuffer.wrap(S3_SERVER_FINISHED, 0, 10));
        TlsAlert alert = assertAlert(AlertDescription.UNEXPECTED_MESSAGE, () -> a.requireEmpty("key change after Finished"));
        assertTrue(alert.getMessage().contains("key change after Finished"), alert.getMessage());
        // a whole message not yet taken also breaks the boundary
        a.add(ByteBuffer.wrap(S3_SERVER_FINISHED, 10, S3_SERVER_FINISHED.length - 10));
        assertTrue(a.hasMessage());
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, () -> a.requireEmpty("alert record"));
        a.next();
        a.requireEmpty("key change after Finished");
    }

    @Test
    void clearDropsEverything() {
        HandshakeAssembler a = new HandshakeAssembler();
        a.add(ByteBuffer.wrap(S3_CERTIFICATE, 0, 100));
        a.clear();
        assertTrue(a.isEmpty());
        a.add(ByteBuffer.wrap(S3_SERVER_FINISHED));
        assertArrayEquals(S3_SERVER_FINISHED, a.next().orElseThrow().encoding());
    }

    @Test
    void rawMessageEqualityAndChecks() {
        RawHandshakeMessage a = new RawHandshakeMessage(20, S3_SERVER_FINISHED.clone());
        RawHandshakeMessage b = new RawHandshakeMessage(20, S3_SERVER_FINISHED.clone());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("RawHandshakeMessage(type 20, 32 body bytes)", a.toString());
        assertThrows(IllegalArgumentException.class, () -> new RawHandshakeMessage(11, S3_SERVER_FINISHED));
        assertThrows(IllegalArgumentException.class, () -> new RawHandshakeMessage(20, new byte[3]));
    }

    private static List<RawHandshakeMessage> drain(HandshakeAssembler a) {
        List<RawHandshakeMessage> out = new ArrayList<>();
        while (a.hasMessage()) {
            out.add(a.next().orElseThrow());
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
