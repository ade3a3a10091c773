package dev.bastion.tls.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.bastion.tls.testutil.TestCert;
import dev.bastion.tls.testutil.TestCert.Issued;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.PKIXParameters;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PKIX validation, end-entity usage and endpoint identification of {@link PkixTrustManager}. */
class PkixTrustManagerTest {
    private static final Instant NOW = Instant.now();
    private static Issued root;
    private static Issued intermediate;
    private static Issued leaf;
    private static PkixTrustManager tm;

    @BeforeAll
    static void pki() throws Exception {
        root = TestCert.ca("CN=Test Root");
        intermediate = TestCert.of("CN=Test Intermediate").ca().issuer(root).issue();
        leaf = TestCert.of("CN=www.example.com").issuer(intermediate).dns("www.example.com")
                .keyUsage(KeyUsage.digitalSignature).extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issue();
        tm = trusting(root.cert());
    }

    private static PkixTrustManager trusting(X509Certificate... anchors) throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        for (int i = 0; i < anchors.length; i++) {
            ts.setCertificateEntry("ca" + i, anchors[i]);
        }
        return PkixTrustManager.of(ts, false);
    }

    private static X509Certificate[] chain(Issued... certs) {
        X509Certificate[] out = new X509Certificate[certs.length];
        for (int i = 0; i < certs.length; i++) {
            out[i] = certs[i].cert();
        }
        return out;
    }

    @Test
    void chainToATrustedRootIsAccepted() {
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN"));
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate, root), "ECDHE_ECDSA"), "root sent too");
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, root, intermediate), "UNKNOWN"), "out of order");
        assertArrayEquals(new X509Certificate[] {root.cert()}, tm.getAcceptedIssuers());
    }

    @Test
    void untrustedChainNamesWhereItEnds() throws Exception {
        Issued otherRoot = TestCert.ca("CN=Evil Root");
        Issued evil = TestCert.of("CN=www.example.com").issuer(otherRoot).dns("www.example.com").issue();
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(chain(evil, otherRoot), "UNKNOWN"));
        assertEquals("PKIX path building failed: unable to find valid certification path to requested target: the chain "
                + "[CN=www.example.com <- CN=Evil Root] ends at issuer CN=Evil Root, which is not one of the 1 trusted "
                + "certificates", e.getMessage());
        assertTrue(e.getCause() instanceof java.security.cert.CertPathBuilderException, "caused as SunJSSE's is: " + e.getCause());
        CertificateException missing = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(chain(leaf), "UNKNOWN"), "intermediate not sent");
        assertTrue(missing.getMessage().contains("ends at issuer CN=Test Intermediate"), missing.getMessage());
    }

    @Test
    void forgedSignatureIsRefusedByTheValidator() throws Exception {
        Issued impostor = TestCert.of("CN=Test Intermediate").ca().issue(); // same name, self-signed, other key
        Issued forged = TestCert.of("CN=www.example.com").issuer(impostor).dns("www.example.com").issue();
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(chain(forged, intermediate), "UNKNOWN"));
        assertTrue(e.getMessage().startsWith("PKIX path validation failed: certificate CN=www.example.com"), e.getMessage());
        assertInstanceOf(CertPathValidatorException.class, e.getCause());
    }

    @Test
    void expiredLeafIsNamedWithItsDate() throws Exception {
        Instant end = NOW.minus(Duration.ofDays(2));
        Issued expired = TestCert.of("CN=old.example.com").issuer(intermediate).dns("old.example.com")
                .validity(NOW.minus(Duration.ofDays(30)), end).issue();
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(chain(expired, intermediate), "UNKNOWN"));
        assertEquals("PKIX path validation failed: certificate CN=old.example.com expired on "
                + expired.cert().getNotAfter().toInstant(), e.getMessage());
        assertEquals(BasicReason.EXPIRED, ((CertPathValidatorException) e.getCause()).getReason());
    }

    @Test
    void expiredIntermediateIsNamed() throws Exception {
        Issued oldCa = TestCert.of("CN=Old Intermediate").ca().issuer(root)
                .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(1))).issue();
        Issued l = TestCert.of("CN=a.example.com").issuer(oldCa).issue();
        CertificateException e = assertThrows(CertificateException.class, () -> tm.checkServerTrusted(chain(l, oldCa), "UNKNOWN"));
        assertTrue(e.getMessage().startsWith("PKIX path validation failed: certificate CN=Old Intermediate expired on"),
                e.getMessage());
    }

    @Test
    void wrongExtendedKeyUsageIsRefusedForServersOnly() throws Exception {
        Issued client = TestCert.of("CN=client").issuer(intermediate).extendedKeyUsage(KeyPurposeId.id_kp_clientAuth).issue();
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(chain(client, intermediate), "UNKNOWN"));
        assertEquals("certificate CN=client is not allowed for TLS server authentication: its extended key usage lists "
                + "[clientAuth] but not serverAuth (1.3.6.1.5.5.7.3.1)", e.getMessage());
        assertDoesNotThrow(() -> tm.checkClientTrusted(chain(client, intermediate), "EC"));
        CertificateException c = assertThrows(CertificateException.class,
                () -> tm.checkClientTrusted(chain(leaf, intermediate), "EC"));
        assertEquals("certificate CN=www.example.com is not allowed for TLS client authentication: its extended key usage "
                + "lists [serverAuth] but not clientAuth (1.3.6.1.5.5.7.3.2)", c.getMessage());
        Issued any = TestCert.of("CN=any").issuer(intermediate).extendedKeyUsage(KeyPurposeId.anyExtendedKeyUsage).issue();
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(any, intermediate), "UNKNOWN"));
    }

    @Test
    void keyUsageFollowsTheAuthenticationType() throws Exception {
        Issued rsaTransport = TestCert.of("CN=rsa").issuer(intermediate).keys(TestCert.generate("RSA", 2048))
                .keyUsage(KeyUsage.keyEncipherment).issue();
        X509Certificate[] c = chain(rsaTransport, intermediate);
        assertDoesNotThrow(() -> tm.checkServerTrusted(c, "RSA"), "TLS 1.2 RSA key transport needs keyEncipherment");
        CertificateException e = assertThrows(CertificateException.class, () -> tm.checkServerTrusted(c, "UNKNOWN"));
        assertEquals("certificate CN=rsa is not allowed for TLS server authentication with UNKNOWN: its key usage lists "
                + "[keyEncipherment] but not digitalSignature", e.getMessage());
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(c, "ECDHE_RSA"));
        assertThrows(CertificateException.class, () -> tm.checkClientTrusted(c, "RSA"));
    }

    @Test
    void disabledCertificateAlgorithmsAreRefusedByTheValidator() throws Exception {
        Issued rsaCa = TestCert.of("CN=RSA CA").ca().keys(TestCert.generate("RSA", 2048)).issue();
        Issued md5 = TestCert.of("CN=md5.example.com").issuer(rsaCa).signatureAlgorithm("MD5withRSA").issue();
        PkixTrustManager rsaTm = trusting(rsaCa.cert());
        CertificateException e = assertThrows(CertificateException.class, () -> rsaTm.checkServerTrusted(chain(md5), "UNKNOWN"));
        assertEquals(BasicReason.ALGORITHM_CONSTRAINED, ((CertPathValidatorException) e.getCause()).getReason());
        assertTrue(e.getMessage().contains("jdk.certpath.disabledAlgorithms"), e.getMessage());
    }

    @Test
    void trustedEndEntityIsAcceptedWhileValid() throws Exception {
        Issued self = TestCert.of("CN=self").dns("self.example").issue();
        PkixTrustManager direct = trusting(self.cert());
        assertDoesNotThrow(() -> direct.checkServerTrusted(chain(self), "UNKNOWN"));
        Issued old = TestCert.of("CN=old").validity(NOW.minus(Duration.ofDays(9)), NOW.minus(Duration.ofDays(1))).issue();
        CertificateExpiredException e = assertThrows(CertificateExpiredException.class,
                () -> trusting(old.cert()).checkServerTrusted(chain(old), "UNKNOWN"));
        assertEquals("certificate CN=old expired on " + old.cert().getNotAfter().toInstant(), e.getMessage());
    }

    @Test
    void keyEntriesOfTheTrustStoreAreTrustedToo() throws Exception {
        Issued self = TestCert.of("CN=self").issue();
        KeyStore ks = self.keyStore("me", "pw".toCharArray());
        PkixTrustManager fromKeys = PkixTrustManager.of(ks, false);
        assertDoesNotThrow(() -> fromKeys.checkClientTrusted(chain(self), "EC"));
    }

    @Test
    void emptyTrustStoreRefusesEverythingClearly() throws Exception {
        PkixTrustManager none = trusting();
        CertificateException e = assertThrows(CertificateException.class, () -> none.checkServerTrusted(chain(leaf), "UNKNOWN"));
        assertTrue(e.getMessage().startsWith("the trust store holds no trusted certificates"), e.getMessage());
        assertEquals(0, none.getAcceptedIssuers().length);
    }

    @Test
    void badArgumentsAreIllegalArgumentsAsInSunJsse() {
        assertThrows(IllegalArgumentException.class, () -> tm.checkServerTrusted(new X509Certificate[0], "UNKNOWN"));
        assertThrows(IllegalArgumentException.class, () -> tm.checkServerTrusted(null, "UNKNOWN"));
        assertThrows(IllegalArgumentException.class, () -> tm.checkClientTrusted(chain(leaf, intermediate), ""));
    }

    @Test
    void applicationParametersAreUsed() throws Exception {
        Issued oldRoot = TestCert.of("CN=Old Root").ca().validity(NOW.minus(Duration.ofDays(60)), NOW.plus(Duration.ofDays(9)))
                .issue();
        Issued expired = TestCert.of("CN=then").issuer(oldRoot)
                .validity(NOW.minus(Duration.ofDays(30)), NOW.minus(Duration.ofDays(2))).issue();
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("root", oldRoot.cert());
        PKIXParameters p = new PKIXParameters(ts);
        p.setRevocationEnabled(false);
        p.setDate(Date.from(NOW.minus(Duration.ofDays(10))));
        PkixTrustManager then = PkixTrustManager.of(p);
        assertDoesNotThrow(() -> then.checkServerTrusted(chain(expired), "UNKNOWN"), "validated at the given date");
        assertThrows(CertificateException.class, () -> trusting(oldRoot.cert()).checkServerTrusted(chain(expired), "UNKNOWN"));
    }

    @Test
    void revocationCheckingReachesTheValidatorWhenAskedFor() throws Exception {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("root", root.cert());
        PkixTrustManager checking = PkixTrustManager.of(ts, true);
        CertificateException e = assertThrows(CertificateException.class,
                () -> checking.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN"),
                "no OCSP responder or CRL is named, so the status cannot be determined (no network is used)");
        assertEquals(BasicReason.UNDETERMINED_REVOCATION_STATUS, ((CertPathValidatorException) e.getCause()).getReason());
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN"), "off by default");
    }

    @Test
    void revocationSwitchIsSunJssesProperty() {
        assertFalse(PkixTrustManager.revocationRequested(Map.<String, String>of()::get));
        assertTrue(PkixTrustManager.revocationRequested(Map.of("com.sun.net.ssl.checkRevocation", "true")::get));
        assertFalse(PkixTrustManager.revocationRequested(Map.of("com.sun.net.ssl.checkRevocation", "false")::get));
    }

    @Test
    void engineCallsCheckTheRequestedServerName() throws Exception {
        SSLEngine engine = engine("HTTPS", List.of(new SNIHostName("www.example.com")), "ignored.example", List.of());
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", engine));
        SSLEngine other = engine("HTTPS", List.of(new SNIHostName("mail.example.com")), "imap.example.com", List.of());
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", other));
        assertTrue(e.getMessage().startsWith("No subject alternative DNS name matching mail.example.com found: the "
                + "certificate names DNS names [www.example.com]"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; nor does it name the peer host imap.example.com"), e.getMessage());
        SSLEngine peerHostNamed = engine("HTTPS", List.of(new SNIHostName("mail.example.com")), "www.example.com", List.of());
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", peerHostNamed),
                "the SNI name is not named, the peer host is: accepted, as SunJSSE");
        SSLEngine byPeerHost = engine("LDAPS", List.of(), "www.example.com", List.of());
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", byPeerHost));
        SSLEngine none = engine(null, List.of(new SNIHostName("mail.example.com")), null, List.of());
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", none), "no identification asked");
    }

    @Test
    void engineCallsCheckCertificateSignaturesAgainstWhatWasOffered() throws Exception {
        SSLEngine rsaOnly = engine(null, List.of(), null, List.of("SHA256withRSA", "RSASSA-PSS"));
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", rsaOnly));
        assertTrue(e.getMessage().contains("is signed with SHA256withECDSA, which is not among the signature algorithms "
                + "offered in the handshake [SHA256withRSA, RSASSA-PSS]"), e.getMessage());
        SSLEngine ecdsa = engine(null, List.of(), null, List.of("SHA256withECDSA"));
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", ecdsa));
    }

    @Test
    void socketCallsCheckTheHostOfAConnectedSslSocket() throws Exception {
        ExtendedSSLSession session = mock(ExtendedSSLSession.class);
        when(session.getRequestedServerNames()).thenReturn(List.of());
        when(session.getPeerHost()).thenReturn("mail.example.com");
        when(session.getLocalSupportedSignatureAlgorithms()).thenReturn(new String[0]);
        SSLSocket socket = mock(SSLSocket.class);
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm("LDAPS");
        when(socket.getSSLParameters()).thenReturn(params);
        when(socket.getHandshakeSession()).thenReturn(session);
        when(socket.isConnected()).thenReturn(true);
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", socket));
        assertTrue(e.getMessage().startsWith("No subject alternative DNS name matching mail.example.com found"), e.getMessage());
        when(session.getPeerHost()).thenReturn("www.example.com");
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", socket));
        when(socket.isConnected()).thenReturn(false);
        when(session.getPeerHost()).thenReturn("mail.example.com");
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", socket),
                "an unconnected socket: no identification, as SunJSSE");
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", new Socket()));
    }

    @Test
    void identificationWithoutAHandshakeSessionIsRefused() {
        SSLEngine engine = mock(SSLEngine.class);
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        when(engine.getSSLParameters()).thenReturn(params);
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(chain(leaf, intermediate), "UNKNOWN", engine));
        assertTrue(e.getMessage().startsWith("No handshake session"), e.getMessage());
    }

    private static SSLEngine engine(String algorithm, List<javax.net.ssl.SNIServerName> sni, String peerHost,
            List<String> localAlgorithms) {
        ExtendedSSLSession session = mock(ExtendedSSLSession.class);
        when(session.getRequestedServerNames()).thenReturn(sni);
        when(session.getPeerHost()).thenReturn(peerHost);
        when(session.getLocalSupportedSignatureAlgorithms()).thenReturn(localAlgorithms.toArray(new String[0]));
        SSLEngine engine = mock(SSLEngine.class);
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm(algorithm);
        when(engine.getSSLParameters()).thenReturn(params);
        when(engine.getHandshakeSession()).thenReturn(session);
        return engine;
    }

    /**
     * The engine's algorithm constraints ({@code SSLParameters.setAlgorithmConstraints}) apply to
     * every certificate below the anchor: signature algorithm by name, public key; as SunJSSE's
     * trust manager applies them.
     */
    @Test
    void theEnginesAlgorithmConstraintsApplyToTheChain() {
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "ECDHE_ECDSA",
                constrained(constraints("nothing", false))));
        CertificateException bySignature = assertThrows(CertificateException.class, () -> tm.checkServerTrusted(
                chain(leaf, intermediate), "ECDHE_ECDSA", constrained(constraints("SHA256withECDSA", false))));
        assertTrue(bySignature.getMessage().contains("algorithm constraints"), bySignature.getMessage());
        CertificateException byKey = assertThrows(CertificateException.class, () -> tm.checkServerTrusted(
                chain(leaf, intermediate), "ECDHE_ECDSA", constrained(constraints("nothing", true))));
        assertTrue(byKey.getMessage().contains("EC key"), byKey.getMessage());
        assertDoesNotThrow(() -> tm.checkServerTrusted(chain(leaf, intermediate), "ECDHE_ECDSA", constrained(null)),
                "no constraints set");
    }

    private static SSLEngine constrained(java.security.AlgorithmConstraints constraints) {
        SSLEngine engine = mock(SSLEngine.class);
        SSLParameters params = new SSLParameters();
        params.setAlgorithmConstraints(constraints);
        when(engine.getSSLParameters()).thenReturn(params);
        return engine;
    }

    /** Refuses the algorithm named {@code refused}, and with {@code refuseKeys} every key. */
    private static java.security.AlgorithmConstraints constraints(String refused, boolean refuseKeys) {
        return new java.security.AlgorithmConstraints() {
            @Override
            public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, String algorithm,
                    java.security.AlgorithmParameters parameters) {
                return !algorithm.equalsIgnoreCase(refused);
            }

            @Override
            public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, java.security.Key key) {
                return !refuseKeys;
            }

            @Override
            public boolean permits(java.util.Set<java.security.CryptoPrimitive> p, String algorithm, java.security.Key key,
                    java.security.AlgorithmParameters parameters) {
                return permits(p, algorithm, parameters) && permits(p, key);
            }
        };
    }

    /**
     * A trusted certificate that is not a CA issues nothing (JDK-8230318), unless
     * {@code jdk.security.allowNonCaAnchor} says otherwise (the system property before the
     * security property), as for SunJSSE.
     */
    @Test
    void aNonCaAnchorIssuesOnlyWhenAllowed() throws Exception {
        Issued pinned = TestCert.of("CN=pinned.example").dns("pinned.example").issue(); // no basicConstraints
        Issued minted = TestCert.of("CN=bank.example").issuer(pinned).dns("bank.example").issue();
        CertificateException e = assertThrows(CertificateException.class,
                () -> trusting(pinned.cert()).checkServerTrusted(chain(minted), "UNKNOWN"));
        assertTrue(String.valueOf(e.getCause()).contains("is not a CA certificate"), String.valueOf(e.getCause()));
        assertDoesNotThrow(() -> trusting(pinned.cert()).checkServerTrusted(chain(pinned), "UNKNOWN"), "trusted as itself");
        String before = System.getProperty("jdk.security.allowNonCaAnchor");
        System.setProperty("jdk.security.allowNonCaAnchor", "true");
        try {
            PkixTrustManager allowing = trusting(pinned.cert());
            assertDoesNotThrow(() -> allowing.checkServerTrusted(chain(minted), "UNKNOWN"));
        } finally {
            if (before == null) {
                System.clearProperty("jdk.security.allowNonCaAnchor");
            } else {
                System.setProperty("jdk.security.allowNonCaAnchor", before);
            }
        }
        Map<String, String> security = Map.of("jdk.security.allowNonCaAnchor", "true");
        assertTrue(PkixTrustManager.allowNonCaAnchor(k -> null, security::get));
        assertFalse(PkixTrustManager.allowNonCaAnchor(Map.of("jdk.security.allowNonCaAnchor", "false")::get, security::get),
                "the system property wins");
        assertFalse(PkixTrustManager.allowNonCaAnchor(k -> null, k -> null));
    }
}
