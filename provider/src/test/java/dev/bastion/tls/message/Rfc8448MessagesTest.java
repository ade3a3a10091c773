package dev.bastion.tls.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.message.ext.Cookie;
import dev.bastion.tls.message.ext.EarlyData;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.MessageKind;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.Padding;
import dev.bastion.tls.message.ext.PreSharedKeyClientHello;
import dev.bastion.tls.message.ext.PskIdentity;
import dev.bastion.tls.message.ext.RecordSizeLimit;
import dev.bastion.tls.message.ext.RenegotiationInfo;
import dev.bastion.tls.message.ext.ServerName;
import dev.bastion.tls.message.ext.SessionTicket;
import dev.bastion.tls.testutil.Hex;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decodes the handshake messages of the RFC 8448 traces (§3 simple 1-RTT, §4 resumed 0-RTT,
 * §5 HelloRetryRequest), checks their fields, and re-encodes them byte for byte.
 */
class Rfc8448MessagesTest {
    static final DecodeContext AT_SERVER = DecodeContext.hello(Side.SERVER);
    static final DecodeContext AT_CLIENT = DecodeContext.hello(Side.CLIENT);
    static final DecodeContext CLIENT_13 = DecodeContext.tls13(Side.CLIENT, 32);
    static final DecodeContext SERVER_13 = DecodeContext.tls13(Side.SERVER, 32);

    /** Decodes, checks the kept encoding and the re-encoding, and decodes the re-encoding to an equal record. */
    static <T extends HandshakeMessage> T golden(String hex, DecodeContext context, Class<T> type) {
        byte[] wire = Hex.bytes(hex);
        HandshakeMessage m = MessageDecoder.decode(Reader.of(wire), context);
        T t = assertInstanceOf(type, m);
        assertArrayEquals(wire, t.encoding(), "kept encoding");
        byte[] again = HandshakeMessage.frame(t);
        assertArrayEquals(wire, again, "re-encoding of " + t);
        assertEquals(t, MessageDecoder.decode(Reader.of(again), context));
        return t;
    }

    @Test
    void simpleClientHello() {
        ClientHello ch = golden(Rfc8448.CLIENT_HELLO, AT_SERVER, ClientHello.class);
        assertEquals(0x0303, ch.legacyVersion());
        assertEquals("cb34ecb1e78163ba1c38c6dacb196a6dffa21a8d9912ec18a2ef6283024dece7", ch.random().hex());
        assertTrue(ch.legacySessionId().isEmpty());
        assertEquals(List.of(0x1301, 0x1303, 0x1302), ch.cipherSuites());
        assertTrue(ch.hasOnlyNullCompression());
        assertEquals(List.of(0, 0xff01, 10, 35, 51, 43, 13, 45, 28), ch.extensions().codes());
        assertEquals("server", ch.extensions().serverName().flatMap(ServerName::hostName).orElseThrow());
        assertEquals(List.of(0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104),
                ch.extensions().supportedGroups().orElseThrow().groups());
        assertEquals(RenegotiationInfo.INITIAL, ch.extensions().renegotiationInfo().orElseThrow());
        assertEquals(SessionTicket.EMPTY, ch.extensions().get(SessionTicket.class).orElseThrow());
        var share = ch.extensions().keyShareClientHello().orElseThrow().find(0x001d).orElseThrow();
        assertEquals("99381de560e4bd43d23d8e435a7dbafeb3c06e51c13cae4d5413691e529aaf2c", share.keyExchange().hex());
        assertEquals(List.of(0x0304), ch.extensions().supportedVersionsClientHello().orElseThrow().versions());
        assertEquals(List.of(0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805, 0x0806, 0x0401, 0x0501, 0x0601,
                0x0201, 0x0402, 0x0502, 0x0602, 0x0202),
                ch.extensions().signatureAlgorithms().orElseThrow().schemes());
        assertEquals(List.of(1), ch.extensions().pskKeyExchangeModes().orElseThrow().modes());
        assertEquals(0x4001, ch.extensions().recordSizeLimit().map(RecordSizeLimit::limit).orElseThrow());
        assertTrue(ch.bindersOffset().isEmpty());
    }

    @Test
    void simpleServerHello() {
        ServerHello sh = golden(Rfc8448.SERVER_HELLO, AT_CLIENT, ServerHello.class);
        assertEquals(0x1301, sh.cipherSuite());
        assertEquals(0x0304, sh.selectedVersion());
        assertFalse(sh.isHelloRetryRequest());
        assertFalse(sh.hasTls12DowngradeSentinel() || sh.hasTls11DowngradeSentinel());
        assertEquals(MessageKind.SERVER_HELLO, sh.extensionKind());
        var share = sh.extensions().keyShareServerHello().orElseThrow().share();
        assertEquals(0x001d, share.group());
        assertEquals("c9828876112095fe66762bdbf7c672e156d6cc253b833df1dd69b1b04e751f0f", share.keyExchange().hex());
    }

    @Test
    void simpleServerFlight() {
        EncryptedExtensions ee = golden(Rfc8448.ENCRYPTED_EXTENSIONS, CLIENT_13, EncryptedExtensions.class);
        assertEquals(List.of(10, 28, 0), ee.extensions().codes());
        assertEquals(ServerName.ACKNOWLEDGEMENT, ee.extensions().serverName().orElseThrow());

        Certificate cert = golden(Rfc8448.CERTIFICATE, CLIENT_13, Certificate.class);
        assertTrue(cert.certificateRequestContext().isEmpty());
        assertEquals(1, cert.entries().size());
        assertEquals(0x1b0, cert.certificates().get(0).length());
        assertEquals(0x30, cert.certificates().get(0).get(0), "DER SEQUENCE");
        assertTrue(cert.entries().get(0).extensions().isEmpty());

        CertificateVerify cv = golden(Rfc8448.CERTIFICATE_VERIFY, CLIENT_13, CertificateVerify.class);
        assertEquals(0x0804, cv.signatureScheme());
        assertEquals(128, cv.signature().length());

        Finished fin = golden(Rfc8448.SERVER_FINISHED, CLIENT_13, Finished.class);
        assertEquals("9b9b141d906337fbd2cbdce71df4deda4ab42c309572cb7fffee5454b78f0718", fin.verifyData().hex());
        Finished clientFin = golden(Rfc8448.CLIENT_FINISHED, SERVER_13, Finished.class);
        assertEquals(32, clientFin.verifyData().length());
    }

    @Test
    void simpleNewSessionTicket() {
        NewSessionTicket nst = golden(Rfc8448.NEW_SESSION_TICKET, CLIENT_13, NewSessionTicket.class);
        assertEquals(30, nst.ticketLifetime());
        assertEquals(0xfad6aac5L, nst.ticketAgeAdd());
        assertEquals("0000", nst.ticketNonce().hex());
        assertEquals(0xb2, nst.ticket().length());
        assertEquals(1024, nst.extensions().maxEarlyDataSize().orElseThrow().maxEarlyDataSize());
    }

    @Test
    void resumedClientHelloKeepsTheBinderOffset() {
        ClientHello ch = golden(Rfc8448.RESUMED_CLIENT_HELLO, AT_SERVER, ClientHello.class);
        assertEquals(List.of(0, 0xff01, 10, 51, 42, 43, 13, 45, 28, 21, 41), ch.extensions().codes());
        assertTrue(ch.extensions().get(EarlyData.class).isPresent());
        assertTrue(ch.extensions().get(Padding.class).orElseThrow().isAllZero());
        PreSharedKeyClientHello psk = ch.extensions().preSharedKeyClientHello().orElseThrow();
        PskIdentity id = psk.identities().get(0);
        assertEquals(0xb2, id.identity().length());
        assertEquals(0xfad6aacbL, id.obfuscatedTicketAge());
        assertEquals("3add4fb2d8fdf822a0ca3cf7678ef5e88dae990141c5924d57bb6fa31b9e5f9d", psk.binders().get(0).hex());
        // RFC 8448 §4 prints "ClientHello (prefix, 477 octets)" for the binder computation.
        assertEquals(477, ch.bindersOffset().orElseThrow());
        byte[] wire = Hex.bytes(Rfc8448.RESUMED_CLIENT_HELLO);
        assertArrayEquals(Arrays.copyOf(wire, 477), ch.truncatedForBinders());

        ClientHello placeholder = ch.withBinders(List.of(Opaque.of(new byte[32])));
        assertArrayEquals(ch.truncatedForBinders(), placeholder.truncatedForBinders(),
                "the truncated hello does not depend on the binder values");
        assertEquals(ch, placeholder.withBinders(psk.binders()));
        assertArrayEquals(wire, placeholder.withBinders(psk.binders()).encoding());
    }

    @Test
    void resumedServerMessages() {
        ServerHello sh = golden(Rfc8448.RESUMED_SERVER_HELLO, AT_CLIENT, ServerHello.class);
        assertEquals(0, sh.extensions().preSharedKeyServerHello().orElseThrow().selectedIdentity());
        EncryptedExtensions ee = golden(Rfc8448.RESUMED_ENCRYPTED_EXTENSIONS, CLIENT_13, EncryptedExtensions.class);
        assertTrue(ee.extensions().contains(ExtensionType.EARLY_DATA));
        golden(Rfc8448.END_OF_EARLY_DATA, SERVER_13, EndOfEarlyData.class);
    }

    @Test
    void helloRetryRequestTrace() {
        ClientHello ch1 = golden(Rfc8448.HRR_CLIENT_HELLO_1, AT_SERVER, ClientHello.class);
        assertEquals(List.of(0x001d), ch1.extensions().keyShareClientHello().orElseThrow().groups());

        ServerHello hrr = golden(Rfc8448.HELLO_RETRY_REQUEST, AT_CLIENT, ServerHello.class);
        assertTrue(hrr.isHelloRetryRequest());
        assertEquals(MessageKind.HELLO_RETRY_REQUEST, hrr.extensionKind());
        assertEquals(0x0017, hrr.extensions().keyShareHelloRetryRequest().orElseThrow().selectedGroup());
        Cookie cookie = hrr.extensions().cookie().orElseThrow();
        assertEquals(0x72, cookie.cookie().length());
        assertEquals(0x0304, hrr.selectedVersion());

        ClientHello ch2 = golden(Rfc8448.HRR_CLIENT_HELLO_2, SERVER_13, ClientHello.class);
        assertEquals(cookie, ch2.extensions().cookie().orElseThrow(), "the cookie is echoed");
        var share = ch2.extensions().keyShareClientHello().orElseThrow().find(0x0017).orElseThrow();
        assertEquals(65, share.keyExchange().length());
        assertEquals(0xaf, ch2.extensions().get(Padding.class).orElseThrow().data().length());

        ServerHello sh = golden(Rfc8448.HRR_SERVER_HELLO, CLIENT_13, ServerHello.class);
        assertFalse(sh.isHelloRetryRequest());
        assertEquals(0x0017, sh.extensions().keyShareServerHello().orElseThrow().share().group());
    }
}
