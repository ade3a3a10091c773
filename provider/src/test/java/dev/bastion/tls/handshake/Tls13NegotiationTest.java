package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.EncryptedExtensions;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.EcPointFormats;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.ServerName;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ALPN (RFC 7301), SNI (RFC 6066) and the server's suite, group and certificate choices. */
class Tls13NegotiationTest {
    private final LocalCredential ec = TestCerts.credential(Kind.EC_P256, "server");
    private final LocalCredential rsa = TestCerts.credential(Kind.RSA_2048, "server");

    private Pipe pipe(TestConfig client, TestConfig server, TestCredentials serverCredentials) {
        return Pipe.tls13(client.build(), new TestCredentials(), server.build(), serverCredentials);
    }

    private Pipe pipe(TestConfig client, TestConfig server) {
        return pipe(client, server, new TestCredentials().server(ec));
    }

    @Test
    void alpnPicksTheServersFirstCommonProtocol() {
        Pipe pipe = pipe(TestConfig.client().alpn("h2", "http/1.1"), TestConfig.server().alpn("spdy/3", "http/1.1", "h2"))
                .handshake();
        assertEquals(Optional.of("http/1.1"), pipe.clientIo.completed().applicationProtocol());
        assertEquals(Optional.of("http/1.1"), pipe.serverIo.completed().applicationProtocol());
    }

    @Test
    void alpnWithoutOverlapIsNoApplicationProtocol() {
        Pipe pipe = pipe(TestConfig.client().alpn("h2"), TestConfig.server().alpn("http/1.1"));
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.NO_APPLICATION_PROTOCOL, a.alert());
        assertEquals(Side.SERVER, pipe.failed);
        assertTrue(a.getMessage().contains("[h2]") && a.getMessage().contains("[http/1.1]"), a.getMessage());
    }

    @Test
    void alpnSelectorDecides() {
        TestCredentials server = new TestCredentials().server(ec);
        server.alpnSelector = offered -> Optional.of(offered.get(1));
        Pipe pipe = pipe(TestConfig.client().alpn("h2", "http/1.1"), TestConfig.server().alpn("h2"), server).handshake();
        assertEquals(Optional.of("http/1.1"), pipe.clientIo.completed().applicationProtocol());
    }

    @Test
    void alpnSelectorMayChooseNone() {
        TestCredentials server = new TestCredentials().server(ec);
        server.alpnSelector = offered -> Optional.of("");
        Pipe pipe = pipe(TestConfig.client().alpn("h2"), TestConfig.server().alpn("h2"), server).handshake();
        assertEquals(Optional.empty(), pipe.clientIo.completed().applicationProtocol());
        assertTrue(Tls13HandshakeTest.sent(pipe.serverIo, EncryptedExtensions.class).extensions().isEmpty());
    }

    @Test
    void noAlpnWhenTheClientOffersNone() {
        Pipe pipe = pipe(TestConfig.client(), TestConfig.server().alpn("h2")).handshake();
        assertEquals(Optional.empty(), pipe.serverIo.completed().applicationProtocol());
    }

    @Test
    void sniMatchedIsAcknowledged() {
        TestConfig client = TestConfig.client();
        client.serverNames = List.of(new SNIHostName("www.example.com"));
        TestConfig server = TestConfig.server();
        server.sniMatchers = List.of(SNIHostName.createSNIMatcher("(.*\\.)?example\\.com"));
        Pipe pipe = pipe(client, server).handshake();
        assertEquals(List.<SNIServerName>of(new SNIHostName("www.example.com")),
                pipe.serverIo.completed().requestedServerNames());
        assertEquals(List.<SNIServerName>of(new SNIHostName("www.example.com")),
                pipe.clientIo.completed().requestedServerNames());
        assertEquals(Optional.of(ServerName.ACKNOWLEDGEMENT),
                Tls13HandshakeTest.sent(pipe.serverIo, EncryptedExtensions.class).extensions().serverName());
    }

    @Test
    void sniMismatchIsUnrecognizedName() {
        TestConfig client = TestConfig.client();
        client.serverNames = List.of(new SNIHostName("www.example.com"));
        TestConfig server = TestConfig.server();
        server.sniMatchers = List.of(SNIHostName.createSNIMatcher("other\\.org"));
        Pipe pipe = pipe(client, server);
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.UNRECOGNIZED_NAME, a.alert());
        assertTrue(a.getMessage().contains("www.example.com"), a.getMessage());
    }

    /** Without configured server names the client sends the peer host, unless it is no DNS name (as SunJSSE). */
    @ParameterizedTest
    @CsvSource({"www.example.org, www.example.org", "www.example.org., www.example.org", "localhost, ''",
            "127.0.0.1, ''", "'::1', ''", "'[2001:db8::1]', ''"})
    void serverNameFromPeerHost(String host, String expected) {
        TestConfig client = TestConfig.client();
        client.peerHost = Optional.of(host);
        Pipe pipe = pipe(client, TestConfig.server());
        pipe.client.start(pipe.clientIo);
        ClientHello ch = Tls13HandshakeTest.sent(pipe.clientIo, ClientHello.class);
        assertEquals(expected.isEmpty() ? Optional.empty() : Optional.of(expected),
                ch.extensions().serverName().flatMap(ServerName::hostName));
    }

    @ParameterizedTest
    @CsvSource({"false, TLS_CHACHA20_POLY1305_SHA256", "true, TLS_AES_256_GCM_SHA384"})
    void suiteOrder(boolean serverOrder, CipherSuite expected) {
        TestConfig client = TestConfig.client().suites(CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                CipherSuite.TLS_AES_256_GCM_SHA384);
        TestConfig server = TestConfig.server().suites(CipherSuite.TLS_AES_256_GCM_SHA384,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
        server.serverOrder = serverOrder;
        Pipe pipe = pipe(client, server).handshake();
        assertEquals(Optional.of(expected), pipe.clientIo.completed().cipherSuite());
    }

    /** The first client key share in a group the server supports wins, whatever the server's order. */
    @Test
    void firstUsableKeyShareIsTaken() {
        TestConfig client = TestConfig.client().groups(NamedGroup.X448, NamedGroup.SECP256R1, NamedGroup.X25519)
                .shares(NamedGroup.X448, NamedGroup.SECP256R1);
        TestConfig server = TestConfig.server().groups(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.X448);
        Pipe pipe = pipe(client, server).handshake();
        assertEquals(Optional.of(NamedGroup.X448), pipe.serverIo.completed().group());
    }

    @Test
    void noCommonSuiteIsHandshakeFailure() {
        Pipe pipe = pipe(TestConfig.client().suites(CipherSuite.TLS_AES_128_GCM_SHA256),
                TestConfig.server().suites(CipherSuite.TLS_AES_256_GCM_SHA384));
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, a.alert());
        assertTrue(a.getMessage().contains("0x1301") && a.getMessage().contains("0x1302"), a.getMessage());
    }

    @Test
    void noCommonGroupIsHandshakeFailure() {
        Pipe pipe = pipe(TestConfig.client().groups(NamedGroup.X25519).shares(NamedGroup.X25519),
                TestConfig.server().groups(NamedGroup.SECP384R1));
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, a.alert());
    }

    /** The key manager is asked for key types in the client's scheme order; the certificate decides the scheme. */
    @Test
    void certificateByTheClientsSchemeOrder() {
        TestConfig client = TestConfig.client();
        client.schemes = List.of(SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.ECDSA_SECP256R1_SHA256);
        TestCredentials server = new TestCredentials().server(ec, rsa);
        Pipe pipe = pipe(client, TestConfig.server(), server).handshake();
        assertEquals(List.of(List.of("RSA", "EC")), server.serverKeyTypeRequests);
        assertEquals(rsa.chain(), pipe.clientIo.completed().peerCertificates());
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA384.code(),
                Tls13HandshakeTest.sent(pipe.serverIo, dev.bastion.tls.message.CertificateVerify.class).signatureScheme());
    }

    @Test
    void noCertificateForTheClientsSchemesIsHandshakeFailure() {
        TestConfig client = TestConfig.client();
        client.schemes = List.of(SignatureScheme.ED25519);
        Pipe pipe = pipe(client, TestConfig.server());
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, a.alert());
        assertTrue(a.getMessage().contains("EdDSA"), a.getMessage());
    }

    /** RSA PKCS#1 v1.5 is never a TLS 1.3 handshake signature (RFC 8446 §4.2.3). */
    @Test
    void pkcs1IsNotOfferedForTls13Only() {
        Pipe pipe = pipe(TestConfig.client(), TestConfig.server());
        pipe.client.start(pipe.clientIo);
        ClientHello ch = Tls13HandshakeTest.sent(pipe.clientIo, ClientHello.class);
        assertTrue(!ch.extensions().signatureAlgorithms().orElseThrow().schemes()
                .contains(SignatureScheme.RSA_PKCS1_SHA256.code()));
    }

    /** With TLS 1.2 enabled too, the one ClientHello offers both versions, their suites and schemes. */
    @Test
    void helloForBothVersions() {
        TestConfig client = TestConfig.client();
        client.versions = List.of(0x0304, 0x0303);
        client.suites = List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        client.certificateSchemes = List.of(SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.ECDSA_SHA1);
        Pipe pipe = pipe(client, TestConfig.server());
        pipe.client.start(pipe.clientIo);
        ClientHello ch = Tls13HandshakeTest.sent(pipe.clientIo, ClientHello.class);
        assertEquals(List.of(0x1301, 0xC02F, 0x00FF), ch.cipherSuites(), "with TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
        assertEquals(List.of(0x0304, 0x0303), ch.extensions().supportedVersionsClientHello().orElseThrow().versions());
        assertTrue(ch.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET));
        assertEquals(List.of(0), ch.extensions().get(EcPointFormats.class).orElseThrow().formats());
        assertTrue(ch.extensions().keyShareClientHello().isPresent());
        assertTrue(ch.extensions().signatureAlgorithms().orElseThrow().schemes()
                .contains(SignatureScheme.RSA_PKCS1_SHA256.code()));
        assertEquals(List.of(0x0401, 0x0203), ch.extensions().signatureAlgorithmsCert().orElseThrow().schemes());
        // a TLS 1.3 server still picks TLS 1.3, and PKCS#1 never signs a TLS 1.3 handshake
        pipe.server.start(pipe.serverIo);
        pipe.run();
        assertEquals(HandshakeConfig.TLS13, pipe.clientIo.completed().version());
    }

    @Test
    void handshakeSessionGrowsOnTheClient() {
        TestConfig client = TestConfig.client().alpn("h2");
        Pipe pipe = pipe(client, TestConfig.server().alpn("h2")).handshake();
        List<Negotiated> s = pipe.clientIo.sessions;
        assertEquals(0, s.get(0).version());
        assertEquals(HandshakeConfig.TLS13, s.get(1).version());
        assertEquals(Optional.empty(), s.get(1).applicationProtocol());
        assertEquals(Optional.of("h2"), s.get(2).applicationProtocol());
        assertEquals(ec.chain(), s.get(s.size() - 1).peerCertificates());
    }
}
