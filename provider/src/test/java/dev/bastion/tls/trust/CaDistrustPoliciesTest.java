package dev.bastion.tls.trust;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.testutil.TestCert;
import dev.bastion.tls.testutil.TestCert.Issued;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jdk.security.caDistrustPolicies}: a TLS server certificate issued after a CA's distrust
 * date and anchored by one of its roots is refused by Bastion's trust manager, as by the JDK's.
 * The policies' logic runs against a test root put in a policy's place; their data (the root
 * fingerprints) are checked against the roots this JVM's {@code cacerts} holds.
 */
class CaDistrustPoliciesTest {
    private static final Instant FAR = Instant.parse("2036-01-01T00:00:00Z");
    private static Issued root;
    private static Issued sub;
    private static Issued otherRoot;
    private static PkixTrustManager tm;

    @BeforeAll
    static void pki() throws Exception {
        root = TestCert.of("CN=Distrust Test Root").validity(Instant.parse("2020-01-01T00:00:00Z"), FAR).ca().issue();
        sub = TestCert.of("CN=Distrust Test Exempt Sub CA").issuer(root)
                .validity(Instant.parse("2020-01-01T00:00:00Z"), FAR).ca().issue();
        otherRoot = TestCert.of("CN=Distrust Test Other Root").validity(Instant.parse("2020-01-01T00:00:00Z"), FAR)
                .ca().issue();
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("root", root.cert());
        ts.setCertificateEntry("other", otherRoot.cert());
        {
            CaDistrustPolicies.Policy p = new CaDistrustPolicies.Policy("TEST_TLS", "Test",
                    Set.of(CaDistrustPolicies.fingerprint(root.cert())), LocalDate.of(2024, 11, 11),
                    Map.of(CaDistrustPolicies.fingerprint(sub.cert()), LocalDate.of(2024, 12, 31)));
            tm = PkixTrustManager.of(ts, false).withDistrust(new CaDistrustPolicies(List.of(p)));
        }
    }

    private static X509Certificate[] leaf(String notBefore, Issued issuer, Issued... above) throws Exception {
        Issued leaf = TestCert.of("CN=www.example.com").issuer(issuer).dns("www.example.com")
                .validity(Instant.parse(notBefore), FAR).keyUsage(KeyUsage.digitalSignature)
                .extendedKeyUsage(KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth).issue();
        X509Certificate[] chain = new X509Certificate[1 + above.length];
        chain[0] = leaf.cert();
        for (int i = 0; i < above.length; i++) {
            chain[i + 1] = above[i].cert();
        }
        return chain;
    }

    @Test
    void serverCertificatesIssuedAfterTheDateAreRefusedClientCertificatesAreNot() throws Exception {
        X509Certificate[] late = leaf("2024-11-12T00:00:01Z", root);
        CertificateException e = assertThrows(CertificateException.class, () -> tm.checkServerTrusted(late, "UNKNOWN"));
        assertTrue(e.getMessage().contains("issued on 2024-11-12, after 2024-11-11, and anchored by a distrusted Test root CA"
                + ": CN=Distrust Test Root"), e.getMessage());
        assertTrue(e.getMessage().contains("jdk.security.caDistrustPolicies TEST_TLS"), e.getMessage());
        assertDoesNotThrow(() -> tm.checkClientTrusted(late, "UNKNOWN"), "the policies are about TLS servers");
        assertDoesNotThrow(() -> tm.checkServerTrusted(leaf("2024-11-11T23:59:59Z", root), "UNKNOWN"),
                "issued on the date itself (UTC): still trusted");
        assertDoesNotThrow(() -> tm.checkServerTrusted(leaf("2025-06-01T00:00:00Z", otherRoot), "UNKNOWN"),
                "another root");
    }

    @Test
    void anExemptSubordinateCaHasItsOwnDate() throws Exception {
        assertDoesNotThrow(() -> tm.checkServerTrusted(leaf("2024-12-31T10:00:00Z", sub, sub), "UNKNOWN"));
        CertificateException e = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(leaf("2025-01-01T00:00:00Z", sub, sub), "UNKNOWN"));
        assertTrue(e.getMessage().contains("after 2024-12-31"), e.getMessage());
    }

    @Test
    void policyNamesAreReadAsTheJdkReadsThem() {
        assertEquals(List.of(CaDistrustPolicies.SYMANTEC, CaDistrustPolicies.ENTRUST),
                CaDistrustPolicies.parse(" SYMANTEC_TLS, ENTRUST_TLS ,NO_SUCH_TLS,ENTRUST_TLS").policies());
        assertEquals(List.of(), CaDistrustPolicies.parse("entrust_tls").policies(), "names are case-sensitive");
        assertEquals(List.of(), CaDistrustPolicies.parse("").policies());
        assertEquals(List.of(), CaDistrustPolicies.parse(null).policies());
        // the JDK's own default names them all (CHUNGHWA_TLS from 2026 updates on)
        List<CaDistrustPolicies.Policy> jdk = CaDistrustPolicies.of(Security::getProperty).policies();
        assertTrue(jdk.containsAll(List.of(CaDistrustPolicies.SYMANTEC, CaDistrustPolicies.ENTRUST,
                CaDistrustPolicies.CAMERFIRMA)), jdk.toString());
    }

    /** Every Entrust or Chunghwa ePKI root in this JVM's cacerts is known by the policies, and nothing else is. */
    @Test
    void theFingerprintsAreThoseOfTheRootsInTheJdksCacerts() throws Exception {
        Path cacerts = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        try (var in = Files.newInputStream(cacerts)) {
            ks.load(in, null);
        }
        for (String alias : Collections.list(ks.aliases())) {
            Certificate c = ks.getCertificate(alias);
            if (!(c instanceof X509Certificate x)) {
                continue;
            }
            String subject = x.getSubjectX500Principal().getName();
            String fp = CaDistrustPolicies.fingerprint(x);
            boolean entrust = subject.contains("O=Entrust") && (subject.contains("CN=Entrust Root Certification Authority")
                    || subject.contains("CN=Entrust.net Certification Authority (2048)"));
            boolean chunghwa = subject.contains("OU=ePKI Root Certification Authority") && subject.contains("Chunghwa");
            for (CaDistrustPolicies.Policy p : CaDistrustPolicies.KNOWN) {
                boolean listed = p.roots().contains(fp);
                boolean expected = p == CaDistrustPolicies.ENTRUST ? entrust : p == CaDistrustPolicies.CHUNGHWA && chunghwa;
                if (p == CaDistrustPolicies.ENTRUST || p == CaDistrustPolicies.CHUNGHWA) {
                    assertEquals(expected, listed, p.name() + " and " + alias + " " + subject);
                } else {
                    assertTrue(!listed || subject.contains("VeriSign") || subject.contains("GeoTrust")
                            || subject.contains("thawte") || subject.contains("Camerfirma"), alias + " " + subject);
                }
            }
        }
    }
}
