package dev.bastion.tls.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.testutil.TestCert;
import dev.bastion.tls.testutil.TestCert.Issued;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code usage TLSServer}/{@code TLSClient} entries of {@code jdk.certpath.disabledAlgorithms}
 * (with {@code jdkCA}, {@code denyAfter}, {@code keySize}), which the JDK's public validator API
 * cannot apply and Bastion's trust manager applies after it, as SunJSSE's does.
 */
class TlsUsageConstraintsTest {
    private static Issued root;
    private static Issued sha1Leaf;
    private static Issued sha256Leaf;
    private static PkixTrustManager tm;

    @BeforeAll
    static void pki() throws Exception {
        root = TestCert.of("CN=Usage Test RSA Root").keys(TestCert.generate("RSA", 2048)).ca().issue();
        sha1Leaf = leaf("SHA1withRSA");
        sha256Leaf = leaf("SHA256withRSA");
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("root", root.cert());
        tm = PkixTrustManager.of(ts, false);
    }

    private static Issued leaf(String sigAlg) throws Exception {
        return TestCert.of("CN=www.example.com").issuer(root).dns("www.example.com").keyUsage(KeyUsage.digitalSignature)
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth).signatureAlgorithm(sigAlg)
                .issue();
    }

    private static PkixTrustManager with(String property, boolean anchorIsJdkRoot) {
        return tm.withUsage(TlsUsageConstraints.parse(property, Map.<String, String>of()::get, a -> anchorIsJdkRoot));
    }

    @Test
    void sha1ForServersOnly() {
        PkixTrustManager m = with("SHA1 usage TLSServer", false);
        CertificateException e = assertThrows(CertificateException.class,
                () -> m.checkServerTrusted(new X509Certificate[] {sha1Leaf.cert()}, "UNKNOWN"));
        assertTrue(e.getMessage().contains("jdk.certpath.disabledAlgorithms entry 'SHA1 usage TLSServer'"), e.getMessage());
        assertDoesNotThrow(() -> m.checkClientTrusted(new X509Certificate[] {sha1Leaf.cert()}, "UNKNOWN"), "TLSClient not named");
        assertDoesNotThrow(() -> m.checkServerTrusted(new X509Certificate[] {sha256Leaf.cert()}, "UNKNOWN"));
        assertDoesNotThrow(() -> tm.checkServerTrusted(new X509Certificate[] {sha1Leaf.cert()}, "UNKNOWN"),
                "the JDK's validator alone lets it through: that is why the trust manager applies the entry");
    }

    @Test
    void jdkCaEntriesOnlyForChainsEndingAtAJdkRoot() {
        String jdkDefault = "SHA1 jdkCA & usage TLSServer";
        assertThrows(CertificateException.class,
                () -> with(jdkDefault, true).checkServerTrusted(new X509Certificate[] {sha1Leaf.cert()}, "UNKNOWN"));
        assertDoesNotThrow(() -> with(jdkDefault, false).checkServerTrusted(new X509Certificate[] {sha1Leaf.cert()},
                "UNKNOWN"), "a private root: the entry does not apply");
    }

    @Test
    void keySizeDenyAfterAndInclude() {
        assertThrows(CertificateException.class, () -> with("EC keySize < 384 & usage TLSClient", false)
                .checkClientTrusted(new X509Certificate[] {sha256Leaf.cert()}, "UNKNOWN"), "a P-256 client key");
        assertDoesNotThrow(() -> with("EC keySize < 256 & usage TLSClient", false)
                .checkClientTrusted(new X509Certificate[] {sha256Leaf.cert()}, "UNKNOWN"));
        assertDoesNotThrow(() -> with("SHA256 denyAfter 2999-01-01 & usage TLSServer", false)
                .checkServerTrusted(new X509Certificate[] {sha256Leaf.cert()}, "UNKNOWN"), "not yet");
        assertThrows(CertificateException.class, () -> with("SHA-256 denyAfter 2000-01-01 & usage TLSServer", false)
                .checkServerTrusted(new X509Certificate[] {sha256Leaf.cert()}, "UNKNOWN"), "past its date; SHA-256 = SHA256");
        TlsUsageConstraints included = TlsUsageConstraints.parse("MD5, include my.list",
                Map.of("my.list", "SHA1 usage TLSServer TLSClient")::get, a -> false);
        assertThrows(CertificateException.class,
                () -> tm.withUsage(included).checkClientTrusted(new X509Certificate[] {sha1Leaf.cert()}, "UNKNOWN"));
    }

    @Test
    void entriesForOtherUsesOrOtherCheckersAreLeftToTheValidator() {
        assertTrue(TlsUsageConstraints.parse("MD2, MD5, SHA1 usage SignedJAR & denyAfter 2019-01-01, RSA keySize < 1024",
                Map.<String, String>of()::get, a -> true).isEmpty());
        assertFalse(TlsUsageConstraints.of(Security::getProperty).isEmpty(),
                "the JDK's default holds 'SHA1 jdkCA & usage TLSServer': " + Security.getProperty(TlsUsageConstraints.PROPERTY));
    }

    @Test
    void jdkRootsAreTheJdksOwnCacerts() throws Exception {
        KeyStore cacerts = KeyStore.getInstance(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts")
                .toFile(), "changeit".toCharArray());
        String alias = Collections.list(cacerts.aliases()).get(0);
        assertTrue(TlsUsageConstraints.isJdkRoot((X509Certificate) cacerts.getCertificate(alias)), alias);
        assertFalse(TlsUsageConstraints.isJdkRoot(root.cert()));
    }
}
