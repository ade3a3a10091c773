package dev.bastion.tls.handshake;

import static dev.bastion.tls.message.ext.ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION;
import static dev.bastion.tls.message.ext.ExtensionType.CERTIFICATE_AUTHORITIES;
import static dev.bastion.tls.message.ext.ExtensionType.EC_POINT_FORMATS;
import static dev.bastion.tls.message.ext.ExtensionType.EXTENDED_MASTER_SECRET;
import static dev.bastion.tls.message.ext.ExtensionType.PSK_KEY_EXCHANGE_MODES;
import static dev.bastion.tls.message.ext.ExtensionType.RENEGOTIATION_INFO;
import static dev.bastion.tls.message.ext.ExtensionType.SERVER_NAME;
import static dev.bastion.tls.message.ext.ExtensionType.SIGNATURE_ALGORITHMS;
import static dev.bastion.tls.message.ext.ExtensionType.SIGNATURE_ALGORITHMS_CERT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.EncryptedExtensions;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.Opaque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

/**
 * {@code jdk.tls.client.disableExtensions} / {@code jdk.tls.server.disableExtensions} inside the
 * handshake ({@link HandshakeConfig#disabledExtensions}): a client leaves the extensions out of its
 * hello; a server ignores them in the client's hello (yet hashes the hello's bytes as received)
 * and leaves them out of what it sends.
 */
class DisabledExtensionsHandshakeTest {
    private final TestCredentials serverCredentials = new TestCredentials()
            .server(TestCerts.credential(Kind.EC_P256, "server"));

    @Test
    void clientLeavesTheDisabledExtensionsOutOfItsHelloAndKeepsTheRest() {
        TestConfig c = Tls12Configs.both(TestConfig.client()).alpn("h2");
        c.peerHost = Optional.of("www.example.com");
        c.certificateSchemes = TestConfig.SCHEMES;
        ClientHello all = hello(c.build());
        Set<ExtensionType> off = Set.of(EC_POINT_FORMATS, SIGNATURE_ALGORITHMS_CERT, PSK_KEY_EXCHANGE_MODES,
                APPLICATION_LAYER_PROTOCOL_NEGOTIATION, EXTENDED_MASTER_SECRET, SERVER_NAME);
        c.disabledExtensions = off;
        ClientHello some = hello(c.build());
        List<Integer> expected = codes(all.extensions()).stream()
                .filter(code -> off.stream().noneMatch(t -> t.code() == code)).toList();
        assertEquals(expected, codes(some.extensions()));
        for (ExtensionType t : off) {
            assertTrue(all.extensions().contains(t), t + " is sent by default");
        }
    }

    @Test
    void tls12ServerIgnoresTheDisabledExtensionsOfTheClientsHelloAndSendsNoneOfThem() {
        TestConfig c = Tls12Configs.client().alpn("h2");
        c.serverNames = List.of(new SNIHostName("www.example.com"));
        TestConfig s = Tls12Configs.server().alpn("h2");
        Pipe usual = Pipe.of(c.build(), new TestCredentials(), s.build(), serverCredentials).handshake();
        ServerHello usualHello = (ServerHello) usual.serverIo.outbox.get(0).message();
        assertTrue(usualHello.extensions().contains(EXTENDED_MASTER_SECRET));
        assertTrue(usualHello.extensions().contains(RENEGOTIATION_INFO));
        assertEquals(Optional.of("h2"), usual.serverIo.completed().applicationProtocol());

        s.disabledExtensions = Set.of(EXTENDED_MASTER_SECRET, RENEGOTIATION_INFO, SERVER_NAME,
                APPLICATION_LAYER_PROTOCOL_NEGOTIATION);
        Pipe pipe = Pipe.of(c.build(), new TestCredentials(), s.build(), serverCredentials).handshake();
        ClientHello ch = (ClientHello) pipe.clientIo.outbox.get(0).message();
        for (ExtensionType t : s.disabledExtensions) {
            if (t != RENEGOTIATION_INFO) { // the client signals with the SCSV instead
                assertTrue(ch.extensions().contains(t), "the client sent " + t);
            }
        }
        ServerHello sh = (ServerHello) pipe.serverIo.outbox.get(0).message();
        for (ExtensionType t : s.disabledExtensions) {
            assertFalse(sh.extensions().contains(t), "the server sent " + t);
        }
        Negotiated n = pipe.serverIo.completed();
        assertEquals(List.of(), n.requestedServerNames());
        assertEquals(Optional.empty(), n.applicationProtocol());
        assertEquals(Optional.empty(), pipe.clientIo.completed().applicationProtocol());
        // the hello was hashed as received, so both sides agree on the transcript and the keys
        assertArrayEquals(pipe.clientIo.transcript().current(), pipe.serverIo.transcript().current());
        assertEquals(pipe.clientIo.writeKeys, pipe.serverIo.readKeys);
    }

    @Test
    void tls13ServerIgnoresTheDisabledExtensionsAndLeavesThemOutOfItsCertificateRequest() {
        TestConfig c = TestConfig.client().alpn("h2");
        c.serverNames = List.of(new SNIHostName("www.example.com"));
        TestConfig s = TestConfig.server().alpn("h2");
        s.clientAuth = ClientAuth.REQUIRED;
        s.certificateSchemes = TestConfig.SCHEMES;
        serverCredentials.acceptedIssuers = List.of(new X500Principal("CN=Root A").getEncoded());
        TestCredentials client = new TestCredentials().client(TestCerts.credential(Kind.EC_P256, "client"));
        s.disabledExtensions = Set.of(SERVER_NAME, APPLICATION_LAYER_PROTOCOL_NEGOTIATION, CERTIFICATE_AUTHORITIES,
                SIGNATURE_ALGORITHMS_CERT);
        Pipe pipe = Pipe.tls13(c.build(), client, s.build(), serverCredentials).handshake();
        EncryptedExtensions ee = Tls13HandshakeTest.sent(pipe.serverIo, EncryptedExtensions.class);
        assertEquals(List.of(), codes(ee.extensions()));
        CertificateRequest cr = Tls13HandshakeTest.sent(pipe.serverIo, CertificateRequest.class);
        assertEquals(List.of(SIGNATURE_ALGORITHMS.code()), codes(cr.extensions()));
        assertEquals(List.of(), pipe.serverIo.completed().requestedServerNames());
        assertEquals(1, pipe.serverIo.completed().peerCertificates().size());
        assertArrayEquals(pipe.clientIo.transcript().current(), pipe.serverIo.transcript().current());
    }

    /** A server that ignores signature_algorithms cannot take a TLS 1.3 hello (RFC 8446 §9.2), as SunJSSE cannot. */
    @Test
    void tls13ServerIgnoringSignatureAlgorithmsRefusesTheHello() {
        TestConfig s = TestConfig.server();
        s.disabledExtensions = Set.of(SIGNATURE_ALGORITHMS);
        Pipe pipe = Pipe.tls13(TestConfig.client().build(), new TestCredentials(), s.build(), serverCredentials);
        TlsAlert e = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.MISSING_EXTENSION, e.alert());
    }

    @Test
    void aServerWithNothingDisabledSeesTheHelloItself() {
        HandshakeConfig server = TestConfig.server().build();
        ClientHello ch = hello(TestConfig.client().build());
        assertSame(ch, server.received(ch));
    }

    private static ClientHello hello(HandshakeConfig config) {
        return ClientHellos.build(config, Opaque.of(new byte[32]), Opaque.EMPTY, List.of());
    }

    private static List<Integer> codes(Extensions e) {
        return e.list().stream().map(Extension::code).toList();
    }
}
