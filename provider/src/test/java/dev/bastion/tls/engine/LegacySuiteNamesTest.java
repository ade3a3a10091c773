package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.connection.config.SunJsseSuiteNames;
import dev.bastion.tls.testutil.TestCert;
import dev.bastion.tls.testutil.TestCert.Issued;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Suite names SunJSSE accepts but Bastion does not implement (CBC, 3DES, RC4...): accepted and
 * kept as set, like the legacy protocol names, never offered; unknown names still refused.
 */
class LegacySuiteNamesTest {
    private static final String CBC = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";
    private static final String CBC_RSA = "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384";
    private static final char[] PW = "changeit".toCharArray();

    @TempDir
    static Path dir;
    private static Map<String, String> serverProps;
    private static Map<String, String> clientProps;

    @BeforeAll
    static void stores() throws Exception {
        Issued ca = TestCert.ca("CN=Legacy CA");
        Issued server = TestCert.of("CN=localhost").issuer(ca).dns("localhost").issue();
        Path keys = TestCert.save(server.keyStore("server", PW, ca.cert()), dir.resolve("server.p12"), PW);
        Path trust = TestCert.save(ca.trustStore("ca"), dir.resolve("trust.p12"), PW);
        serverProps = Map.of("javax.net.ssl.keyStore", keys.toString(), "javax.net.ssl.keyStorePassword", "changeit");
        clientProps = Map.of("javax.net.ssl.trustStore", trust.toString(), "javax.net.ssl.trustStorePassword", "changeit");
    }


    private static SSLEngine client(Map<String, String> extra, String... suites) throws Exception {
        Map<String, String> props = new java.util.HashMap<>(clientProps);
        props.putAll(extra);
        SSLEngine c = Engines.propertyContext("TLS", props).createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        if (suites.length > 0) {
            c.setEnabledCipherSuites(suites);
        }
        return c;
    }

    private static SSLEngine server() throws Exception {
        SSLEngine s = Engines.propertyContext("Default", serverProps).createSSLEngine();
        s.setUseClientMode(false);
        return s;
    }

    @Test
    void everyNameSunJsseAcceptsIsAcceptedAndKeptAsSet() throws Exception {
        SSLEngine e = Engines.propertyContext("TLS", Map.of()).createSSLEngine();
        String[] all = SunJsseSuiteNames.ALL.toArray(new String[0]);
        e.setEnabledCipherSuites(all);
        assertArrayEquals(all, e.getEnabledCipherSuites(), "as set, like setEnabledProtocols(TLSv1)");
        SSLParameters p = e.getSSLParameters();
        p.setCipherSuites(new String[] {CBC, "TLS_AES_128_GCM_SHA256"});
        e.setSSLParameters(p);
        assertArrayEquals(new String[] {CBC, "TLS_AES_128_GCM_SHA256"}, e.getEnabledCipherSuites());
        assertFalse(List.of(e.getSupportedCipherSuites()).contains(CBC), "not supported, as TLSv1 is not");
        assertTrue(List.of(e.getSupportedCipherSuites()).containsAll(List.of("TLS_AES_128_GCM_SHA256",
                "TLS_EMPTY_RENEGOTIATION_INFO_SCSV")));
    }

    @Test
    void namesNobodyKnowsAreStillRefused() throws Exception {
        SSLEngine e = Engines.propertyContext("TLS", Map.of()).createSSLEngine();
        String[] before = e.getEnabledCipherSuites();
        for (String bad : new String[] {"TLS_BOGUS", "tls_aes_128_gcm_sha256", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM",
            "TLS_FALLBACK_SCSV"}) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> e.setEnabledCipherSuites(new String[] {CBC, bad}));
            assertEquals("Unsupported CipherSuite: " + bad, x.getMessage());
            SSLParameters p = new SSLParameters(new String[] {bad});
            assertThrows(IllegalArgumentException.class, () -> e.setSSLParameters(p));
        }
        assertArrayEquals(before, e.getEnabledCipherSuites(), "nothing changed");
    }

    @Test
    void aLegacyNameBesideAnImplementedOneNegotiatesTheImplementedOne() throws Exception {
        SSLEngine c = client(Map.of(), CBC, CBC_RSA, "TLS_AES_256_GCM_SHA384");
        Engines.pump(c, server());
        assertEquals("TLS_AES_256_GCM_SHA384", c.getSession().getCipherSuite());
        SSLEngine tls12 = client(Map.of(), CBC, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", CBC_RSA);
        tls12.setEnabledProtocols(new String[] {"TLSv1.2"});
        Engines.pump(tls12, server());
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", tls12.getSession().getCipherSuite());
    }

    @Test
    void onlyLegacyNamesFailTheHandshakeAsNothingIsUsable() throws Exception {
        SSLEngine c = client(Map.of(), CBC, CBC_RSA, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Engines.pump(c, server()));
        assertTrue(e.getMessage().startsWith("No appropriate protocol (protocol is disabled or cipher suites are inappropriate)"),
                e.getMessage());
    }

    @Test
    void thePropertyWithLegacyNamesKeepsTheImplementedOnesOnly() throws Exception {
        SSLEngine mixed = client(Map.of("jdk.tls.client.cipherSuites", CBC + ", TLS_AES_128_GCM_SHA256"));
        assertArrayEquals(new String[] {"TLS_AES_128_GCM_SHA256"}, mixed.getEnabledCipherSuites(),
                "dropped from the property's list, as TLSv1 from jdk.tls.client.protocols");
        Engines.pump(mixed, server());
        assertEquals("TLS_AES_128_GCM_SHA256", mixed.getSession().getCipherSuite());
        SSLEngine legacyOnly = client(Map.of("jdk.tls.client.cipherSuites", CBC + "," + CBC_RSA));
        assertArrayEquals(new String[0], legacyOnly.getEnabledCipherSuites(), "not the defaults: the property named suites");
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Engines.pump(legacyOnly, server()));
        assertTrue(e.getMessage().startsWith("No appropriate protocol"), e.getMessage());
    }
}
