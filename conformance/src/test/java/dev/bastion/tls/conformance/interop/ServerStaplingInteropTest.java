package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Bastion server staples (RFC 6066 §8, RFC 8446 §4.4.2.1;
 * {@code jdk.tls.server.enableStatusRequestExtension=true}, {@code jdk.tls.stapling.responderURI})
 * the answer of OpenSSL's OCSP responder ({@link OpenSslOcspResponder}), and real clients read
 * it: {@code openssl s_client -status} prints the response it got, TLS 1.3 and TLS 1.2; SunJSSE's
 * client reports it and, with revocation checking on and no responder of its own, passes a good
 * staple and refuses a revoked one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ServerStaplingInteropTest {
    private static final TestPki PKI = TestPki.get();
    private static OpenSslOcspResponder good;
    private static OpenSslOcspResponder revoked;
    private static EngineServer goodServer;
    private static EngineServer revokedServer;

    @BeforeAll
    static void start() throws Exception {
        List<java.security.cert.X509Certificate> leaf = List.of(PKI.server(ServerKey.EC).leaf());
        good = new OpenSslOcspResponder(PKI.dir(), PKI.ca(ServerKey.EC), PKI.caKey(ServerKey.EC), leaf, List.of());
        revoked = new OpenSslOcspResponder(PKI.dir(), PKI.ca(ServerKey.EC), PKI.caKey(ServerKey.EC), List.of(), leaf);
        goodServer = stapling("good", good);
        revokedServer = stapling("revoked", revoked);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {goodServer, revokedServer, good, revoked}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // stopping
            }
        }
    }

    private static EngineServer stapling(String name, OpenSslOcspResponder responder) throws IOException {
        SSLContext ctx = Providers.bastionWith(Map.of("jdk.tls.server.enableStatusRequestExtension", "true",
                "jdk.tls.stapling.responderURI", responder.uri()), TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))));
        return new EngineServer("stapling-" + name, () -> {
            var e = ctx.createSSLEngine();
            e.setUseClientMode(false);
            return e;
        }, null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void opensslClientGetsTheStaple(String version) throws Exception {
        OpenSslClient.Result good = OpenSslClient.verifying(PKI, "localhost").version(version).servername("localhost")
                .flag("-status").run(goodServer.port());
        assertTrue(good.gotResponse(), good.output());
        assertTrue(good.output().contains("OCSP Response Status: successful (0x0)"), good.output());
        assertTrue(good.output().contains("Cert Status: good"), good.output());
        assertEquals(null, goodServer.next().failure());

        OpenSslClient.Result bad = OpenSslClient.verifying(PKI, "localhost").version(version).servername("localhost")
                .flag("-status").run(revokedServer.port());
        assertTrue(bad.output().contains("Cert Status: revoked"), bad.output());
        revokedServer.next();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void sunJsseClientReportsAndChecksTheStaple(String version) throws Exception {
        SSLContext plain = Providers.context("SunJSSE", "TLS", null, PKI.trustManagers());
        ExtendedSSLSession s = handshake(plain, version, goodServer);
        assertTrue(!s.getStatusResponses().isEmpty() && s.getStatusResponses().get(0).length > 0,
                "SunJSSE reports the staple");

        SSLContext checking = Providers.context("SunJSSE", "TLS", null,
                OcspStaplingInteropTest.revocationChecking("SunJSSE"));
        handshake(checking, version, goodServer);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> handshake(checking, version, revokedServer));
        String causes = OcspStaplingInteropTest.causes(e);
        assertTrue(causes.toLowerCase(Locale.ROOT).contains("revoked"), causes);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void bastionClientReportsTheStaple(String version) throws Exception {
        int before = good.requests();
        ExtendedSSLSession s = handshake(Providers.context("Bastion", "TLS", null, PKI.trustManagers()), version, goodServer);
        byte[] first = s.getStatusResponses().get(0);
        assertTrue(first.length > 0);
        ExtendedSSLSession again = handshake(Providers.context("Bastion", "TLS", null, PKI.trustManagers()), version,
                goodServer);
        assertArrayEquals(first, again.getStatusResponses().get(0), "the second handshake staples the cached response");
        assertTrue(good.requests() - before <= 1, "at most one request for two handshakes");
    }

    private static ExtendedSSLSession handshake(SSLContext ctx, String version, EngineServer server) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", server.port())) {
            s.setSoTimeout(20_000);
            s.setEnabledProtocols(new String[] {version});
            try {
                s.startHandshake();
                ExtendedSSLSession session = (ExtendedSSLSession) s.getSession();
                s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                s.getInputStream().readAllBytes();
                return session;
            } finally {
                server.next();
            }
        }
    }
}
