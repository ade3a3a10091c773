package dev.bastion.tls.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.crypto.CertificateSignatureProvider;
import dev.bastion.tls.testutil.TestCert;
import dev.bastion.tls.testutil.TestCert.Issued;
import dev.bastion.tls.trust.PkixTrustManager;
import java.security.KeyStore;
import java.security.Security;
import java.security.cert.X509Certificate;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * The helper provider that checks ECDSA certificate signatures joins the JVM's list only where
 * Bastion already is, and Bastion's TrustManagerFactory then uses it.
 */
class CertificateSignaturesTest {

    @Test
    void onlyWhereBastionIsInstalled() throws Exception {
        int bastionAt = position(BastionProvider.NAME);
        boolean hadHelper = Security.getProvider(CertificateSignatureProvider.NAME) != null;
        Issued root = TestCert.ca("CN=Root");
        KeyStore ts = root.trustStore("root");
        try {
            Security.removeProvider(BastionProvider.NAME);
            Security.removeProvider(CertificateSignatureProvider.NAME);
            PkixTrustManager plain = PkixTrustManager.of(ts, false);
            assertSame(plain, CertificateSignatures.attach(plain), "Bastion is not installed");
            assertNull(Security.getProvider(CertificateSignatureProvider.NAME));

            Security.addProvider(new BastionProvider());
            assertSame(plain, CertificateSignatures.attach(plain, name -> name.equals(CertificateSignatures.PROPERTY) ? "jdk" : null,
                    name -> null), "switched off by the system property");
            assertSame(plain, CertificateSignatures.attach(plain, name -> null,
                    name -> name.equals(CertificateSignatures.PROPERTY) ? "JDK" : null), "or by the security property");
            assertSame(plain, CertificateSignatures.attach(plain, name -> name.equals(CertificateSignatures.PROPERTY) ? "fast" : null,
                    name -> null), "an unknown value keeps the JDK's checks");
            assertNull(Security.getProvider(CertificateSignatureProvider.NAME));
            assertNotSame(plain, CertificateSignatures.attach(plain, name -> name.equals(CertificateSignatures.PROPERTY)
                    ? "bastion" : null, name -> "jdk"), "the system property wins");
            assertNotSame(plain, CertificateSignatures.attach(plain));
            assertNotNull(Security.getProvider(CertificateSignatureProvider.NAME));

            Issued intermediate = TestCert.of("CN=Intermediate").ca().issuer(root).issue();
            Issued leaf = TestCert.of("CN=www.example.com").issuer(intermediate).dns("www.example.com")
                    .keyUsage(KeyUsage.digitalSignature).extendedKeyUsage(KeyPurposeId.id_kp_serverAuth).issue();
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", BastionProvider.NAME);
            tmf.init(ts);
            long before = CertificateSignatureProvider.verifications();
            ((X509TrustManager) tmf.getTrustManagers()[0]).checkServerTrusted(
                    new X509Certificate[] {leaf.cert(), intermediate.cert()}, "ECDHE_ECDSA");
            assertEquals(2, CertificateSignatureProvider.verifications() - before);
        } finally {
            Security.removeProvider(BastionProvider.NAME);
            if (bastionAt > 0) {
                Security.insertProviderAt(new BastionProvider(), bastionAt); // where it was
            }
            if (!hadHelper) {
                Security.removeProvider(CertificateSignatureProvider.NAME);
            }
        }
    }

    /** The 1-based position of provider {@code name}, or 0. */
    private static int position(String name) {
        java.security.Provider[] all = Security.getProviders();
        for (int i = 0; i < all.length; i++) {
            if (all[i].getName().equals(name)) {
                return i + 1;
            }
        }
        return 0;
    }
}
