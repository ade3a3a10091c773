package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.PKIXBuilderParameters;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OCSP stapling (RFC 6066 §8; RFC 8446 §4.4.2.1) with {@code openssl s_server -status_file}
 * stapling a response that the test CA signed: the provider's client asks for it by default, its
 * session reports it ({@code ExtendedSSLSession.getStatusResponses()}, SunJSSE beside it), and a
 * trust manager with revocation checking on decides with it, with no OCSP responder anywhere: a
 * "good" staple passes, a "revoked" one fails, and without a staple the check cannot be made.
 * TLS 1.3 and TLS 1.2 (where the trust manager must wait for the CertificateStatus message).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OcspStaplingInteropTest {
    private static final TestPki PKI = TestPki.get();
    private static final Path GOOD = OcspResponses.file(PKI, ServerKey.EC, false);
    private static final Path REVOKED = OcspResponses.file(PKI, ServerKey.EC, true);
    private static final Started SERVERS = new Started();

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    private static OpenSslServer server(String version, Path staple) throws IOException {
        String key = version + "/" + (staple == null ? "none" : staple.getFileName());
        return SERVERS.get(key, OpenSslServer.class, () -> {
            OpenSslServer.Builder b = OpenSslServer.builder(PKI.server(ServerKey.EC)).version(version);
            if (staple != null) {
                b.add("-status_file", staple.toString());
            }
            return b.start();
        });
    }

    private static ExtendedSSLSession handshake(SSLContext ctx, String version, OpenSslServer server) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", server.port())) {
            s.setSoTimeout(20_000);
            s.setEnabledProtocols(new String[] {version});
            s.startHandshake();
            return (ExtendedSSLSession) s.getSession();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void theSessionReportsTheStapledResponse(String version) throws Exception {
        byte[] good = Files.readAllBytes(GOOD);
        for (String provider : Providers.UNDER_TEST) {
            ExtendedSSLSession session = handshake(Providers.context(provider, "TLS", null, PKI.trustManagers()), version,
                    server(version, GOOD));
            List<byte[]> responses = session.getStatusResponses();
            assertTrue(!responses.isEmpty(), provider + " reports no stapled response");
            assertArrayEquals(good, responses.get(0), provider + ": the response s_server stapled");
            if (provider.equals("Bastion")) {
                assertEquals(session.getPeerCertificates().length, responses.size(), "one entry per certificate");
                for (int i = 1; i < responses.size(); i++) {
                    assertEquals(0, responses.get(i).length, "nothing stapled for certificate " + i);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void noStapleNoResponses(String version) throws Exception {
        ExtendedSSLSession session = handshake(Providers.context("Bastion", "TLS", null, PKI.trustManagers()), version,
                server(version, null));
        assertEquals(0, session.getStatusResponses().size());
    }

    /** Bastion's own PKIX trust manager, and SunJSSE's inside a Bastion context, with revocation checking on. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void revocationCheckingUsesTheStaple(String version) throws Exception {
        for (String tmfProvider : List.of("Bastion", "SunJSSE")) {
            SSLContext ctx = Providers.context("Bastion", "TLS", null, revocationChecking(tmfProvider));
            handshake(ctx, version, server(version, GOOD));
            SSLHandshakeException revoked = assertThrows(SSLHandshakeException.class,
                    () -> handshake(ctx, version, server(version, REVOKED)), tmfProvider + ": a revoked staple");
            assertTrue(String.valueOf(causes(revoked)).toLowerCase(java.util.Locale.ROOT).contains("revoked"),
                    tmfProvider + ": " + causes(revoked));
            assertThrows(SSLHandshakeException.class, () -> handshake(ctx, version, server(version, null)),
                    tmfProvider + ": without a staple there is no OCSP responder to ask");
        }
    }

    /** {@code provider}'s PKIX trust managers trusting the ECDSA test CA, with revocation checking on. */
    static TrustManager[] revocationChecking(String provider) throws GeneralSecurityException, IOException {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        anchors.setCertificateEntry("ca", PKI.ca(ServerKey.EC));
        PKIXBuilderParameters p = new PKIXBuilderParameters(anchors, null);
        p.setRevocationEnabled(true);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", Providers.provider(provider));
        tmf.init(new CertPathTrustManagerParameters(p));
        return tmf.getTrustManagers();
    }

    /** Every throwable of the cause chain. */
    static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append(" <- ");
        }
        return sb.toString();
    }
}
