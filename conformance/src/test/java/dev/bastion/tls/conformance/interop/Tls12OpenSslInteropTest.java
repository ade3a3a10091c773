package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.EngineClient.Exchange;
import dev.bastion.tls.conformance.interop.EngineServer.Accepted;
import dev.bastion.tls.conformance.interop.OpenSslClient.Result;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.2 between the providers in {@link Providers#UNDER_TEST_TLS12} and OpenSSL, both
 * directions: every ECDHE AEAD suite × curve (checked in the provider's session, in OpenSSL's
 * report and in the ServerKeyExchange on the wire), the DHE_RSA and RSA key transport suites,
 * client certificates both ways, and a TLS 1.3+1.2 engine meeting a TLS 1.2-only OpenSSL.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Tls12OpenSslInteropTest {
    static final Map<String, ServerKey> ECDHE_SUITES = Map.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", ServerKey.EC,
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", ServerKey.EC,
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", ServerKey.EC,
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", ServerKey.RSA,
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", ServerKey.RSA,
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", ServerKey.RSA);
    static final List<String> CURVES = List.of("x25519", "secp256r1", "secp384r1", "secp521r1", "x448");
    /** RSA-certificate suites without a curve: DHE (OpenSSL picks its own 2048-bit group) and RSA key transport. */
    static final List<String> RSA_SUITES = List.of("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384");

    private static final TestPki PKI = TestPki.get();
    private static final Started SERVERS = new Started();

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST_TLS12) {
            for (String suite : new TreeSet<>(ECDHE_SUITES.keySet())) {
                for (String curve : CURVES) {
                    out.add(Arguments.of(p, suite, curve));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> rsaCases() {
        return Providers.UNDER_TEST_TLS12.stream().flatMap(p -> RSA_SUITES.stream().map(s -> Arguments.of(p, s)));
    }

    @ParameterizedTest(name = "{0} client -> s_server TLS 1.2: {1}, {2}")
    @MethodSource("cases")
    void providerClient(String provider, String suite, String curve) throws Exception {
        ServerKey key = ECDHE_SUITES.get(suite);
        OpenSslServer server = openSsl("s_server " + key + " " + curve, key, b -> b.groups(curve));
        Exchange x = EngineClient.get(clientEngine(provider, suite, false), server.port(), null);
        String trace = server.nextTrace();

        assertEquals("TLSv1.2", x.session().protocol());
        assertEquals(suite, x.session().cipherSuite());
        assertTrue(x.body().contains("Protocol  : TLSv1.2"), x.body());
        assertTrue(x.body().contains("Cipher    : " + TlsNames.openSslName(suite)), x.body());
        assertEquals(curve, TlsNames.group(OpenSslTrace.tls12Curve(trace)), "s_server's ServerKeyExchange curve");
        assertEquals(Optional.of(curve), x.wire().group(), "ServerKeyExchange curve on the wire: " + x.wire());
    }

    @ParameterizedTest(name = "s_client -> {0} server TLS 1.2: {1}, {2}")
    @MethodSource("cases")
    void providerServer(String provider, String suite, String curve) throws Exception {
        EngineServer server = engineServer(provider, "tls12", e -> { });
        // TLS 1.2 ECDSA: the certificate's curve must be among the client's groups (RFC 8422 §5.1), so an
        // ECDSA case offers secp256r1 after the curve meant for ECDHE
        String groups = ECDHE_SUITES.get(suite) == ServerKey.EC && !curve.equals("secp256r1") ? curve + ":secp256r1" : curve;
        Result r = OpenSslClient.verifying(PKI, "localhost").version("TLSv1.2").cipher(TlsNames.openSslName(suite))
                .groups(groups).run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals("TLSv1.2", r.protocol(), r.output());
        assertEquals(TlsNames.openSslName(suite), r.cipher(), r.output());
        assertEquals(curve, TlsNames.group(OpenSslTrace.tls12Curve(r.output())), "curve s_client received");
        assertEquals(0, r.verifyCode(), r.verifyText());
        assertTrue(r.gotResponse(), r.output());
        assertEquals("TLSv1.2", a.session().protocol());
        assertEquals(suite, a.session().cipherSuite());
        assertEquals(Optional.of(curve), a.wire().group(), "curve the provider put on the wire: " + a.wire());
    }

    @ParameterizedTest(name = "{0} client -> s_server TLS 1.2: {1}")
    @MethodSource("rsaCases")
    void providerClientRsaCertificateSuites(String provider, String suite) throws Exception {
        OpenSslServer server = openSsl("s_server RSA suites", ServerKey.RSA, b -> { });
        Exchange x = EngineClient.get(clientEngine(provider, suite, false), server.port(), null);
        server.nextTrace();

        assertEquals("TLSv1.2", x.session().protocol());
        assertEquals(suite, x.session().cipherSuite());
        assertTrue(x.body().contains("Cipher    : " + TlsNames.openSslName(suite)), x.body());
    }

    @ParameterizedTest(name = "s_client -> {0} server TLS 1.2: {1}")
    @MethodSource("rsaCases")
    void providerServerRsaCertificateSuites(String provider, String suite) throws Exception {
        EngineServer server = engineServer(provider, "tls12", e -> { });
        Result r = OpenSslClient.verifying(PKI, "localhost").version("TLSv1.2").cipher(TlsNames.openSslName(suite))
                .run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals(TlsNames.openSslName(suite), r.cipher(), r.output());
        assertTrue(r.gotResponse(), r.output());
        assertEquals(suite, a.session().cipherSuite());
        if (suite.startsWith("TLS_DHE_")) {
            assertTrue(r.serverTempKey() != null && r.serverTempKey().startsWith("DH, 2048 bits"), r.output());
        }
    }

    @ParameterizedTest(name = "{0} client with a certificate -> s_server TLS 1.2 requiring one")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTestTls12")
    void providerClientCertificate(String provider) throws Exception {
        OpenSslServer server = openSsl("s_server client auth", ServerKey.EC, b -> b.requireClientCertificate(PKI));
        Exchange x = EngineClient.get(clientEngine(provider, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", true),
                server.port(), null);
        server.nextTrace();

        assertEquals("TLSv1.2", x.session().protocol());
        assertEquals("CN=bastion-interop-client", x.session().localSubject());
        assertTrue(x.body().contains("Subject: CN=bastion-interop-client"), x.body());
    }

    @ParameterizedTest(name = "s_client with a certificate -> {0} server TLS 1.2 needing one")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTestTls12")
    void providerServerClientCertificate(String provider) throws Exception {
        EngineServer server = engineServer(provider, "tls12 client auth", e -> e.setNeedClientAuth(true));
        Result r = OpenSslClient.verifying(PKI, "localhost").version("TLSv1.2").certificate(PKI.client())
                .run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals("TLSv1.2", a.session().protocol());
        assertEquals("CN=bastion-interop-client", a.session().peerSubject());
        assertTrue(r.gotResponse(), r.output());
    }

    /** One ClientHello offering TLS 1.3 and TLS 1.2 meets a TLS 1.2-only s_server. */
    @ParameterizedTest(name = "{0} client (TLS 1.3 and 1.2) -> s_server -tls1_2")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTestTls12")
    void combinedClientToTls12Server(String provider) throws Exception {
        OpenSslServer server = openSsl("s_server EC", ServerKey.EC, b -> { });
        SSLContext ctx = Providers.context(provider, "TLS", null, PKI.trustManagers());
        SSLEngine engine = Providers.clientEngine(ctx);
        engine.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        Exchange x = EngineClient.get(engine, server.port(), null);
        server.nextTrace();

        assertEquals("TLSv1.2", x.session().protocol());
        assertTrue(x.body().contains("Protocol  : TLSv1.2"), x.body());
        assertTrue(x.wire().clientHellos().get(0).suites().contains(0x1301), "TLS 1.3 suites offered: " + x.wire());
    }

    /** A TLS 1.2-only s_client meets a TLS 1.3+1.2 server: TLS 1.2 (the downgrade sentinel is for TLS 1.3 clients). */
    @ParameterizedTest(name = "s_client -tls1_2 -> {0} server (TLS 1.3 and 1.2)")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTestTls12")
    void tls12ClientToCombinedServer(String provider) throws Exception {
        EngineServer server = engineServer(provider, "tls13+12", e -> e.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"}));
        Result r = OpenSslClient.verifying(PKI, "localhost").version("TLSv1.2").run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals("TLSv1.2", r.protocol(), r.output());
        assertEquals("TLSv1.2", a.session().protocol());
        assertTrue(r.gotResponse(), r.output());
    }

    /** SSL 3.0 to TLS 1.1 are never negotiated: a TLS 1.1-only s_client gets protocol_version (70). */
    @ParameterizedTest(name = "s_client -tls1_1 -> {0} server: protocol_version")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTestTls12")
    void tls11ClientGetsProtocolVersion(String provider) throws Exception {
        EngineServer server = engineServer(provider, "tls13+12", e -> e.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"}));
        Result r = OpenSslClient.verifying(PKI, "localhost").add("-min_protocol", "TLSv1.1")
                .add("-max_protocol", "TLSv1.1").cipher("DEFAULT@SECLEVEL=0").run(server.port());
        Accepted a = server.next();

        assertTrue(a.failure() != null, "the server must refuse TLS 1.1:\n" + r.output());
        assertTrue(java.util.regex.Pattern.compile("Level=fatal\\(2\\), description=[^\\n]*\\(70\\)").matcher(r.output())
                .find(), "s_client received a fatal protocol_version (70):\n" + r.output());
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A TLS 1.2 s_server with {@code key}'s certificate and every suite above, started once per name. */
    private static OpenSslServer openSsl(String name, ServerKey key, Consumer<OpenSslServer.Builder> options)
            throws IOException {
        return SERVERS.get(name, OpenSslServer.class, () -> {
            List<String> all = new ArrayList<>(ECDHE_SUITES.keySet());
            all.addAll(RSA_SUITES);
            OpenSslServer.Builder b = OpenSslServer.builder(PKI.server(key)).version("TLSv1.2")
                    .cipher(String.join(":", all.stream().map(TlsNames::openSslName).toList()));
            options.accept(b);
            return b.start();
        });
    }

    /** A provider's server with RSA and EC certificates, TLS 1.2 only unless {@code setup} says otherwise. */
    private static EngineServer engineServer(String provider, String name, Consumer<SSLEngine> setup) throws IOException {
        String id = provider + " " + name;
        return SERVERS.get(id, EngineServer.class, () -> {
            SSLContext ctx = Providers.context(provider, "TLS",
                    TestPki.keyManagers(List.of(PKI.server(ServerKey.RSA), PKI.server(ServerKey.EC))), PKI.trustManagers());
            return new EngineServer(provider + "-" + name, () -> {
                SSLEngine e = ctx.createSSLEngine();
                e.setEnabledProtocols(new String[] {"TLSv1.2"});
                setup.accept(e);
                return e;
            }, null);
        });
    }

    /** A TLS 1.2 client engine of {@code provider} for {@code suite}, verifying the server's name. */
    private static SSLEngine clientEngine(String provider, String suite, boolean withCertificate) {
        SSLContext ctx = Providers.context(provider, "TLSv1.2",
                withCertificate ? TestPki.keyManagers(List.of(PKI.client())) : null, PKI.trustManagers());
        SSLEngine engine = Providers.clientEngine(ctx);
        engine.setEnabledProtocols(new String[] {"TLSv1.2"});
        engine.setEnabledCipherSuites(new String[] {suite});
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
        return engine;
    }
}
