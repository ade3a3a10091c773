package dev.bastion.tls.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.UnknownExtension;
import dev.bastion.tls.testutil.Hex;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Field rules of the messages themselves, with the alert each one raises. */
class MessageRulesTest {
    private static final String RANDOM = "00".repeat(32);

    static TlsAlert alert(AlertDescription expected, Executable e) {
        TlsAlert a = assertThrows(TlsAlert.class, e);
        assertEquals(expected, a.alert(), a.getMessage());
        return a;
    }

    static <T> T decode(Function<Reader, T> decoder, String hex) {
        return decoder.apply(Reader.of(Hex.bytes(hex)));
    }

    /** {@code hex} with a 2-byte length prefix. */
    static String vec16(String hex) {
        return String.format("%04x", Hex.bytes(hex).length) + hex;
    }

    @Test
    void clientHelloVectors() {
        TlsAlert odd = alert(AlertDescription.DECODE_ERROR,
                () -> decode(ClientHello::decode, "0303" + RANDOM + "00" + "0003130113" + "0100"));
        assertEquals("cipher_suites: length 3 is odd, expected 2-byte entries", odd.getMessage());
        TlsAlert empty = alert(AlertDescription.DECODE_ERROR,
                () -> decode(ClientHello::decode, "0303" + RANDOM + "00" + "0000" + "0100"));
        assertTrue(empty.getMessage().startsWith("ClientHello.cipher_suites: length 0 outside 2..65534"),
                empty.getMessage());
        TlsAlert sid = alert(AlertDescription.DECODE_ERROR,
                () -> decode(ClientHello::decode, "0303" + RANDOM + "21" + "00".repeat(33) + "00021301" + "0100"));
        assertTrue(sid.getMessage().startsWith("ClientHello.legacy_session_id: length 33 outside 0..32"),
                sid.getMessage());
        alert(AlertDescription.DECODE_ERROR,
                () -> decode(ClientHello::decode, "0303" + RANDOM + "00" + "00021301" + "00"));
    }

    @Test
    void clientHelloWithoutExtensionsAndUnknownEverything() {
        ClientHello old = decode(ClientHello::decode, "0303" + RANDOM + "00" + "00040a0a002f" + "020100");
        assertFalse(old.extensions().isPresent());
        assertTrue(old.offersNullCompression());
        assertFalse(old.hasOnlyNullCompression());
        assertEquals(List.of(0x0a0a, 0x002f), old.cipherSuites());
        ClientHello noNull = decode(ClientHello::decode, "0303" + RANDOM + "00" + "0002002f" + "0101");
        assertFalse(noNull.offersNullCompression());

        // Unknown suites, groups, versions and extensions are all legal in a ClientHello.
        String exts = vec16("1a1a0000" + "000a0006" + "00041a1a2a2a" + "002b0003" + "02fafa" + "ff000000");
        ClientHello grease = decode(ClientHello::decode, "7a7a" + RANDOM + "00" + "00041a1afeff" + "0100" + exts);
        assertEquals(List.of(0x1a1a, 0xfeff), grease.cipherSuites());
        assertEquals(List.of(0x1a1a, 10, 43, 0xff00), grease.extensions().codes());
        assertEquals(List.of(0x1a1a, 0x2a2a), grease.extensions().supportedGroups().orElseThrow().groups());
        assertEquals(new UnknownExtension(0xff00, Opaque.EMPTY), grease.extensions().find(0xff00).orElseThrow());
    }

    @Test
    void clientHelloPreSharedKeyNotLast() {
        String psk = "0029" + "002c" + "0007" + "0001aa00000000" + "0021" + "20" + "00".repeat(32);
        String exts = vec16(psk + "00170000");
        alert(AlertDescription.ILLEGAL_PARAMETER,
                () -> decode(ClientHello::decode, "0303" + RANDOM + "00" + "00021301" + "0100" + exts));
    }

    @Test
    void serverHelloHelpers() {
        ServerHello tls12 = decode(ServerHello::decode, "0303" + RANDOM + "00" + "c02f" + "00");
        assertFalse(tls12.extensions().isPresent());
        assertEquals(0x0303, tls12.selectedVersion());
        alert(AlertDescription.DECODE_ERROR, () -> decode(ServerHello::decode, "0303" + RANDOM + "21"
                + "00".repeat(33) + "c02f00"));

        Opaque random = Opaque.ofHex("11".repeat(32));
        Opaque down12 = ServerHello.withDowngradeSentinel(random, ServerHello.DOWNGRADE_TLS12);
        assertEquals("11".repeat(24) + "444f574e47524401", down12.hex());
        ServerHello s12 = new ServerHello(0x0303, down12, Opaque.EMPTY, 0xc02f, 0, Extensions.ABSENT);
        assertTrue(s12.hasTls12DowngradeSentinel());
        assertFalse(s12.hasTls11DowngradeSentinel());
        ServerHello s11 = new ServerHello(0x0302, ServerHello.withDowngradeSentinel(random, ServerHello.DOWNGRADE_TLS11),
                Opaque.EMPTY, 0xc013, 0, Extensions.ABSENT);
        assertTrue(s11.hasTls11DowngradeSentinel());
        assertFalse(s11.isHelloRetryRequest());
        assertEquals("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c",
                ServerHello.HELLO_RETRY_REQUEST_RANDOM.hex());
    }

    @Test
    void certificates() {
        alert(AlertDescription.DECODE_ERROR, () -> decode(Certificate::decode, "00" + "000005" + "000000" + "0000"));
        // key_share is not a CertificateEntry extension (RFC 8446 §4.2 table).
        alert(AlertDescription.ILLEGAL_PARAMETER, () -> decode(Certificate::decode,
                "00" + "00000c" + "00000130" + "0006" + "003300020017"));
        Certificate none = decode(Certificate::decode, "01aa" + "000000");
        assertTrue(none.entries().isEmpty());
        assertEquals("aa", none.certificateRequestContext().hex());
        alert(AlertDescription.DECODE_ERROR, () -> decode(Certificate12::decode, "000003" + "000000"));
        assertEquals(List.of(Opaque.ofHex("30")), decode(Certificate12::decode, "000004" + "00000130").certificates());
    }

    @Test
    void certificateRequests() {
        // RFC 8446 §4.3.2: signature_algorithms is mandatory -> missing_extension.
        alert(AlertDescription.MISSING_EXTENSION, () -> decode(CertificateRequest::decode, "00" + "0004" + "ff000000"));
        alert(AlertDescription.DECODE_ERROR, () -> decode(CertificateRequest::decode, "00" + "0000"));
        CertificateRequest cr = decode(CertificateRequest::decode, "00" + "0008" + "000d000400020804");
        assertEquals(List.of(0x0804), cr.extensions().signatureAlgorithms().orElseThrow().schemes());

        alert(AlertDescription.DECODE_ERROR, () -> decode(CertificateRequest12::decode, "00" + "00020401" + "0000"));
        alert(AlertDescription.DECODE_ERROR, () -> decode(CertificateRequest12::decode, "0140" + "0000" + "0000"));
        alert(AlertDescription.DECODE_ERROR, () -> decode(CertificateRequest12::decode, "0140" + "00020401" + "00020000"));
        CertificateRequest12 cr12 = decode(CertificateRequest12::decode, "020140" + "00020401" + "0005" + "0003300100");
        assertEquals(List.of(CertificateRequest12.RSA_SIGN, CertificateRequest12.ECDSA_SIGN), cr12.certificateTypes());
        assertEquals(List.of(Opaque.ofHex("300100")), cr12.certificateAuthorities());
    }

    @Test
    void verifyFinishedAndTickets() {
        alert(AlertDescription.DECODE_ERROR, () -> decode(CertificateVerify::decode, "0804" + "0002aa"));
        TlsAlert fin = alert(AlertDescription.DECODE_ERROR,
                () -> Finished.decode(Reader.of(new byte[31]), 32));
        assertEquals("Finished.verify_data: length 31, expected 32", fin.getMessage());
        alert(AlertDescription.DECODE_ERROR, () -> Finished.decode(Reader.of(new byte[13]), 12));

        String nst = "0000001e" + "00000001" + "00" + "0000" + "0000";
        alert(AlertDescription.DECODE_ERROR, () -> decode(NewSessionTicket::decode, nst)); // ticket<1..2^16-1>
        byte[] bigExtensions = new Writer().u32(1).u32(2).u8(0).opaque16(new byte[] {1})
                .vec16(w -> w.u16(0xff00).opaque16(new byte[0xFFFF - 4])).toByteArray();
        alert(AlertDescription.DECODE_ERROR, () -> NewSessionTicket.decode(Reader.of(bigExtensions))); // <0..2^16-2>
        NewSessionTicket12 empty = decode(NewSessionTicket12::decode, "00000000" + "0000");
        assertTrue(empty.ticket().isEmpty());
    }

    @Test
    void keyUpdate() {
        // RFC 8446 §4.6.3: other values are illegal_parameter.
        TlsAlert a = alert(AlertDescription.ILLEGAL_PARAMETER, () -> decode(KeyUpdate::decode, "02"));
        assertTrue(a.getMessage().contains("request_update"), a.getMessage());
        alert(AlertDescription.DECODE_ERROR, () -> decode(KeyUpdate::decode, ""));
        alert(AlertDescription.DECODE_ERROR, () -> decode(KeyUpdate::decode, "0100"));
        assertTrue(decode(KeyUpdate::decode, "01").updateRequested());
        assertFalse(decode(KeyUpdate::decode, "00").updateRequested());
    }

    @Test
    void emptyMessages() {
        alert(AlertDescription.DECODE_ERROR, () -> decode(EndOfEarlyData::decode, "00"));
        alert(AlertDescription.DECODE_ERROR, () -> decode(ServerHelloDone::decode, "00"));
        alert(AlertDescription.DECODE_ERROR, () -> decode(HelloRequest::decode, "00"));
        assertArrayEquals(Hex.bytes("0e000000"), new ServerHelloDone().encoding());
        assertArrayEquals(Hex.bytes("00000000"), decode(HelloRequest::decode, "").encoding());
    }

    @Test
    void keyExchanges() {
        String ecdhe = "03001d" + "0401020304";
        ServerKeyExchange ske = ServerKeyExchange.decode(Reader.of(Hex.bytes(ecdhe + "0804" + "0002abcd")),
                KeyExchangeKind.ECDHE);
        assertEquals(new EcdheParams(0x1d, Opaque.ofHex("01020304")), ske.params());
        assertEquals(Opaque.ofHex(ecdhe), ske.signedParams());
        assertEquals(0x0804, ske.signatureScheme());
        // RFC 8422 §5.4: only named_curve.
        alert(AlertDescription.ILLEGAL_PARAMETER, () -> ServerKeyExchange.decode(
                Reader.of(Hex.bytes("01001d0401020304" + "08040000")), KeyExchangeKind.ECDHE));
        alert(AlertDescription.DECODE_ERROR, () -> ServerKeyExchange.decode(
                Reader.of(Hex.bytes("03001d00" + "08040000")), KeyExchangeKind.ECDHE));
        String dhe = "0001ff" + "000102" + "000105";
        ServerKeyExchange d = ServerKeyExchange.decode(Reader.of(Hex.bytes(dhe + "0401" + "0000")), KeyExchangeKind.DHE);
        assertEquals(Opaque.ofHex(dhe), d.signedParams());
        alert(AlertDescription.DECODE_ERROR, () -> ServerKeyExchange.decode(
                Reader.of(Hex.bytes("0000" + "000102" + "000105" + "04010000")), KeyExchangeKind.DHE));

        alert(AlertDescription.DECODE_ERROR, () -> ClientKeyExchange.decode(Reader.of(Hex.bytes("00")),
                KeyExchangeKind.ECDHE));
        alert(AlertDescription.DECODE_ERROR, () -> ClientKeyExchange.decode(Reader.of(Hex.bytes("0000")),
                KeyExchangeKind.DHE));
        ClientKeyExchange rsa = ClientKeyExchange.decode(Reader.of(Hex.bytes("0000")), KeyExchangeKind.RSA);
        assertTrue(rsa.exchangeKeys().isEmpty());
        alert(AlertDescription.DECODE_ERROR, () -> ClientKeyExchange.decode(Reader.of(Hex.bytes("0003aabb")),
                KeyExchangeKind.RSA));
    }

    @Test
    void messageHash() {
        byte[] hash = Hex.bytes("11".repeat(32));
        // RFC 8446 §4.4.1: message_hash || 00 00 Hash.length || Hash(ClientHello1)
        assertArrayEquals(Hex.bytes("fe000020" + "11".repeat(32)), MessageHash.of(hash).encoding());
        assertEquals(HandshakeType.MESSAGE_HASH, MessageHash.of(hash).type());
    }
}
