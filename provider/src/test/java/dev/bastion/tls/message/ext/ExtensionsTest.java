package dev.bastion.tls.message.ext;

import static dev.bastion.tls.message.ext.Wire.block;
import static dev.bastion.tls.message.ext.Wire.ext;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The container's rules: duplicates, placement, pre_shared_key last, unknown extensions, solicitation. */
class ExtensionsTest {
    static TlsAlert alert(AlertDescription expected, Executable e) {
        TlsAlert a = assertThrows(TlsAlert.class, e);
        assertEquals(expected, a.alert(), a.getMessage());
        return a;
    }

    static Extensions decode(byte[] block, MessageKind kind) {
        return Extensions.decode(Reader.of(block), kind);
    }

    @Test
    void duplicatesAreFoundAtEveryCodeAndDistinctOnesPass() {
        // codes below 64, at 63/64 (the edge of the bit set), above, unknown and GREASE
        for (int code : new int[] {0, 23, 63, 64, 0xfe0d, 0xff01, 0x0a0a, 0xfafa}) {
            String hex = String.format("%04x", code);
            byte[] twice = block(ext(code, ""), ext(code + 1 == 0x10000 ? 1 : code + 1, ""), ext(code, ""));
            TlsAlert a = alert(AlertDescription.ILLEGAL_PARAMETER, () -> decode(twice, MessageKind.CERTIFICATE));
            assertTrue(a.getMessage().contains("appears twice"), hex + ": " + a.getMessage());
        }
        byte[] distinct = block(ext(0x0a0a, ""), ext(0xfe0d, ""), ext(0x1a1a, ""), ext(63, ""), ext(64, ""));
        assertEquals(List.of(0x0a0a, 0xfe0d, 0x1a1a, 63, 64), decode(distinct, MessageKind.CERTIFICATE).codes());
    }

    @Test
    void fieldNamesOfKnownAndUnknownCodes() {
        assertEquals("key_share", ExtensionType.fieldName(51));
        assertEquals("renegotiation_info", ExtensionType.fieldName(0xff01));
        assertEquals("extension_64", ExtensionType.fieldName(64));
        assertEquals("extension_2570", ExtensionType.fieldName(0x0a0a));
        for (ExtensionType t : ExtensionType.values()) {
            assertEquals(t, ExtensionType.of(t.code()).orElseThrow());
        }
        assertTrue(ExtensionType.of(62).isEmpty());
        assertTrue(ExtensionType.of(0xffff).isEmpty());
    }

    @Test
    void duplicateExtensionIsIllegalParameter() {
        // RFC 8446 §4.2; alert as OpenSSL (tls_collect_extensions) sends it.
        byte[] twice = block(ext(23, ""), ext(43, "020304"), ext(23, ""));
        TlsAlert a = alert(AlertDescription.ILLEGAL_PARAMETER, () -> decode(twice, MessageKind.CLIENT_HELLO));
        assertTrue(a.getMessage().contains("extended_master_secret(23) appears twice"), a.getMessage());
        alert(AlertDescription.ILLEGAL_PARAMETER,
                () -> decode(block(ext(0x1234, "01"), ext(0x1234, "")), MessageKind.ENCRYPTED_EXTENSIONS));
        assertThrows(IllegalArgumentException.class, () -> Extensions.of(new EarlyData(), new EarlyData()));
    }

    @Test
    void misplacedRecognizedExtensionIsIllegalParameter() {
        // RFC 8446 §4.2: recognized but not specified for the message.
        TlsAlert a = alert(AlertDescription.ILLEGAL_PARAMETER,
                () -> decode(block(ext(51, "001d0001aa")), MessageKind.ENCRYPTED_EXTENSIONS));
        assertTrue(a.getMessage().contains("key_share(51)") && a.getMessage().contains("CH, SH, HRR"), a.getMessage());
        alert(AlertDescription.ILLEGAL_PARAMETER, () -> decode(block(ext(43, "0304")), MessageKind.ENCRYPTED_EXTENSIONS));
        alert(AlertDescription.ILLEGAL_PARAMETER, () -> decode(block(ext(21, "0000")), MessageKind.NEW_SESSION_TICKET));
        alert(AlertDescription.ILLEGAL_PARAMETER, () -> decode(block(ext(48, "")), MessageKind.CLIENT_HELLO));
        alert(AlertDescription.ILLEGAL_PARAMETER,
                () -> decode(block(ext(13, "00020403"), ext(0, "")), MessageKind.CERTIFICATE_REQUEST));
        alert(AlertDescription.ILLEGAL_PARAMETER, () -> decode(block(ext(45, "0101")), MessageKind.CERTIFICATE));
    }

    @Test
    void preSharedKeyMustBeLastInClientHello() {
        byte[] psk = ext(41, "0007" + "0001aa" + "00000000" + "0021" + "20" + "00".repeat(32));
        // RFC 8446 §4.2.11
        alert(AlertDescription.ILLEGAL_PARAMETER, () -> decode(block(psk, ext(23, "")), MessageKind.CLIENT_HELLO));
        Extensions ok = decode(block(ext(23, ""), psk), MessageKind.CLIENT_HELLO);
        assertInstanceOf(PreSharedKeyClientHello.class, ok.last().orElseThrow());
        // In a ServerHello its place does not matter.
        Extensions sh = decode(block(ext(41, "0000"), ext(43, "0304")), MessageKind.SERVER_HELLO);
        assertEquals(0, sh.preSharedKeyServerHello().orElseThrow().selectedIdentity());
    }

    @Test
    void unknownExtensionsAreKeptAndCaughtAsUnsolicited() {
        byte[] grease = ext(0x3a3a, "");
        Extensions ch = decode(block(grease, ext(0xfe0d, "0102"), ext(43, "020304")), MessageKind.CLIENT_HELLO);
        assertEquals(List.of(0x3a3a, 0xfe0d, 43), ch.codes());
        assertEquals(new UnknownExtension(0xfe0d, Opaque.ofHex("0102")), ch.find(0xfe0d).orElseThrow());

        Extensions ee = decode(block(ext(0xfe0d, "")), MessageKind.ENCRYPTED_EXTENSIONS);
        TlsAlert a = alert(AlertDescription.UNSUPPORTED_EXTENSION,
                () -> ee.requireSolicited(List.of(0, 10, 16), MessageKind.ENCRYPTED_EXTENSIONS));
        assertTrue(a.getMessage().contains("unknown(0xfe0d)"), a.getMessage());
        ee.requireSolicited(ch, MessageKind.ENCRYPTED_EXTENSIONS); // the ClientHello offered 0xfe0d

        // RFC 8446 §4.2: the cookie in a HelloRetryRequest is the one response not solicited.
        Extensions hrr = decode(block(ext(43, "0304"), ext(44, "0001ff")), MessageKind.HELLO_RETRY_REQUEST);
        hrr.requireSolicited(ch, MessageKind.HELLO_RETRY_REQUEST);
        alert(AlertDescription.UNSUPPORTED_EXTENSION, () -> hrr.requireSolicited(List.of(43), MessageKind.SERVER_HELLO));
    }

    @Test
    void absentEmptyAndBounds() {
        assertFalse(Extensions.decodeClientHello(Reader.of(new byte[0])).isPresent());
        Extensions empty = Extensions.decodeClientHello(Reader.of(new byte[] {0, 0}));
        assertTrue(empty.isPresent() && empty.isEmpty());
        assertEquals(Extensions.EMPTY, empty);
        Writer w = new Writer();
        Extensions.ABSENT.encode(w);
        assertEquals(0, w.length());
        // RFC 8446 §4.3.2: CertificateRequest extensions<2..2^16-1>.
        alert(AlertDescription.DECODE_ERROR, () -> decode(new byte[] {0, 0}, MessageKind.CERTIFICATE_REQUEST));
        // A length that runs past the block.
        alert(AlertDescription.DECODE_ERROR, () -> decode(new byte[] {0, 4, 0, 23, 0, 1}, MessageKind.CLIENT_HELLO));
    }

    @Test
    void aBlockWithItsEncodingKeptWritesTheSameBytesAndIsEqual() {
        Extensions e = decode(block(ext(23, ""), ext(0xff01, "00"), ext(11, "0100")), MessageKind.CLIENT_HELLO);
        Extensions kept = e.withEncoding();
        assertEquals(e, kept);
        assertEquals(e.hashCode(), kept.hashCode());
        assertSame(kept, kept.withEncoding());
        assertSame(Extensions.ABSENT, Extensions.ABSENT.withEncoding());
        Writer plain = new Writer();
        e.encode(plain);
        for (int i = 0; i < 2; i++) {
            Writer w = new Writer();
            w.u8(7);
            kept.encode(w);
            byte[] out = w.toByteArray();
            assertArrayEquals(plain.toByteArray(), java.util.Arrays.copyOfRange(out, 1, out.length));
        }
    }

    @Test
    void serverHelloKindFollowsSupportedVersionsAndRandom() {
        Reader tls12 = Reader.of(block(ext(23, ""), ext(0xff01, "00"), ext(11, "0100")));
        Extensions e12 = Extensions.decodeServerHello(tls12, false);
        assertTrue(e12.contains(ExtensionType.EXTENDED_MASTER_SECRET));
        // key_share without supported_versions: a TLS 1.2 ServerHello, which cannot carry it.
        alert(AlertDescription.ILLEGAL_PARAMETER,
                () -> Extensions.decodeServerHello(Reader.of(block(ext(51, "001d0001aa"))), false));
        // extended_master_secret is not a TLS 1.3 ServerHello extension.
        alert(AlertDescription.ILLEGAL_PARAMETER,
                () -> Extensions.decodeServerHello(Reader.of(block(ext(43, "0304"), ext(23, ""))), false));
        Extensions hrr = Extensions.decodeServerHello(Reader.of(block(ext(43, "0304"), ext(51, "0017"))), true);
        assertEquals(0x17, hrr.keyShareHelloRetryRequest().orElseThrow().selectedGroup());
        assertFalse(Extensions.decodeServerHello(Reader.of(new byte[0]), false).isPresent());
    }

    @Test
    void builderHelpers() {
        Extensions e = Extensions.of(new EarlyData()).plus(RenegotiationInfo.INITIAL);
        assertEquals(List.of(42, 0xff01), e.codes());
        Extensions r = e.replace(new RenegotiationInfo(Opaque.ofHex("01")));
        assertEquals(Opaque.ofHex("01"), r.renegotiationInfo().orElseThrow().renegotiatedConnection());
        assertThrows(IllegalArgumentException.class, () -> e.plus(new EarlyData()));
        assertThrows(IllegalArgumentException.class, () -> e.replace(new Cookie(Opaque.ofHex("01"))));
        assertThrows(UnsupportedOperationException.class, () -> e.list().add(new EarlyData()));
    }
}
