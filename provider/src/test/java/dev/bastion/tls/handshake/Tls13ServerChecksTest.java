package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.Certificate;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.KeyShareClientHello;
import dev.bastion.tls.message.ext.KeyShareEntry;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.PreSharedKeyClientHello;
import dev.bastion.tls.message.ext.PskIdentity;
import dev.bastion.tls.message.ext.SupportedVersionsClientHello;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What the server refuses from a client (RFC 8446 §4.1.2, §4.2, §4.4, §9.2). */
class Tls13ServerChecksTest {

    private Pipe pipe(TestConfig server) {
        return Pipe.tls13(TestConfig.client().build(), new TestCredentials(), server.build(),
                new TestCredentials().server(TestCerts.credential(Kind.EC_P256, "server")));
    }

    /** A handshake whose ClientHello goes through {@code change}; the server must fail with {@code alert}. */
    private TlsAlert serverRefuses(UnaryOperator<ClientHello> change, AlertDescription alert) {
        Pipe pipe = pipe(TestConfig.server());
        pipe.toServer = o -> o.message() instanceof ClientHello ? Pipe.replace(o, change.apply((ClientHello) o.message())) : o;
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(alert, a.alert(), a.getMessage());
        assertEquals(Side.SERVER, pipe.failed);
        assertTrue(pipe.serverIo.outbox.isEmpty(), "the server sent " + pipe.serverIo.sentTypes());
        return a;
    }

    private static ClientHello ext(ClientHello ch, Extensions e) {
        return Tls13HelloRetryTest.withExtensions(ch, e);
    }

    @Test
    void noSupportedVersionsIsProtocolVersion() {
        TlsAlert a = serverRefuses(ch -> ext(ch, Tls13HelloRetryTest.without(ch.extensions(),
                ExtensionType.SUPPORTED_VERSIONS.code())), AlertDescription.PROTOCOL_VERSION);
        assertTrue(a.getMessage().contains("legacy_version TLSv1.2(0x0303)"), a.getMessage());
    }

    /** RFC 8446 §D.5: legacy_version 0x0300 is refused even when supported_versions offers TLS 1.3. */
    @Test
    void ssl3LegacyVersionIsProtocolVersionWhateverSupportedVersionsOffers() {
        TlsAlert a = serverRefuses(ch -> new ClientHello(0x0300, ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), ch.extensions()), AlertDescription.PROTOCOL_VERSION);
        assertTrue(a.getMessage().contains("RFC 8446 §D.5"), a.getMessage());
    }

    @Test
    void onlyTls12IsProtocolVersion() {
        serverRefuses(ch -> ext(ch, ch.extensions().replace(new SupportedVersionsClientHello(List.of(0x0303)))),
                AlertDescription.PROTOCOL_VERSION);
    }

    @Test
    void compressionOtherThanNullIsIllegal() {
        serverRefuses(ch -> new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                List.of(0, 1), ch.extensions()), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void noSignatureAlgorithmsIsMissingExtension() {
        serverRefuses(ch -> ext(ch, Tls13HelloRetryTest.without(ch.extensions(),
                ExtensionType.SIGNATURE_ALGORITHMS.code())), AlertDescription.MISSING_EXTENSION);
    }

    @Test
    void noKeyShareIsMissingExtension() {
        serverRefuses(ch -> ext(ch, Tls13HelloRetryTest.without(ch.extensions(), ExtensionType.KEY_SHARE.code())),
                AlertDescription.MISSING_EXTENSION);
    }

    @Test
    void preSharedKeyWithoutModesIsMissingExtension() {
        PreSharedKeyClientHello psk = new PreSharedKeyClientHello(List.of(new PskIdentity(Opaque.ofHex("0102"), 0)),
                List.of(Opaque.of(new byte[32])));
        serverRefuses(ch -> ext(ch, Tls13HelloRetryTest.without(ch.extensions(),
                ExtensionType.PSK_KEY_EXCHANGE_MODES.code()).plus(psk)), AlertDescription.MISSING_EXTENSION);
    }

    /** A client that offers a PSK (from some other server) still gets a full handshake. */
    @Test
    void preSharedKeyIsIgnored() {
        PreSharedKeyClientHello psk = new PreSharedKeyClientHello(List.of(new PskIdentity(Opaque.ofHex("0102"), 0)),
                List.of(Opaque.of(new byte[32])));
        Pipe pipe = pipe(TestConfig.server());
        pipe.client.start(pipe.clientIo);
        pipe.dropFromClient();
        ClientHello ch = Tls13HandshakeTest.sent(pipe.clientIo, ClientHello.class);
        pipe.inject(Side.SERVER, ext(ch, ch.extensions().plus(psk)));
        assertEquals(List.of("ServerHello", "CCS", "EncryptedExtensions (protected)", "Certificate (protected)",
                "CertificateVerify (protected)", "Finished (protected)"), pipe.serverIo.sentTypes());
        assertEquals(false, Tls13HandshakeTest.sent(pipe.serverIo, ServerHello.class).extensions()
                .contains(ExtensionType.PRE_SHARED_KEY));
    }

    @Test
    void keyShareOutsideSupportedGroupsIsIllegal() {
        KeyShareClientHello x448 = new KeyShareClientHello(List.of(new KeyShareEntry(NamedGroup.X448.code(),
                Opaque.of(new byte[56]))));
        TestConfig client = TestConfig.client().groups(NamedGroup.X25519).shares(NamedGroup.X25519);
        Pipe pipe = Pipe.tls13(client.build(), new TestCredentials(), TestConfig.server().build(),
                new TestCredentials().server(TestCerts.credential(Kind.EC_P256, "server")));
        pipe.toServer = o -> o.message() instanceof ClientHello
                ? Pipe.replace(o, ext((ClientHello) o.message(), ((ClientHello) o.message()).extensions().replace(x448))) : o;
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, a.alert());
    }

    /** An x25519 share of the wrong length is refused by the key exchange (illegal_parameter). */
    @Test
    void malformedKeyShareIsIllegal() {
        KeyShareClientHello bad = new KeyShareClientHello(List.of(new KeyShareEntry(NamedGroup.X25519.code(),
                Opaque.of(new byte[31]))));
        TestConfig client = TestConfig.client().groups(NamedGroup.X25519).shares(NamedGroup.X25519);
        Pipe pipe = Pipe.tls13(client.build(), new TestCredentials(), TestConfig.server().build(),
                new TestCredentials().server(TestCerts.credential(Kind.EC_P256, "server")));
        pipe.toServer = o -> o.message() instanceof ClientHello
                ? Pipe.replace(o, ext((ClientHello) o.message(), ((ClientHello) o.message()).extensions().replace(bad))) : o;
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, a.alert());
    }

    @Test
    void tamperedClientFinished() {
        Pipe pipe = pipe(TestConfig.server());
        pipe.toServer = o -> o.message() instanceof Finished ? Pipe.flip(o, 4) : o;
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.DECRYPT_ERROR, a.alert());
        assertEquals(Side.SERVER, pipe.failed);
        assertTrue(pipe.serverIo.completions.isEmpty());
    }

    /** A Certificate nobody asked for, where the client's Finished belongs. */
    @Test
    void unrequestedClientCertificateIsUnexpected() {
        Pipe pipe = pipe(TestConfig.server());
        pipe.toServer = o -> o.message() instanceof Finished ? Pipe.replace(o, new Certificate(Opaque.EMPTY, List.of())) : o;
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, a.alert());
        assertEquals("AwaitClientFinished expected Finished, got Certificate", a.getMessage());
    }

    @Test
    void clientCertificateContextMustEchoTheRequest() {
        TestConfig server = TestConfig.server();
        server.clientAuth = ClientAuth.WANTED;
        Pipe pipe = pipe(server);
        pipe.toServer = o -> o.message() instanceof Certificate
                ? Pipe.replace(o, new Certificate(Opaque.ofHex("05"), List.of())) : o;
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, a.alert());
    }

    @Test
    void secondClientHelloWithoutRetryIsUnexpected() {
        Pipe pipe = pipe(TestConfig.server()).handshake();
        ClientHello ch = Tls13HandshakeTest.sent(pipe.clientIo, ClientHello.class);
        TlsAlert a = assertThrows(TlsAlert.class, () -> pipe.inject(Side.SERVER, ch));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, a.alert());
    }
}
