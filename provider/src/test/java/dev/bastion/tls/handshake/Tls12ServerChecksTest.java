package dev.bastion.tls.handshake;

import static dev.bastion.tls.handshake.Tls12Fixture.fails;
import static dev.bastion.tls.handshake.Tls12Fixture.pipe;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.message.Certificate12;
import dev.bastion.tls.message.CertificateVerify;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ClientKeyExchange;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.KeyExchangeKind;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ServerKeyExchange;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.EcPointFormats;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.RenegotiationInfo;
import dev.bastion.tls.message.ext.SupportedGroups;
import dev.bastion.tls.message.ext.SupportedVersionsClientHello;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The TLS 1.2 server's checks and choices, each driven by a client message changed in transit
 * or a configuration: version negotiation (RFC 8446 §4.2.1), ClientHello checks (RFC 5246
 * §7.4.1.2, RFC 5746, RFC 8422), suite and group choice (RFC 8422 §5.1, RFC 7919 §4), client
 * authentication (RFC 5246 §7.4.6, §7.4.8), ChangeCipherSpec order (§7.1) and renegotiation.
 */
class Tls12ServerChecksTest {

    private static TestConfig client(CipherSuite... suites) {
        return Tls12Configs.client().suites(suites);
    }

    /** A pipe whose ClientHello goes through {@code change}. */
    private static Pipe hello(TestConfig client, TestConfig server, UnaryOperator<ClientHello> change) {
        Pipe pipe = pipe(client, server);
        pipe.toServer = o -> o.message() instanceof ClientHello ? Pipe.replace(o, change.apply((ClientHello) o.message())) : o;
        return pipe;
    }

    private static ClientHello version(ClientHello ch, int legacy, Extensions ext) {
        return new ClientHello(legacy, ch.random(), ch.legacySessionId(), ch.cipherSuites(),
                ch.legacyCompressionMethods(), ext);
    }

    /** SSL 3.0, TLS 1.0 and TLS 1.1 clients get protocol_version, from a TLS 1.2 and from a TLS 1.3+1.2 server. */
    @Test
    void oldClientsGetProtocolVersion() {
        for (TestConfig server : List.of(Tls12Configs.server(), Tls12Configs.both(TestConfig.server()))) {
            for (int legacy : List.of(0x0300, 0x0301, 0x0302)) {
                Pipe pipe = hello(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), server,
                        ch -> version(ch, legacy, ch.extensions()));
                TlsAlert a = fails(pipe, Side.SERVER, AlertDescription.PROTOCOL_VERSION);
                assertTrue(a.getMessage().contains("legacy_version"), a.getMessage());
                assertTrue(pipe.serverIo.outbox.isEmpty());
            }
            Pipe listed = hello(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), server,
                    ch -> version(ch, 0x0302, ch.extensions().plus(new SupportedVersionsClientHello(List.of(0x0302, 0x0301)))));
            fails(listed, Side.SERVER, AlertDescription.PROTOCOL_VERSION);
        }
    }

    /** A TLS 1.3-only client and a TLS 1.2-only server have no version in common. */
    @Test
    void tls13OnlyClientToTls12OnlyServer() {
        TestConfig client = TestConfig.client();
        TlsAlert a = fails(pipe(client, Tls12Configs.server()), Side.SERVER, AlertDescription.PROTOCOL_VERSION);
        assertTrue(a.getMessage().contains("supported_versions"), a.getMessage());
    }

    /** supported_versions decides, not legacy_version (RFC 8446 §4.2.1); without it TLS 1.2 is the most. */
    @Test
    void versionChoice() {
        TestConfig both = Tls12Configs.both(TestConfig.server());
        Pipe legacyOnly = hello(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), both,
                ch -> version(ch, 0x0304, ch.extensions()));
        assertThrows(TlsAlert.class, legacyOnly::handshake, "the changed hello breaks the transcript; the choice is made");
        ServerHello sh = (ServerHello) legacyOnly.serverIo.outbox.get(0).message();
        assertEquals(0x0303, sh.legacyVersion(), "legacy_version 0x0304 without supported_versions is TLS 1.2");
        assertTrue(sh.extensions().supportedVersionsServerHello().isEmpty());
        assertTrue(sh.hasTls12DowngradeSentinel());
        Pipe tls13 = pipe(Tls12Configs.both(TestConfig.client()), both).handshake();
        assertEquals(HandshakeConfig.TLS13, tls13.serverIo.completed().version());
        Pipe tls12 = pipe(Tls12Configs.both(TestConfig.client()), Tls12Configs.server()).handshake();
        assertEquals(HandshakeConfig.TLS12, tls12.clientIo.completed().version());
        assertFalse(((ServerHello) tls12.serverIo.outbox.get(0).message()).hasTls12DowngradeSentinel());
    }

    /**
     * RFC 7507 §3: TLS_FALLBACK_SCSV with a version below the server's highest is
     * inappropriate_fallback; the same hello to a TLS 1.2-only server, and a TLS 1.3 client
     * sending the SCSV, connect.
     */
    @Test
    void fallbackScsvBelowTheServersHighestVersionIsRefused() {
        UnaryOperator<ClientHello> withScsv = ch -> new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(),
                append(ch.cipherSuites(), ClientHellos.FALLBACK_SCSV), ch.legacyCompressionMethods(), ch.extensions());
        TestConfig tls12Client = client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        Pipe downgraded = hello(tls12Client, Tls12Configs.both(TestConfig.server()), withScsv);
        TlsAlert a = fails(downgraded, Side.SERVER, AlertDescription.INAPPROPRIATE_FALLBACK);
        assertTrue(a.getMessage().contains("TLS_FALLBACK_SCSV") && a.getMessage().contains("TLSv1.3"), a.getMessage());
        assertTrue(downgraded.serverIo.outbox.isEmpty(), "no ServerHello");
        // the changed hello breaks the transcript later; the version choice is made by then
        Pipe tls12Only = hello(tls12Client, Tls12Configs.server(), withScsv);
        assertThrows(TlsAlert.class, tls12Only::handshake);
        ServerHello sh12 = (ServerHello) tls12Only.serverIo.outbox.get(0).message();
        assertTrue(sh12.extensions().supportedVersionsServerHello().isEmpty(), "TLS 1.2-only server answers TLS 1.2");
        Pipe tls13 = hello(Tls12Configs.both(TestConfig.client()), Tls12Configs.both(TestConfig.server()), withScsv);
        assertThrows(TlsAlert.class, tls13::handshake);
        ServerHello sh13 = (ServerHello) tls13.serverIo.outbox.get(0).message();
        assertTrue(sh13.extensions().supportedVersionsServerHello().isPresent(), "TLS 1.3 negotiated, the SCSV ignored");
    }

    private static List<Integer> append(List<Integer> list, int value) {
        List<Integer> out = new java.util.ArrayList<>(list);
        out.add(value);
        return out;
    }

    @Test
    void clientHelloChecks() {
        TestConfig c = client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        Pipe noNull = hello(c, Tls12Configs.server(), ch -> new ClientHello(ch.legacyVersion(), ch.random(),
                ch.legacySessionId(), ch.cipherSuites(), List.of(1), ch.extensions()));
        fails(noNull, Side.SERVER, AlertDescription.ILLEGAL_PARAMETER);
        Pipe renegotiation = hello(c, Tls12Configs.server(), ch -> Tls13HelloRetryTest.withExtensions(ch,
                ch.extensions().plus(new RenegotiationInfo(Opaque.ofHex("00112233")))));
        fails(renegotiation, Side.SERVER, AlertDescription.HANDSHAKE_FAILURE);
        Pipe compressed = hello(c, Tls12Configs.server(), ch -> Tls13HelloRetryTest.withExtensions(ch,
                ch.extensions().replace(new EcPointFormats(List.of(1, 2)))));
        fails(compressed, Side.SERVER, AlertDescription.ILLEGAL_PARAMETER);
    }

    /** RFC 5746 §3.6: the SCSV or an empty renegotiation_info is answered with an empty renegotiation_info. */
    @Test
    void secureRenegotiationSignalling() {
        Pipe scsv = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server()).handshake();
        ServerHello sh = (ServerHello) scsv.serverIo.outbox.get(0).message();
        assertEquals(Optional.of(RenegotiationInfo.INITIAL), sh.extensions().renegotiationInfo());
        Pipe legacy = hello(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server(),
                ch -> new ClientHello(ch.legacyVersion(), ch.random(), ch.legacySessionId(), List.of(0xC02B),
                        ch.legacyCompressionMethods(), ch.extensions()));
        assertThrows(TlsAlert.class, legacy::handshake, "the client's transcript differs; only the server matters here");
        ServerHello legacySh = (ServerHello) legacy.serverIo.outbox.get(0).message();
        assertTrue(legacySh.extensions().renegotiationInfo().isEmpty(), "a client that did not signal gets none");
    }

    @Test
    void noCommonSuiteIsHandshakeFailure() {
        TestConfig server = Tls12Configs.server().suites(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        TlsAlert a = fails(pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), server), Side.SERVER,
                AlertDescription.HANDSHAKE_FAILURE);
        assertTrue(a.getMessage().contains("no TLS 1.2 cipher suite"), a.getMessage());
    }

    /** A suite the server cannot carry out is passed over for the next (RFC 8422 §5.1, RFC 7919 §4). */
    @Test
    void suitesThatCannotBeCarriedOutArePassedOver() {
        // only an RSA certificate: the ECDSA suite the client prefers is skipped
        TestConfig c = client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        Pipe rsaOnly = Pipe.of(c.build(), new TestCredentials(), Tls12Configs.server().build(),
                new TestCredentials().server(Tls12Fixture.RSA)).handshake();
        assertEquals(Optional.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), rsaOnly.serverIo.completed().cipherSuite());
        // a P-256 certificate, a client without secp256r1: ECDSA is skipped (RFC 8422 §5.1)
        TestConfig x25519 = client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.X25519);
        Pipe curve = pipe(x25519, Tls12Configs.server()).handshake();
        assertEquals(Optional.of(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), curve.serverIo.completed().cipherSuite());
        // FFDHE groups offered, none we enable: no DHE (RFC 7919 §4)
        TestConfig ffdhe = client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256)
                .groups(NamedGroup.X25519, NamedGroup.FFDHE4096);
        TestConfig server = Tls12Configs.server();
        Pipe dhe = pipe(ffdhe, server).handshake();
        assertEquals(Optional.of(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256), dhe.serverIo.completed().cipherSuite());
    }

    /**
     * A client that lists no FFDHE group accepts any DH group (RFC 7919 §4), so the server uses
     * the first FFDHE group it enables: the one {@code jdk.tls.namedGroups} and
     * {@code jdk.tls.disabledAlgorithms} left ("DH keySize < 3072" or a disabled ffdhe2048 leave
     * ffdhe3072 first). When its own list names no FFDHE group, it uses the smallest RFC 7919
     * group that {@code DH keySize} entries allow (ffdhe2048 by default, as SunJSSE 17 and 25
     * then), and no DHE when none is large enough.
     */
    @Test
    void dheWithoutClientFfdheGroupsUsesAGroupTheServerAllows() {
        TestConfig client = client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256)
                .groups(NamedGroup.X25519);
        Pipe strict = pipe(client, Tls12Configs.server().groups(NamedGroup.X25519, NamedGroup.FFDHE3072)).handshake();
        assertEquals(Optional.of(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256), strict.serverIo.completed().cipherSuite());
        assertEquals(Optional.of(NamedGroup.FFDHE3072), strict.serverIo.completed().group());
        assertEquals(Optional.of(NamedGroup.FFDHE3072), strict.clientIo.completed().group(), "the client saw a 3072-bit prime");

        TestConfig noFfdhe = Tls12Configs.server().groups(NamedGroup.X25519, NamedGroup.SECP256R1);
        assertEquals(Optional.of(NamedGroup.FFDHE2048), pipe(client, noFfdhe).handshake().clientIo.completed().group(),
                "own list without FFDHE: ffdhe2048, as SunJSSE");
        noFfdhe.tls12 = new Tls12Options(true, true, 3072);
        assertEquals(Optional.of(NamedGroup.FFDHE3072), pipe(client, noFfdhe).handshake().clientIo.completed().group(),
                "DH keySize < 3072: the smallest group allowed");
        noFfdhe.tls12 = new Tls12Options(true, true, 6144);
        assertEquals(Optional.of(NamedGroup.FFDHE6144), pipe(client, noFfdhe).handshake().clientIo.completed().group(),
                "DH keySize < 6144");
        noFfdhe.tls12 = new Tls12Options(true, true, 8256);
        Pipe none = pipe(client, noFfdhe).handshake();
        assertEquals(Optional.of(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256), none.serverIo.completed().cipherSuite(),
                "no RFC 7919 group of 8256 bits or more: DHE is passed over");
        TlsAlert a = fails(pipe(client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.X25519), noFfdhe),
                Side.SERVER, AlertDescription.HANDSHAKE_FAILURE);
        assertTrue(a.getMessage().contains("no group in common"), a.getMessage());
    }

    /**
     * {@code jdk.tls.ephemeralDHKeySize}: for a client that lists no FFDHE group, the server uses
     * the smallest RFC 7919 group of at least that size (SunJSSE's sizes 2048, 3072 and 4096 are
     * exactly those groups), whatever its own list says, up to ffdhe8192.
     * A client that lists FFDHE groups still gets one of its own (RFC 7919 §4), as from SunJSSE.
     */
    @Test
    void ephemeralDhKeySizeChoosesTheGroupForClientsThatListNone() {
        TestConfig client = client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.X25519);
        TestConfig server = Tls12Configs.server().groups(NamedGroup.X25519, NamedGroup.FFDHE2048, NamedGroup.FFDHE3072,
                NamedGroup.FFDHE4096);
        int[][] cases = {{3072, 3072}, {4096, 4096}, {2048, 2048}, {2112, 3072}, {4160, 6144}, {8192, 8192}};
        for (int[] c : cases) {
            server.tls12 = new Tls12Options(true, true, Tls12Options.MIN_DH_PRIME_BITS, true, c[0]);
            NamedGroup g = pipe(client, server).handshake().clientIo.completed().group().orElseThrow();
            assertEquals(c[1], g.dhParameters().orElseThrow().p().bitLength(), "ephemeralDHKeySize " + c[0]);
        }
        server.tls12 = new Tls12Options(true, true, 3072, true, 2048);
        assertEquals(Optional.of(NamedGroup.FFDHE3072), pipe(client, server).handshake().clientIo.completed().group(),
                "DH keySize < 3072 wins over a smaller ephemeralDHKeySize");
        server.tls12 = new Tls12Options(true, true, Tls12Options.MIN_DH_PRIME_BITS, true, 4096);
        TestConfig listing = client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.X25519,
                NamedGroup.FFDHE2048);
        assertEquals(Optional.of(NamedGroup.FFDHE2048), pipe(listing, server).handshake().clientIo.completed().group(),
                "a client that lists FFDHE groups gets one of its own");
    }

    /**
     * {@code jdk.tls.server.defaultDHEParameters}: a client that lists no FFDHE group gets the
     * configured group of the size the server chose (RFC 3526's here, which the client accepts as
     * a prime of no RFC 7919 group); a client that lists FFDHE groups still gets its RFC 7919 one.
     */
    @Test
    void customDheParametersServeClientsThatListNoFfdheGroup() {
        TestConfig client = client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.X25519);
        TestConfig server = Tls12Configs.server().groups(NamedGroup.X25519, NamedGroup.FFDHE2048, NamedGroup.FFDHE3072);
        server.tls12 = new Tls12Options(true, true, Tls12Options.MIN_DH_PRIME_BITS, true, 0,
                java.util.Map.of(2048, new dev.bastion.tls.crypto.DhParameters(dev.bastion.tls.testutil.Rfc3526.MODP_2048,
                        java.math.BigInteger.TWO)));
        Pipe custom = pipe(client, server).handshake();
        ServerKeyExchange ske = Tls13HandshakeTest.sent(custom.serverIo, ServerKeyExchange.class);
        assertEquals(dev.bastion.tls.testutil.Rfc3526.MODP_2048,
                new java.math.BigInteger(1, ((dev.bastion.tls.message.DheParams) ske.params()).p().toByteArray()));
        assertEquals(Optional.empty(), custom.serverIo.completed().group(), "no named group");
        assertEquals(Optional.empty(), custom.clientIo.completed().group());
        assertArrayEquals(custom.clientIo.transcript().current(), custom.serverIo.transcript().current());

        TestConfig listing = client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.X25519,
                NamedGroup.FFDHE2048);
        assertEquals(Optional.of(NamedGroup.FFDHE2048), pipe(listing, server).handshake().clientIo.completed().group());
        server.tls12 = new Tls12Options(true, true, Tls12Options.MIN_DH_PRIME_BITS, true, 3072, server.tls12.customDhe());
        assertEquals(Optional.of(NamedGroup.FFDHE3072), pipe(client, server).handshake().clientIo.completed().group(),
                "no configured group of 3072 bits: the RFC 7919 one");
        // a configured size RFC 7919 has no group of, named exactly by jdk.tls.ephemeralDHKeySize
        server.tls12 = new Tls12Options(true, true, Tls12Options.MIN_DH_PRIME_BITS, true, 6144, java.util.Map.of(6144,
                new dev.bastion.tls.crypto.DhParameters(dev.bastion.tls.testutil.Rfc3526.MODP_6144, java.math.BigInteger.TWO)));
        Pipe large = pipe(client, server).handshake();
        assertEquals(dev.bastion.tls.testutil.Rfc3526.MODP_6144, new java.math.BigInteger(1, ((dev.bastion.tls.message.DheParams)
                Tls13HandshakeTest.sent(large.serverIo, ServerKeyExchange.class).params()).p().toByteArray()));
    }

    /**
     * RFC 7919 §4: a client whose supported_groups lists FFDHE groups, none acceptable here, and
     * no other suite the server can use gets insufficient_security; with another usable suite it
     * gets that suite.
     */
    @Test
    void unacceptableClientFfdheGroupsAloneAreInsufficientSecurity() {
        TestConfig server = Tls12Configs.server().groups(NamedGroup.X25519, NamedGroup.FFDHE2048);
        TestConfig onlyDhe = client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.FFDHE4096);
        TlsAlert a = fails(pipe(onlyDhe, server), Side.SERVER, AlertDescription.INSUFFICIENT_SECURITY);
        assertTrue(a.getMessage().contains("RFC 7919"), a.getMessage());

        TestConfig withRsa = client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.FFDHE4096);
        assertEquals(Optional.of(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256),
                pipe(withRsa, server).handshake().serverIo.completed().cipherSuite());
    }

    @Test
    void groupChoice() {
        // ECDHE: the client's first group that the server enables
        TestConfig order = client(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)
                .groups(NamedGroup.SECP384R1, NamedGroup.X25519);
        assertEquals(Optional.of(NamedGroup.SECP384R1), pipe(order, Tls12Configs.server()).handshake()
                .serverIo.completed().group());
        // DHE: the client's FFDHE group; without any, the server's first FFDHE group (ffdhe2048 here)
        TestConfig ffdhe3072 = client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256)
                .groups(NamedGroup.X25519, NamedGroup.FFDHE3072);
        assertEquals(Optional.of(NamedGroup.FFDHE3072), pipe(ffdhe3072, Tls12Configs.server()).handshake()
                .clientIo.completed().group());
        Pipe legacy = hello(client(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server(),
                ch -> Tls13HelloRetryTest.withExtensions(ch, ch.extensions().replace(new SupportedGroups(List.of(0x001D)))));
        assertThrows(TlsAlert.class, legacy::handshake, "the changed hello breaks the transcript; the choice is made");
        ServerKeyExchange ske = (ServerKeyExchange) legacy.serverIo.outbox.get(2).message();
        assertEquals(256, ((dev.bastion.tls.message.DheParams) ske.params()).p().length(), "ffdhe2048");
        // no supported_groups at all: secp256r1 for ECDHE
        Pipe none = hello(client(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server(),
                ch -> Tls13HelloRetryTest.withExtensions(ch, Tls13HelloRetryTest.without(ch.extensions(),
                        ExtensionType.SUPPORTED_GROUPS.code())));
        assertThrows(TlsAlert.class, none::handshake);
        ServerKeyExchange ec = (ServerKeyExchange) none.serverIo.outbox.get(2).message();
        assertEquals(NamedGroup.SECP256R1.code(), ((dev.bastion.tls.message.EcdheParams) ec.params()).namedCurve());
    }

    /** A ClientKeyExchange whose body is longer than its vector says is decode_error. */
    @Test
    void clientKeyExchangeOfTheWrongLengthIsDecodeError() {
        for (CipherSuite suite : List.of(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256)) {
            Pipe pipe = pipe(client(suite), Tls12Configs.server());
            pipe.toServer = o -> o.message() instanceof ClientKeyExchange ? longer(o) : o;
            fails(pipe, Side.SERVER, AlertDescription.DECODE_ERROR);
        }
    }

    /** The same message with one more byte in its body (the header's length says so). */
    private static TestIo.Outgoing longer(TestIo.Outgoing o) {
        byte[] e = Arrays.copyOf(o.encoding(), o.encoding().length + 1);
        int length = e.length - 4;
        e[1] = (byte) (length >>> 16);
        e[2] = (byte) (length >>> 8);
        e[3] = (byte) length;
        return new TestIo.Outgoing(o.message(), e, o.keys());
    }

    /** An ECDHE point not on the curve is illegal_parameter (RFC 8422 §5.7). */
    @Test
    void invalidClientPointIsIllegalParameter() {
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).groups(NamedGroup.SECP256R1),
                Tls12Configs.server());
        byte[] bad = new byte[65];
        bad[0] = 4;
        bad[64] = 7;
        pipe.toServer = o -> o.message() instanceof ClientKeyExchange
                ? Pipe.replace(o, new ClientKeyExchange(KeyExchangeKind.ECDHE, Opaque.of(bad))) : o;
        fails(pipe, Side.SERVER, AlertDescription.ILLEGAL_PARAMETER);
    }

    /** RFC 5246 §7.1: the client's Finished before its ChangeCipherSpec is unexpected_message. */
    @Test
    void finishedBeforeChangeCipherSpecIsUnexpectedMessage() {
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server());
        pipe.toServer = o -> o.isCcs() || o.message() instanceof Finished ? null : o;
        pipe.handshake();
        assertEquals("AwaitClientCcs", ((StateMachine) pipe.server).stateName());
        TlsAlert a = assertThrows(TlsAlert.class, () -> pipe.inject(Side.SERVER, new Finished(Opaque.of(new byte[12]))));
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE, a.alert());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                assertThrows(TlsAlert.class, () -> pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256),
                        Tls12Configs.server()).injectCcs(Side.SERVER)).alert(), "a CCS before the ClientHello");
    }

    @Test
    void wrongClientFinishedIsDecryptError() {
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server());
        pipe.toServer = o -> o.message() instanceof Finished ? Pipe.flip(o, -1) : o;
        fails(pipe, Side.SERVER, AlertDescription.DECRYPT_ERROR);
        assertEquals(List.of("ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone"),
                pipe.serverIo.sentTypes(), "no ChangeCipherSpec or Finished from the server");
    }

    @Test
    void clientAuthentication() {
        TestConfig required = Tls12Configs.server();
        required.clientAuth = ClientAuth.REQUIRED;
        Pipe none = Pipe.of(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).build(), new TestCredentials(),
                required.build(), new TestCredentials().server(Tls12Fixture.EC));
        fails(none, Side.SERVER, AlertDescription.HANDSHAKE_FAILURE);
        assertTrue(none.clientIo.sentTypes().contains("Certificate"), "the client answered with an empty Certificate");
        TestConfig wanted = Tls12Configs.server();
        wanted.clientAuth = ClientAuth.WANTED;
        Pipe anonymous = Pipe.of(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).build(), new TestCredentials(),
                wanted.build(), new TestCredentials().server(Tls12Fixture.EC)).handshake();
        assertEquals(List.of(), anonymous.serverIo.completed().peerCertificates());
        Pipe badSignature = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), required);
        badSignature.toServer = o -> o.message() instanceof CertificateVerify ? Pipe.flip(o, -1) : o;
        fails(badSignature, Side.SERVER, AlertDescription.DECRYPT_ERROR);
        Pipe unrequestedScheme = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), required);
        unrequestedScheme.toServer = o -> o.message() instanceof CertificateVerify ? Pipe.replace(o, new CertificateVerify(
                SignatureScheme.ECDSA_SHA1.code(), ((CertificateVerify) o.message()).signature())) : o;
        fails(unrequestedScheme, Side.SERVER, AlertDescription.ILLEGAL_PARAMETER);
        Pipe skipped = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), required);
        skipped.toServer = o -> o.message() instanceof Certificate12 ? null : o;
        fails(skipped, Side.SERVER, AlertDescription.UNEXPECTED_MESSAGE);
    }

    /** RFC 7627 §5.3: a client without the extended master secret, with jdk.tls.allowLegacyMasterSecret=false. */
    @Test
    void extendedMasterSecretPolicy() {
        TestConfig legacyClient = client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
        legacyClient.tls12 = new Tls12Options(false, true);
        TestConfig strict = Tls12Configs.server();
        strict.tls12 = new Tls12Options(true, false);
        fails(pipe(legacyClient, strict), Side.SERVER, AlertDescription.HANDSHAKE_FAILURE);
        Pipe allowed = pipe(legacyClient, Tls12Configs.server()).handshake();
        assertFalse(((ServerHello) allowed.serverIo.outbox.get(0).message()).extensions()
                .contains(ExtensionType.EXTENDED_MASTER_SECRET));
        TestConfig off = Tls12Configs.server();
        off.tls12 = new Tls12Options(false, true);
        Pipe offered = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), off).handshake();
        assertFalse(((ServerHello) offered.serverIo.outbox.get(0).message()).extensions()
                .contains(ExtensionType.EXTENDED_MASTER_SECRET), "not used when switched off, even if offered");
    }

    /** SHA-1 signs a ServerKeyExchange only when nothing else fits and the server's configuration holds it. */
    @Test
    void sha1OnlyWhenConfiguredAndNothingElse() {
        TestConfig sha1Client = client(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        sha1Client.schemes = List.of(SignatureScheme.RSA_PKCS1_SHA1);
        TlsAlert a = fails(pipe(sha1Client, Tls12Configs.server()), Side.SERVER, AlertDescription.HANDSHAKE_FAILURE);
        assertTrue(a.getMessage().contains("no signature scheme"), a.getMessage());
        TestConfig allowing = Tls12Configs.server();
        allowing.schemes = List.of(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PKCS1_SHA1);
        Pipe pipe = pipe(sha1Client, allowing).handshake();
        assertEquals(SignatureScheme.RSA_PKCS1_SHA1.code(),
                ((ServerKeyExchange) pipe.serverIo.outbox.get(2).message()).signatureScheme());
        TestConfig both = client(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        both.schemes = List.of(SignatureScheme.RSA_PKCS1_SHA1, SignatureScheme.RSA_PSS_RSAE_SHA256);
        Pipe modern = pipe(both, allowing).handshake();
        assertEquals(SignatureScheme.RSA_PSS_RSAE_SHA256.code(),
                ((ServerKeyExchange) modern.serverIo.outbox.get(2).message()).signatureScheme(),
                "SHA-1 only when nothing else fits, whatever the client's order");
    }

    /** RFC 5746 §4.4: a renegotiating ClientHello gets a no_renegotiation warning; nothing else changes. */
    @Test
    void renegotiationIsRefusedWithAWarning() {
        Pipe pipe = pipe(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server()).handshake();
        ClientHello again = (ClientHello) pipe.clientIo.outbox.get(0).message();
        pipe.inject(Side.SERVER, again);
        assertEquals(List.of(AlertDescription.NO_RENEGOTIATION), pipe.serverIo.warnings);
        assertEquals("Traffic", ((StateMachine) pipe.server).stateName());
        assertEquals(1, pipe.serverIo.completions.size());
        assertEquals(AlertDescription.UNEXPECTED_MESSAGE,
                assertThrows(TlsAlert.class, () -> pipe.injectCcs(Side.SERVER)).alert());
    }

    /** The ServerHello answers what the client asked: ALPN, server_name, ec_point_formats; the session id is fresh. */
    @Test
    void serverHelloAnswers() {
        TestConfig c = client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256).alpn("h2", "http/1.1");
        c.serverNames = List.of(new javax.net.ssl.SNIHostName("example.com"));
        Pipe pipe = pipe(c, Tls12Configs.server().alpn("http/1.1")).handshake();
        ServerHello sh = (ServerHello) pipe.serverIo.outbox.get(0).message();
        assertEquals(Optional.of("http/1.1"), pipe.clientIo.completed().applicationProtocol());
        assertTrue(sh.extensions().serverName().isPresent());
        assertEquals(List.of(0), sh.extensions().get(EcPointFormats.class).orElseThrow().formats());
        assertEquals(32, sh.legacySessionIdEcho().length());
        assertFalse(sh.extensions().contains(ExtensionType.SESSION_TICKET));
        Pipe rsa = pipe(client(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server()).handshake();
        assertFalse(((ServerHello) rsa.serverIo.outbox.get(0).message()).extensions()
                .contains(ExtensionType.EC_POINT_FORMATS), "no ECC, no ec_point_formats");
    }

    /** RFC 5077: the session_ticket extension is not acknowledged (no tickets yet). */
    @Test
    void sessionTicketIsNotAcknowledged() {
        Pipe pipe = hello(client(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256), Tls12Configs.server(),
                ch -> Tls13HelloRetryTest.withExtensions(ch, ch.extensions().plus(
                        dev.bastion.tls.message.ext.SessionTicket.EMPTY)));
        assertThrows(TlsAlert.class, pipe::handshake, "the changed hello breaks the transcript");
        ServerHello sh = (ServerHello) pipe.serverIo.outbox.get(0).message();
        assertFalse(sh.extensions().contains(ExtensionType.SESSION_TICKET));
    }
}
