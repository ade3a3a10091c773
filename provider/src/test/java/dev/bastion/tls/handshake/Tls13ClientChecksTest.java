package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.Certificate;
import dev.bastion.tls.message.CertificateEntry;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.CertificateVerify;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.EncryptedExtensions;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.KeyUpdate;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.KeyShareEntry;
import dev.bastion.tls.message.ext.KeyShareServerHello;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.PreSharedKeyServerHello;
import dev.bastion.tls.message.ext.ServerName;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import dev.bastion.tls.message.ext.SupportedVersionsServerHello;
import dev.bastion.tls.testutil.Hex;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What the client refuses from a server, and the alert it sends (RFC 8446 §4.1.3 ... §4.4.4). */
class Tls13ClientChecksTest {
    private final LocalCredential serverCert = TestCerts.credential(Kind.EC_P256, "server");

    private Pipe pipe(TestConfig client) {
        return Pipe.tls13(client.build(), new TestCredentials(), TestConfig.server().build(),
                new TestCredentials().server(serverCert));
    }

    /** Runs a handshake whose server messages go through {@code tamper}; the client must fail with {@code alert}. */
    private TlsAlert clientFails(TestConfig client, UnaryOperator<TestIo.Outgoing> tamper, AlertDescription alert) {
        Pipe pipe = pipe(client);
        pipe.toClient = tamper;
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(alert, a.alert(), a.getMessage());
        assertEquals(Side.CLIENT, pipe.failed);
        assertTrue(pipe.clientIo.completions.isEmpty());
        return a;
    }

    private TlsAlert clientFails(UnaryOperator<TestIo.Outgoing> tamper, AlertDescription alert) {
        return clientFails(TestConfig.client(), tamper, alert);
    }

    private static <T extends HandshakeMessage> UnaryOperator<TestIo.Outgoing> on(Class<T> type,
            Function<T, HandshakeMessage> change) {
        return o -> type.isInstance(o.message()) ? Pipe.replace(o, change.apply(type.cast(o.message()))) : o;
    }

    private static UnaryOperator<TestIo.Outgoing> drop(Class<?> type) {
        return o -> type.isInstance(o.message()) ? null : o;
    }

    private static ServerHello sh(ServerHello s, int suite, Extensions ext) {
        return new ServerHello(s.legacyVersion(), s.random(), s.legacySessionIdEcho(), suite, s.legacyCompressionMethod(),
                ext);
    }

    @Test
    void suiteNotOffered() {
        TlsAlert a = clientFails(TestConfig.client().suites(CipherSuite.TLS_AES_128_GCM_SHA256),
                on(ServerHello.class, s -> sh(s, 0x1303, s.extensions())), AlertDescription.ILLEGAL_PARAMETER);
        assertTrue(a.getMessage().contains("TLS_CHACHA20_POLY1305_SHA256(0x1303), which was not offered (offered TLS 1.3"
                + " suites: [TLS_AES_128_GCM_SHA256(0x1301)])"), a.getMessage());
    }

    @Test
    void tls12SuiteInATls13ServerHello() {
        clientFails(on(ServerHello.class, s -> sh(s, 0xC02F, s.extensions())), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void keyShareForAGroupWithoutClientShare() {
        // no hybrid group: a server prefers it by HelloRetryRequest, and this case is about ServerHello
        TestConfig client = TestConfig.client().groups(NamedGroup.X25519, NamedGroup.SECP256R1).shares(NamedGroup.X25519);
        KeyShareServerHello p256 = new KeyShareServerHello(new KeyShareEntry(NamedGroup.SECP256R1.code(),
                Opaque.of(new byte[65])));
        TlsAlert a = clientFails(client, on(ServerHello.class, s -> sh(s, s.cipherSuite(), s.extensions().replace(p256))),
                AlertDescription.ILLEGAL_PARAMETER);
        assertTrue(a.getMessage().contains("secp256r1"), a.getMessage());
    }

    @Test
    void sessionIdEchoMismatch() {
        clientFails(on(ServerHello.class, s -> new ServerHello(s.legacyVersion(), s.random(), Opaque.ofHex("01"),
                s.cipherSuite(), 0, s.extensions())), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void compressionMethodNotZero() {
        clientFails(on(ServerHello.class, s -> new ServerHello(s.legacyVersion(), s.random(), s.legacySessionIdEcho(),
                s.cipherSuite(), 1, s.extensions())), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void supportedVersionsBelowTls13() {
        clientFails(on(ServerHello.class, s -> sh(s, s.cipherSuite(),
                s.extensions().replace(new SupportedVersionsServerHello(0x0303)))), AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void serverHelloWithoutKeyShare() {
        clientFails(on(ServerHello.class, s -> sh(s, s.cipherSuite(), Extensions.of(
                new SupportedVersionsServerHello(0x0304)))), AlertDescription.MISSING_EXTENSION);
    }

    @Test
    void unsolicitedPreSharedKey() {
        clientFails(on(ServerHello.class, s -> sh(s, s.cipherSuite(), s.extensions().plus(new PreSharedKeyServerHello(0)))),
                AlertDescription.UNSUPPORTED_EXTENSION);
    }

    @Test
    void encryptedExtensionsWithUnsolicitedAlpn() {
        TlsAlert a = clientFails(on(EncryptedExtensions.class, e -> new EncryptedExtensions(Extensions.of(Alpn.of("h2")))),
                AlertDescription.UNSUPPORTED_EXTENSION);
        assertTrue(a.getMessage().contains("application_layer_protocol_negotiation"), a.getMessage());
    }

    @Test
    void encryptedExtensionsWithUnsolicitedServerName() {
        clientFails(on(EncryptedExtensions.class, e -> new EncryptedExtensions(Extensions.of(ServerName.ACKNOWLEDGEMENT))),
                AlertDescription.UNSUPPORTED_EXTENSION);
    }

    @Test
    void encryptedExtensionsWithAProtocolNotOffered() {
        clientFails(TestConfig.client().alpn("h2"), on(EncryptedExtensions.class, e -> new EncryptedExtensions(
                Extensions.of(Alpn.of("spdy/3")))), AlertDescription.ILLEGAL_PARAMETER);
    }

    /** Two server_name acknowledgements: the decoder refuses the duplicate (RFC 8446 §4.2). */
    @Test
    void encryptedExtensionsWithADuplicate() {
        byte[] twice = Hex.bytes("08 00 00 0a 0008 0000 0000 0000 0000");
        TlsAlert a = clientFails(o -> o.message() instanceof EncryptedExtensions
                ? new TestIo.Outgoing(o.message(), twice, o.keys()) : o, AlertDescription.ILLEGAL_PARAMETER);
        assertTrue(a.getMessage().contains("appears twice"), a.getMessage());
    }

    @Test
    void tamperedServerFinished() {
        clientFails(o -> o.message() instanceof Finished ? Pipe.flip(o, -1) : o, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void tamperedCertificateVerify() {
        clientFails(o -> o.message() instanceof CertificateVerify ? Pipe.flip(o, -5) : o, AlertDescription.DECRYPT_ERROR);
    }

    @Test
    void certificateVerifyWithASchemeNotOffered() {
        TestConfig client = TestConfig.client();
        client.schemes = List.of(dev.bastion.tls.crypto.SignatureScheme.ECDSA_SECP256R1_SHA256);
        clientFails(client, on(CertificateVerify.class, cv -> new CertificateVerify(0x0503, cv.signature())),
                AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void certificateVerifyWithASchemeThatDoesNotFitTheKey() {
        TlsAlert a = clientFails(on(CertificateVerify.class, cv -> new CertificateVerify(0x0807, cv.signature())),
                AlertDescription.ILLEGAL_PARAMETER);
        assertTrue(a.getMessage().contains("does not fit"), a.getMessage());
    }

    @Test
    void encryptedExtensionsMissing() {
        TlsAlert a = clientFails(drop(EncryptedExtensions.class), AlertDescription.UNEXPECTED_MESSAGE);
        assertEquals("AwaitEncryptedExtensions expected EncryptedExtensions, got Certificate", a.getMessage());
    }

    @Test
    void certificateVerifyMissing() {
        TlsAlert a = clientFails(drop(CertificateVerify.class), AlertDescription.UNEXPECTED_MESSAGE);
        assertEquals("AwaitCertificateVerify expected CertificateVerify, got Finished", a.getMessage());
    }

    @Test
    void keyUpdateBeforeFinished() {
        clientFails(on(Finished.class, f -> new KeyUpdate(false)), AlertDescription.UNEXPECTED_MESSAGE);
    }

    @Test
    void emptyServerCertificate() {
        clientFails(on(Certificate.class, c -> new Certificate(Opaque.EMPTY, List.of())), AlertDescription.DECODE_ERROR);
    }

    @Test
    void serverCertificateWithAContext() {
        clientFails(on(Certificate.class, c -> new Certificate(Opaque.ofHex("01"), c.entries())),
                AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void serverCertificateThatIsNotX509() {
        clientFails(on(Certificate.class, c -> new Certificate(Opaque.EMPTY, List.of(CertificateEntry.of(
                Opaque.ofHex("3003020101"))))), AlertDescription.BAD_CERTIFICATE);
    }

    @Test
    void serverChainLongerThanTheLimit() {
        TlsAlert a = clientFails(on(Certificate.class, c -> new Certificate(Opaque.EMPTY,
                Collections.nCopies(11, c.entries().get(0)))), AlertDescription.BAD_CERTIFICATE);
        assertTrue(a.getMessage().contains("jdk.tls.client.maxInboundCertificateChainLength"), a.getMessage());
    }

    @Test
    void certificateRequestWithAContext() {
        Pipe pipe = pipe(TestConfig.client());
        // the server's Certificate becomes a CertificateRequest with a context
        pipe.toClient = o -> o.message() instanceof Certificate ? Pipe.replace(o, new CertificateRequest(
                Opaque.ofHex("07"), Extensions.of(new SignatureAlgorithms(List.of(0x0403))))) : o;
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, a.alert());
        assertTrue(a.getMessage().contains("certificate_request_context"), a.getMessage());
    }

    /** RFC 8446 §4.1.3: a TLS 1.3 client that gets TLS 1.2 checks the downgrade sentinel. */
    @Test
    void downgradeSentinel() {
        byte[] random = Hex.bytes("00".repeat(24) + "444F574E47524401");
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, tls12ServerHello(random, 0x0303, true).alert());
        byte[] random11 = Hex.bytes("00".repeat(24) + "444F574E47524400");
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, tls12ServerHello(random11, 0x0302, true).alert());
        byte[] plain = Hex.bytes("11".repeat(32));
        // without a sentinel the TLS 1.2 client takes over; it refuses to "resume" the compatibility session id
        TlsAlert resumed = tls12ServerHello(plain, 0x0303, true);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, resumed.alert());
        assertTrue(resumed.getMessage().contains("did not offer to resume"), resumed.getMessage());
        assertEquals(AlertDescription.PROTOCOL_VERSION, tls12ServerHello(plain, 0x0303, false).alert());
    }

    /** A TLS 1.2 ServerHello without a sentinel goes to the TLS 1.2 client, which awaits the Certificate. */
    @Test
    void tls12ServerHelloHandsOver() {
        TestConfig client = TestConfig.client();
        client.versions = List.of(0x0304, 0x0303);
        client.suites = List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        Pipe pipe = pipe(client);
        pipe.client.start(pipe.clientIo);
        ClientHello ch = (ClientHello) pipe.clientIo.outbox.get(0).message();
        pipe.inject(Side.CLIENT, new ServerHello(0x0303, Opaque.of(Hex.bytes("11".repeat(32))), Opaque.ofHex("0102"),
                0xC02B, 0, Extensions.ABSENT));
        assertEquals("AwaitServerCertificate", ((StateMachine) pipe.client).stateName());
        assertEquals(HandshakeConfig.TLS12, pipe.clientIo.sessions.get(pipe.clientIo.sessions.size() - 1).version());
        assertTrue(ch.legacySessionId().length() == 32, "compatibility mode session id");
    }

    private TlsAlert tls12ServerHello(byte[] random, int version, boolean enable12) {
        TestConfig client = TestConfig.client();
        client.versions = enable12 ? List.of(0x0304, 0x0303) : List.of(0x0304);
        client.suites = List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        Pipe pipe = pipe(client);
        pipe.client.start(pipe.clientIo);
        ClientHello ch = (ClientHello) pipe.clientIo.outbox.get(0).message();
        assertEquals(enable12, ch.offersCipherSuite(0xC02B));
        ServerHello sh = new ServerHello(version, Opaque.of(random), ch.legacySessionId(), 0xC02B, 0, Extensions.ABSENT);
        return assertThrows(TlsAlert.class, () -> pipe.inject(Side.CLIENT, sh));
    }

    /** RFC 8446 §D.5: a ServerHello with legacy_version 0x0300 is refused, even one selecting TLS 1.3. */
    @Test
    void ssl3LegacyVersionInServerHelloIsProtocolVersion() {
        Pipe pipe = pipe(TestConfig.client());
        pipe.toClient = o -> o.message() instanceof ServerHello ? Pipe.replace(o, ssl3((ServerHello) o.message())) : o;
        TlsAlert a = assertThrows(TlsAlert.class, pipe::handshake);
        assertEquals(AlertDescription.PROTOCOL_VERSION, a.alert());
        assertTrue(a.getMessage().contains("RFC 8446 §D.5"), a.getMessage());
    }

    private static ServerHello ssl3(ServerHello sh) {
        return new ServerHello(0x0300, sh.random(), sh.legacySessionIdEcho(), sh.cipherSuite(), sh.legacyCompressionMethod(),
                sh.extensions());
    }

    @Test
    void postHandshakeCertificateRequestIsUnexpected() {
        Pipe pipe = pipe(TestConfig.client()).handshake();
        TlsAlert a = assertThrows(TlsAlert.class, () -> pipe.inject(Side.CLIENT, new CertificateRequest(
                Opaque.ofHex("01"), Extensions.of(new SignatureAlgorithms(List.of(0x0403))))));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, a.alert());
    }
}
