package dev.bastion.tls.handshake;

import static dev.bastion.tls.handshake.Tls12Fixture.fails;
import static dev.bastion.tls.handshake.Tls12Fixture.pipe;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.RsaKeyTransport;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.message.Certificate12;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ClientKeyExchange;
import dev.bastion.tls.message.DheParams;
import dev.bastion.tls.message.EcdheParams;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.HelloRequest;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ServerKeyExchange;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.EcPointFormats;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.RenegotiationInfo;
import dev.bastion.tls.message.ext.SessionTicket;
import dev.bastion.tls.testutil.Hex;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The TLS 1.2 client's checks, each driven by a server message changed in transit: the alerts
 * RFC 5246, RFC 8422, RFC 7919, RFC 5746, RFC 7627 and RFC 8446 §4.1.3 name.
 */
class Tls12ClientChecksTest {
    private static final String ECDSA = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";

    private static TestConfig client(CipherSuite... suites) {
        return Tls12Configs.client().suites(suites);
    }

    /** A pipe whose server messages of {@code type} go through {@code change}. */
    private static Pipe changing(TestConfig client, Class<?> type, UnaryOperator<TestIo.Outgoing> change) {
        Pipe pipe = pipe(client, Tls12Configs.server());
        pipe.toClient = o -> type.isInstance(o.message()) ? change.apply(o) : o;
        return pipe;
    }

    @Test
    void badServerKeyExchangeSignatureIsDecryptError() {
        for (CipherSuite suite : List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256)) {
            Pipe pipe = changing(client(suite), ServerKeyExchange.class, o -> Pipe.flip(o, -1));
            fails(pipe, Side.CLIENT, AlertDescription.DECRYPT_ERROR);
            assertEquals(List.of("ClientHello"), pipe.clientIo.sentTypes(), "nothing after the bad signature");
        }
    }

    @Test
    void serverKeyExchangeSchemeNotOfferedOrNotFittingIsIllegalParameter() {
        TestConfig c = client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        c.schemes = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA256);
        Pipe notOffered = changing(c, ServerKeyExchange.class, o -> Pipe.replace(o, scheme((ServerKeyExchange) o.message(),
                SignatureScheme.ECDSA_SECP521R1_SHA512)));
        assertTrue(fails(notOffered, Side.CLIENT, AlertDescription.ILLEGAL_PARAMETER).getMessage().contains("not offered"));
        Pipe notFitting = changing(c, ServerKeyExchange.class, o -> Pipe.replace(o, scheme((ServerKeyExchange) o.message(),
                SignatureScheme.RSA_PSS_RSAE_SHA256)));
        assertTrue(fails(notFitting, Side.CLIENT, AlertDescription.ILLEGAL_PARAMETER).getMessage().contains("does not fit"));
    }

    private static ServerKeyExchange scheme(ServerKeyExchange ske, SignatureScheme s) {
        return new ServerKeyExchange(ske.params(), s.code(), ske.signature());
    }

    /** RFC 7919 §3 / the issue: DH parameters under 2048 bits are insufficient_security, however well signed. */
    @Test
    void smallDhGroupIsInsufficientSecurity() {
        // RFC 2409 §6.2, the 1024-bit MODP group (Oakley group 2)
        BigInteger p = new BigInteger(("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22"
                + "514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406"
                + "B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF"), 16);
        Pipe pipe = pipe(client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server());
        pipe.toClient = o -> {
            if (!(o.message() instanceof ServerKeyExchange)) {
                return o;
            }
            ServerKeyExchange ske = (ServerKeyExchange) o.message();
            DheParams small = new DheParams(Opaque.of(unsigned(p)), Opaque.ofHex("02"),
                    Opaque.of(unsigned(BigInteger.TWO.modPow(BigInteger.valueOf(123456789), p))));
            return Pipe.replace(o, Tls12Fixture.signed(small, SignatureScheme.fromCode(ske.signatureScheme()).orElseThrow(),
                    Tls12Fixture.RSA, pipe));
        };
        TlsAlert a = fails(pipe, Side.CLIENT, AlertDescription.INSUFFICIENT_SECURITY);
        assertTrue(a.getMessage().contains("1024 bits"), a.getMessage());
    }

    /**
     * {@code jdk.tls.disabledAlgorithms} "DH keySize < 3072" raises the client's minimum
     * ({@link Tls12Options#minDhPrimeBits}): a server's ffdhe2048 is then insufficient_security,
     * the alert SunJSSE 17 and 25 send ("DH ServerKeyExchange does not comply to algorithm
     * constraints"); ffdhe3072 passes.
     */
    @Test
    void dhPrimeBelowTheConfiguredMinimumIsInsufficientSecurity() {
        TestConfig strict = client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.X25519);
        strict.tls12 = new Tls12Options(true, true, 3072);
        TlsAlert a = fails(pipe(strict, Tls12Configs.server()), Side.CLIENT, AlertDescription.INSUFFICIENT_SECURITY);
        assertTrue(a.getMessage().contains("2048 bits; at least 3072"), a.getMessage());
        Pipe ok = pipe(strict, Tls12Configs.server().groups(NamedGroup.X25519, NamedGroup.FFDHE3072)).handshake();
        assertEquals(java.util.Optional.of(NamedGroup.FFDHE3072), ok.clientIo.completed().group());
        TestConfig plain = client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.X25519);
        assertEquals(java.util.Optional.of(NamedGroup.FFDHE2048), pipe(plain, Tls12Configs.server()).handshake()
                .clientIo.completed().group(), "the default minimum accepts ffdhe2048");
    }

    private static byte[] unsigned(BigInteger x) {
        byte[] b = x.toByteArray();
        return b[0] == 0 ? java.util.Arrays.copyOfRange(b, 1, b.length) : b;
    }

    /** RFC 8422 §5.4: the server's curve must be one the client offered. */
    @Test
    void curveNotOfferedIsIllegalParameter() {
        TestConfig c = client(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.X25519);
        Pipe pipe = pipe(c, Tls12Configs.server());
        pipe.toClient = o -> {
            if (!(o.message() instanceof ServerKeyExchange)) {
                return o;
            }
            ServerKeyExchange ske = (ServerKeyExchange) o.message();
            byte[] point;
            try (var share = NamedGroup.SECP384R1.generate(new SecureRandom())) {
                point = share.publicValue();
            }
            return Pipe.replace(o, Tls12Fixture.signed(new EcdheParams(NamedGroup.SECP384R1.code(), Opaque.of(point)),
                    SignatureScheme.fromCode(ske.signatureScheme()).orElseThrow(), Tls12Fixture.RSA, pipe));
        };
        assertTrue(fails(pipe, Side.CLIENT, AlertDescription.ILLEGAL_PARAMETER).getMessage().contains("did not offer"));
    }

    /** An invalid ECDHE point from the server is illegal_parameter (RFC 8422 §5.10). */
    @Test
    void invalidServerPointIsIllegalParameter() {
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.SECP256R1),
                Tls12Configs.server());
        pipe.toClient = o -> {
            if (!(o.message() instanceof ServerKeyExchange)) {
                return o;
            }
            ServerKeyExchange ske = (ServerKeyExchange) o.message();
            byte[] notOnCurve = new byte[65];
            notOnCurve[0] = 4;
            notOnCurve[64] = 1;
            return Pipe.replace(o, Tls12Fixture.signed(new EcdheParams(NamedGroup.SECP256R1.code(), Opaque.of(notOnCurve)),
                    SignatureScheme.fromCode(ske.signatureScheme()).orElseThrow(), Tls12Fixture.RSA, pipe));
        };
        fails(pipe, Side.CLIENT, AlertDescription.ILLEGAL_PARAMETER);
    }

    @Test
    void unofferedSuiteIsIllegalParameter() {
        Pipe pipe = changing(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), ServerHello.class,
                o -> Pipe.replace(o, suite((ServerHello) o.message(), 0xC030)));
        TlsAlert a = fails(pipe, Side.CLIENT, AlertDescription.ILLEGAL_PARAMETER);
        assertTrue(a.getMessage().contains("not offered"), a.getMessage());
        Pipe tls13Suite = changing(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), ServerHello.class,
                o -> Pipe.replace(o, suite((ServerHello) o.message(), 0x1301)));
        fails(tls13Suite, Side.CLIENT, AlertDescription.ILLEGAL_PARAMETER);
        Pipe scsv = changing(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), ServerHello.class,
                o -> Pipe.replace(o, suite((ServerHello) o.message(), 0x00FF)));
        fails(scsv, Side.CLIENT, AlertDescription.ILLEGAL_PARAMETER);
    }

    private static ServerHello suite(ServerHello sh, int code) {
        return new ServerHello(sh.legacyVersion(), sh.random(), sh.legacySessionIdEcho(), code,
                sh.legacyCompressionMethod(), sh.extensions());
    }

    @Test
    void serverHelloFieldChecks() {
        TestConfig c = client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        Pipe compression = changing(c, ServerHello.class, o -> {
            ServerHello sh = (ServerHello) o.message();
            return Pipe.replace(o, new ServerHello(sh.legacyVersion(), sh.random(), sh.legacySessionIdEcho(),
                    sh.cipherSuite(), 1, sh.extensions()));
        });
        fails(compression, Side.CLIENT, AlertDescription.ILLEGAL_PARAMETER);
        Pipe tls11 = changing(c, ServerHello.class, o -> {
            ServerHello sh = (ServerHello) o.message();
            return Pipe.replace(o, new ServerHello(0x0302, sh.random(), sh.legacySessionIdEcho(), sh.cipherSuite(), 0,
                    sh.extensions()));
        });
        fails(tls11, Side.CLIENT, AlertDescription.PROTOCOL_VERSION);
        Pipe ticket = changing(c, ServerHello.class, o -> Pipe.replace(o, Tls13HelloRetryTest.withExtensions(
                (ServerHello) o.message(), ((ServerHello) o.message()).extensions().plus(SessionTicket.EMPTY))));
        assertTrue(fails(ticket, Side.CLIENT, AlertDescription.UNSUPPORTED_EXTENSION).getMessage()
                .contains("session_ticket"), "not offered, so not acknowledged");
        Pipe renegotiated = changing(c, ServerHello.class, o -> Pipe.replace(o, Tls13HelloRetryTest.withExtensions(
                (ServerHello) o.message(), ((ServerHello) o.message()).extensions()
                        .replace(new RenegotiationInfo(Opaque.ofHex("0102"))))));
        fails(renegotiated, Side.CLIENT, AlertDescription.HANDSHAKE_FAILURE);
        Pipe compressedPoints = changing(c, ServerHello.class, o -> Pipe.replace(o, Tls13HelloRetryTest.withExtensions(
                (ServerHello) o.message(), ((ServerHello) o.message()).extensions()
                        .replace(new EcPointFormats(List.of(1))))));
        fails(compressedPoints, Side.CLIENT, AlertDescription.ILLEGAL_PARAMETER);
    }

    /** RFC 5746 §3.4: renegotiation_info answers the SCSV; its absence (a legacy server) is accepted. */
    @Test
    void legacyServerWithoutRenegotiationInfoIsServed() {
        TestConfig server = Tls12Configs.server();
        server.tls12 = new Tls12Options(false, true); // same keys on both sides despite the changed transcript
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), server);
        pipe.toClient = o -> o.message() instanceof ServerHello ? Pipe.replace(o, Tls13HelloRetryTest.withExtensions(
                (ServerHello) o.message(), Tls13HelloRetryTest.without(((ServerHello) o.message()).extensions(),
                        ExtensionType.RENEGOTIATION_INFO.code()))) : o;
        // the server's own transcript has the original ServerHello: the handshake fails only at Finished
        fails(pipe, Side.SERVER, AlertDescription.DECRYPT_ERROR);
        assertTrue(pipe.clientIo.sentTypes().contains("Finished (protected)"), "the client accepted the ServerHello");
        ClientHello ch = (ClientHello) pipe.clientIo.outbox.get(0).message();
        assertTrue(ch.offersCipherSuite(0x00FF) && !ch.extensions().contains(ExtensionType.RENEGOTIATION_INFO));
    }

    @Test
    void serverCertificateChecks() {
        TestConfig c = client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        Pipe empty = changing(c, Certificate12.class, o -> Pipe.replace(o, new Certificate12(List.of())));
        fails(empty, Side.CLIENT, AlertDescription.DECODE_ERROR);
        Pipe rsaForEcdsa = changing(c, Certificate12.class, o -> Pipe.replace(o,
                new Certificate12(CertificateChains.encoded(Tls12Fixture.RSA.chain()))));
        fails(rsaForEcdsa, Side.CLIENT, AlertDescription.UNSUPPORTED_CERTIFICATE);
        Pipe distrusted = pipe(c, Tls12Configs.server());
        ((TestCredentials) credentials(distrusted)).distrust = new TlsAlert(AlertDescription.CERTIFICATE_UNKNOWN, "no");
        fails(distrusted, Side.CLIENT, AlertDescription.CERTIFICATE_UNKNOWN);
    }

    private static Credentials credentials(Pipe pipe) {
        return pipe.clientIo.credentials();
    }

    /** RFC 5246 §7.1: the server's Finished before its ChangeCipherSpec is unexpected_message. */
    @Test
    void finishedBeforeChangeCipherSpecIsUnexpectedMessage() {
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server());
        pipe.toClient = o -> o.isCcs() || o.message() instanceof Finished ? null : o;
        pipe.handshake();
        assertEquals("AwaitServerCcs", ((StateMachine) pipe.client).stateName());
        TlsAlert a = assertThrows(TlsAlert.class, () -> pipe.inject(Side.CLIENT, new Finished(Opaque.of(new byte[12]))));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, a.alert());
        assertTrue(a.getMessage().contains("ChangeCipherSpec"), a.getMessage());
    }

    /** A ChangeCipherSpec the client does not await (before the server's flight, or a second one) is unexpected_message. */
    @Test
    void changeCipherSpecAtTheWrongTime() {
        Pipe early = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server());
        early.toClient = o -> o.message() instanceof ServerHello ? o : null;
        early.handshake();
        assertEquals("AwaitServerCertificate", ((StateMachine) early.client).stateName());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                assertThrows(TlsAlert.class, () -> early.injectCcs(Side.CLIENT)).alert());
        Pipe twice = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server());
        twice.toClient = o -> o.message() instanceof Finished ? null : o;
        twice.handshake();
        assertEquals("AwaitServerFinished", ((StateMachine) twice.client).stateName());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                assertThrows(TlsAlert.class, () -> twice.injectCcs(Side.CLIENT)).alert());
    }

    @Test
    void wrongServerFinishedIsDecryptError() {
        Pipe pipe = changing(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Finished.class,
                o -> Pipe.flip(o, -1));
        fails(pipe, Side.CLIENT, AlertDescription.DECRYPT_ERROR);
        assertTrue(pipe.clientIo.completions.isEmpty());
    }

    /** RFC 5246 §7.4.1.1: ignored during the handshake (and not hashed), answered with no_renegotiation after it. */
    @Test
    void helloRequest() {
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server());
        pipe.toClient = o -> {
            if (o.message() instanceof ServerHello) {
                pipe.inject(Side.CLIENT, o.message());
                pipe.inject(Side.CLIENT, new HelloRequest());
                return null;
            }
            return o;
        };
        pipe.handshake();
        assertEquals(List.of(), pipe.clientIo.warnings);
        assertEquals("Traffic", ((StateMachine) pipe.client).stateName());
        pipe.inject(Side.CLIENT, new HelloRequest());
        pipe.inject(Side.CLIENT, new HelloRequest());
        assertEquals(List.of(AlertDescription.NO_RENEGOTIATION, AlertDescription.NO_RENEGOTIATION), pipe.clientIo.warnings);
        assertEquals("Traffic", ((StateMachine) pipe.client).stateName());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, assertThrows(TlsAlert.class,
                () -> pipe.inject(Side.CLIENT, new Finished(Opaque.of(new byte[12])))).alert());
    }

    /**
     * RFC 5246 §7.4.1.1: a HelloRequest before the ServerHello (the client is negotiating) is
     * ignored too, not refused as a message that cannot come before the hellos.
     */
    @Test
    void helloRequestBeforeTheServerHello() {
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server());
        pipe.toClient = o -> {
            if (o.message() instanceof ServerHello) {
                pipe.inject(Side.CLIENT, new HelloRequest());
                pipe.inject(Side.CLIENT, new HelloRequest());
            }
            return o;
        };
        pipe.handshake();
        assertEquals(List.of(), pipe.clientIo.warnings);
        assertEquals("Traffic", ((StateMachine) pipe.client).stateName());
    }

    /** RFC 7627 §5.2: a server without the extended master secret, with jdk.tls.allowLegacyMasterSecret=false. */
    @Test
    void extendedMasterSecretPolicy() {
        TestConfig server = Tls12Configs.server();
        server.tls12 = new Tls12Options(false, true);
        Pipe legacy = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), server).handshake();
        ServerHello sh = (ServerHello) legacy.serverIo.outbox.get(0).message();
        assertFalse(sh.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET));
        assertEquals(HandshakeConfig.TLS12, legacy.clientIo.completed().version(), "allowed by default");
        TestConfig strict = client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        strict.tls12 = new Tls12Options(true, false);
        TlsAlert a = fails(pipe(strict, server), Side.CLIENT, AlertDescription.HANDSHAKE_FAILURE);
        assertTrue(a.getMessage().contains("allowLegacyMasterSecret"), a.getMessage());
        TestConfig off = client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        off.tls12 = new Tls12Options(false, false);
        Pipe none = pipe(off, Tls12Configs.server()).handshake();
        ClientHello ch = (ClientHello) none.clientIo.outbox.get(0).message();
        assertFalse(ch.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET), "not offered when not used");
    }

    /** The extended master secret differs from the legacy one for the same handshake inputs (RFC 7627 §4). */
    @Test
    void extendedMasterSecretIsUsedWhenBothOfferIt() {
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server()).handshake();
        ServerHello sh = (ServerHello) pipe.serverIo.outbox.get(0).message();
        assertTrue(sh.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET));
        ClientHello ch = (ClientHello) pipe.clientIo.outbox.get(0).message();
        assertTrue(ch.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET));
    }

    /** RFC 5246 §7.4.7.1: the premaster secret starts with the version the client offered. */
    @Test
    void rsaPremasterCarriesTheOfferedVersion() {
        TestConfig both = Tls12Configs.both(TestConfig.client());
        both.suites = List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        Pipe pipe = pipe(both, Tls12Configs.server()).handshake();
        ClientKeyExchange cke = pipe.clientIo.outbox.stream().map(TestIo.Outgoing::message)
                .filter(ClientKeyExchange.class::isInstance).map(ClientKeyExchange.class::cast).findFirst().orElseThrow();
        byte[] premaster = RsaKeyTransport.decryptPkcs1(Tls12Fixture.RSA.key(), cke.exchangeKeys().toByteArray());
        assertEquals(48, premaster.length);
        assertEquals("0303", Hex.string(java.util.Arrays.copyOf(premaster, 2)));
        assertEquals(HandshakeConfig.TLS12, pipe.clientIo.completed().version());
    }

    /** RFC 8446 §4.1.3: a client that offered TLS 1.3 and gets TLS 1.2 with the sentinel aborts. */
    @Test
    void downgradeToTls12IsDetected() {
        TestConfig client = Tls12Configs.both(TestConfig.client());
        TestConfig server = Tls12Configs.both(TestConfig.server());
        Pipe pipe = pipe(client, server);
        // an attacker strips TLS 1.3 from the ClientHello; the server, which supports TLS 1.3, marks its random
        pipe.toServer = o -> o.message() instanceof ClientHello ? Pipe.replace(o, Tls13HelloRetryTest.withExtensions(
                (ClientHello) o.message(), Tls13HelloRetryTest.without(((ClientHello) o.message()).extensions(),
                        ExtensionType.SUPPORTED_VERSIONS.code()))) : o;
        TlsAlert a = fails(pipe, Side.CLIENT, AlertDescription.ILLEGAL_PARAMETER);
        assertTrue(a.getMessage().contains("downgrade"), a.getMessage());
        assertTrue(((ServerHello) pipe.serverIo.outbox.get(0).message()).hasTls12DowngradeSentinel());
    }

    /** A client that enables TLS 1.2 alone does not check the sentinel: a TLS 1.3 server rightly sets it. */
    @Test
    void tls12OnlyClientAcceptsTheSentinel() {
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
                Tls12Configs.both(TestConfig.server())).handshake();
        assertTrue(((ServerHello) pipe.serverIo.outbox.get(0).message()).hasTls12DowngradeSentinel());
        assertEquals(HandshakeConfig.TLS12, pipe.clientIo.completed().version());
    }

    /** A TLS 1.2-only client sends a plain TLS 1.2 ClientHello. */
    @Test
    void tls12OnlyHello() {
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server());
        pipe.client.start(pipe.clientIo);
        ClientHello ch = (ClientHello) pipe.clientIo.outbox.get(0).message();
        assertEquals(0x0303, ch.legacyVersion());
        assertEquals(List.of(0xC02B, 0x00FF), ch.cipherSuites());
        assertTrue(ch.legacySessionId().isEmpty());
        for (ExtensionType absent : List.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE,
                ExtensionType.PSK_KEY_EXCHANGE_MODES, ExtensionType.SESSION_TICKET)) {
            assertFalse(ch.extensions().contains(absent), absent.rfcName());
        }
        assertEquals(List.of(0), ch.extensions().get(EcPointFormats.class).orElseThrow().formats());
        assertTrue(ch.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET));
    }
}
