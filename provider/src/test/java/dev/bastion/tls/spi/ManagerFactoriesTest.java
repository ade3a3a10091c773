package dev.bastion.tls.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.testutil.TestCert;
import dev.bastion.tls.testutil.TestCert.Issued;
import dev.bastion.tls.trust.PkixKeyManager;
import dev.bastion.tls.trust.PkixTrustManager;
import java.nio.file.Path;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyStoreBuilderParameters;
import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bastion's KeyManagerFactory and TrustManagerFactory, through the JCA API. */
class ManagerFactoriesTest {
    private static final char[] PW = "changeit".toCharArray();
    private static final BastionProvider PROVIDER = new BastionProvider();
    private static Issued ca;
    private static Issued server;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestCert.ca("CN=Factory CA");
        server = TestCert.of("CN=localhost").issuer(ca).dns("localhost").issue();
    }

    @Test
    void keyManagerFactoryAnswersItsThreeNames() throws Exception {
        for (String name : List.of("PKIX", "NewSunX509", "SunX509")) {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(name, PROVIDER);
            kmf.init(server.keyStore("server", PW, ca.cert()), PW);
            X509ExtendedKeyManager km = assertInstanceOf(PkixKeyManager.class, kmf.getKeyManagers()[0]);
            assertNotNull(km.chooseEngineServerAlias("EC", null, null), name);
        }
    }

    @Test
    void keyManagerFactoryWithBuildersAndItsFailures() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("NewSunX509", PROVIDER);
        IllegalStateException notYet = assertThrows(IllegalStateException.class, kmf::getKeyManagers);
        assertEquals("KeyManagerFactory is not initialized: call init first", notYet.getMessage());
        KeyStore.Builder b = KeyStore.Builder.newInstance(server.keyStore("s", PW), new KeyStore.PasswordProtection(PW));
        kmf.init(new KeyStoreBuilderParameters(b));
        assertEquals("0.s", ((X509ExtendedKeyManager) kmf.getKeyManagers()[0]).chooseEngineServerAlias("EC", null, null));
        assertThrows(InvalidAlgorithmParameterException.class, () -> kmf.init(new ManagerFactoryParameters() { }));
        UnrecoverableKeyException wrong = assertThrows(UnrecoverableKeyException.class,
                () -> kmf.init(server.keyStore("s", PW), "wrong".toCharArray()));
        assertTrue(wrong.getMessage().contains("entry 's'"), wrong.getMessage());
        kmf.init(null, null);
        assertEquals(null, ((X509ExtendedKeyManager) kmf.getKeyManagers()[0]).chooseEngineServerAlias("EC", null, null));
    }

    @Test
    void trustManagerFactoryAnswersItsNames() throws Exception {
        KeyStore ts = ca.trustStore("ca");
        for (String name : List.of("PKIX", "SunX509", "SunPKIX", "X509", "X.509")) {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(name, PROVIDER);
            tmf.init(ts);
            X509ExtendedTrustManager tm = assertInstanceOf(PkixTrustManager.class, tmf.getTrustManagers()[0]);
            tm.checkServerTrusted(new X509Certificate[] {server.cert()}, "UNKNOWN");
        }
    }

    @Test
    void trustManagerFactoryWithoutAStoreReadsTheTrustStoreProperties() throws Exception {
        Path file = TestCert.save(ca.trustStore("ca"), dir.resolve("trust.p12"), PW);
        TrustManagerFactory tmf = new TrustManagerFactory(new BastionTrustManagerFactory(Map.of(
                "javax.net.ssl.trustStore", file.toString(), "javax.net.ssl.trustStorePassword", "changeit")::get),
                PROVIDER, "PKIX") { };
        tmf.init((KeyStore) null);
        ((X509ExtendedTrustManager) tmf.getTrustManagers()[0]).checkServerTrusted(new X509Certificate[] {server.cert()}, "UNKNOWN");
        TrustManagerFactory bad = new TrustManagerFactory(new BastionTrustManagerFactory(Map.of(
                "javax.net.ssl.trustStore", file.toString(), "javax.net.ssl.trustStorePassword", "wrong")::get),
                PROVIDER, "PKIX") { };
        KeyStoreException e = assertThrows(KeyStoreException.class, () -> bad.init((KeyStore) null));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("javax.net.ssl.trustStorePassword"),
                e.getMessage());
    }

    @Test
    void trustManagerFactoryTakesPkixParameters() throws Exception {
        KeyStore ts = TestCert.ca("CN=Other").trustStore("other");
        PKIXBuilderParameters p = new PKIXBuilderParameters(ts, null);
        p.setRevocationEnabled(false);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", PROVIDER);
        assertThrows(IllegalStateException.class, tmf::getTrustManagers);
        tmf.init(new CertPathTrustManagerParameters(p));
        X509ExtendedTrustManager tm = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        assertThrows(CertificateException.class, () -> tm.checkServerTrusted(new X509Certificate[] {server.cert()}, "UNKNOWN"));
        assertThrows(InvalidAlgorithmParameterException.class, () -> tmf.init(new ManagerFactoryParameters() { }));
    }
}
