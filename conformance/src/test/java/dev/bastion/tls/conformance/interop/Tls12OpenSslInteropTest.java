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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
 * TLS 1.2 (ECDHE with AEAD suites) between the providers in {@link Providers#UNDER_TEST_TLS12}
 * and OpenSSL, both directions: suite × ECDHE curve, checked in the provider's session, in
 * OpenSSL's report and in the ServerKeyExchange on the wire.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Tls12OpenSslInteropTest {
    static final Map<String, ServerKey> SUITES = Map.of(
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", ServerKey.EC,
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", ServerKey.EC,
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", ServerKey.RSA);
    static final List<String> CURVES = List.of("x25519", "secp256r1");

    private static final TestPki PKI = TestPki.get();
    private static final Map<String, AutoCloseable> SERVERS = new HashMap<>();

    @AfterAll
    static void stopServers() throws Exception {
        for (AutoCloseable s : SERVERS.values()) {
            s.close();
        }
        SERVERS.clear();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST_TLS12) {
            for (String suite : new java.util.TreeSet<>(SUITES.keySet())) {
                for (String curve : CURVES) {
                    out.add(Arguments.of(p, suite, curve));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client -> s_server TLS 1.2: {1}, {2}")
    @MethodSource("cases")
    void providerClient(String provider, String suite, String curve) throws Exception {
        ServerKey key = SUITES.get(suite);
        String name = "s_server " + key + " " + curve;
        OpenSslServer server = (OpenSslServer) SERVERS.get(name);
        if (server == null) {
            server = OpenSslServer.builder(PKI.server(key)).version("TLSv1.2")
                    .cipher(String.join(":", SUITES.keySet().stream().map(TlsNames::openSslName).toList()))
                    .groups(curve).start();
            SERVERS.put(name, server);
        }
        SSLContext ctx = Providers.context(provider, "TLSv1.2", null, PKI.trustManagers());
        SSLEngine engine = Providers.clientEngine(ctx);
        engine.setEnabledProtocols(new String[] {"TLSv1.2"});
        engine.setEnabledCipherSuites(new String[] {suite});
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);

        Exchange x = EngineClient.get(engine, server.port(), null);
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
        EngineServer server = (EngineServer) SERVERS.get(provider);
        if (server == null) {
            SSLContext ctx = Providers.context(provider, "TLSv1.2",
                    TestPki.keyManagers(List.of(PKI.server(ServerKey.RSA), PKI.server(ServerKey.EC))), PKI.trustManagers());
            server = new EngineServer(provider + "-tls12", () -> {
                SSLEngine e = ctx.createSSLEngine();
                e.setEnabledProtocols(new String[] {"TLSv1.2"});
                return e;
            }, null);
            SERVERS.put(provider, server);
        }
        // TLS 1.2 ECDSA: the certificate's curve must be among the client's groups (RFC 8422 §5.1), so an
        // ECDSA case offers secp256r1 after the curve meant for ECDHE
        String groups = SUITES.get(suite) == ServerKey.EC && !curve.equals("secp256r1") ? curve + ":secp256r1" : curve;
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
}
