package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.testutil.TestCert;
import dev.bastion.tls.testutil.TestCert.Issued;
import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS 1.3 handshakes between a {@code "Default"} server context and an
 * {@code init(null, null, null)} client context, whose key and trust material come only from
 * the {@code javax.net.ssl.*} properties of each context's {@link PropertySource}: SunJSSE's
 * factories, which read the JVM's real properties, could not have found it.
 */
class DefaultManagersHandshakeTest {
    private static final char[] PW = "changeit".toCharArray();
    private static Issued ca;
    private static Issued server;

    @TempDir
    static Path dir;
    private static Path keys;
    private static Path trust;

    @BeforeAll
    static void stores() throws Exception {
        ca = TestCert.ca("CN=Default CA");
        server = TestCert.of("CN=localhost").issuer(ca).dns("localhost").extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issue();
        keys = TestCert.save(server.keyStore("server", PW, ca.cert()), dir.resolve("server.p12"), PW);
        trust = TestCert.save(ca.trustStore("ca"), dir.resolve("trust.p12"), PW);
    }


    private static SSLEngine client(SSLContext ctx, String host) {
        SSLEngine c = ctx.createSSLEngine(host, 443);
        c.setUseClientMode(true);
        SSLParameters p = c.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        c.setSSLParameters(p);
        return c;
    }

    private static SSLEngine server(SSLContext ctx) {
        SSLEngine s = ctx.createSSLEngine();
        s.setUseClientMode(false);
        return s;
    }

    private static SSLContext defaultServer() throws Exception {
        return Engines.propertyContext("Default", Map.of("javax.net.ssl.keyStore", keys.toString(), "javax.net.ssl.keyStorePassword", "changeit",
                "javax.net.ssl.trustStore", trust.toString(), "javax.net.ssl.trustStorePassword", "changeit"));
    }

    @Test
    void defaultServerAndInitNullClientShakeHands() throws Exception {
        SSLContext client = Engines.propertyContext("TLS", Map.of("javax.net.ssl.trustStore", trust.toString(),
                "javax.net.ssl.trustStorePassword", "changeit"));
        SSLEngine c = client(client, "localhost");
        Engines.pump(c, server(defaultServer()));
        assertEquals("TLSv1.3", c.getSession().getProtocol());
        assertEquals(server.cert(), c.getSession().getPeerCertificates()[0]);
    }

    @Test
    void clientWithoutTheCaInItsTrustStoreRefuses() throws Exception {
        SSLContext client = Engines.propertyContext("TLS", Map.of());
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> Engines.pump(client(client, "localhost"), server(defaultServer())));
        assertTrue(e.getMessage().startsWith("PKIX path building failed: unable to find valid certification path to "
                + "requested target"), e.getMessage());
        assertTrue(e.getMessage().contains("CN=Default CA"), e.getMessage());
    }

    @Test
    void hostNameMismatchNamesBothSides() throws Exception {
        SSLContext client = Engines.propertyContext("TLS", Map.of("javax.net.ssl.trustStore", trust.toString(),
                "javax.net.ssl.trustStorePassword", "changeit"));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> Engines.pump(client(client, "www.example.com"), server(defaultServer())));
        assertTrue(e.getMessage().startsWith("No subject alternative DNS name matching www.example.com found: the "
                + "certificate names DNS names [localhost]"), e.getMessage());
    }

    @Test
    void wrongKeyStorePasswordFailsTheDefaultContextNamingTheFile() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Engines.propertyContext("Default", Map.of(
                "javax.net.ssl.keyStore", keys.toString(), "javax.net.ssl.keyStorePassword", "wrong")));
        assertTrue(e.getMessage().startsWith("cannot initialise the Default SSLContext: cannot open the key store " + keys),
                e.getMessage());
        assertTrue(e.getMessage().contains("the password (javax.net.ssl.keyStorePassword) is wrong"), e.getMessage());
    }

    @Test
    void missingTrustStoreFallsBackToTheJdksCacertsAsSunJsse() throws Exception {
        Path missing = dir.resolve("missing.jks");
        SSLContext client = Engines.propertyContext("Default", Map.of("javax.net.ssl.trustStore", missing.toString()));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> Engines.pump(client(client, "localhost"), server(defaultServer())));
        assertTrue(e.getMessage().startsWith("PKIX path building failed"), "cacerts does not hold CN=Default CA: " + e.getMessage());
    }
}
