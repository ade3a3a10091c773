package dev.bastion.tls.trust;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.testutil.TestCert;
import dev.bastion.tls.testutil.TestCert.Issued;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default managers from the {@code javax.net.ssl.*} properties, and clear failures for bad configuration. */
class KeyStoreLoaderTest {
    private static final char[] PW = "changeit".toCharArray();
    private static Issued ca;
    private static Issued server;

    @TempDir
    Path dir;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestCert.ca("CN=Loader CA");
        server = TestCert.of("CN=localhost").issuer(ca).dns("localhost").issue();
    }

    private Path save(KeyStore ks, String name, char[] password) throws Exception {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p)) {
            ks.store(out, password);
        }
        return p;
    }

    private Path keyStoreFile() throws Exception {
        return save(server.keyStore("server", PW, ca.cert()), "keys.p12", PW);
    }

    private Path trustStoreFile(String name) throws Exception {
        return save(ca.trustStore("ca"), name, PW);
    }

    private static UnaryOperator<String> props(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m::get;
    }

    @Test
    void keyStorePropertiesGiveBastionsKeyManager() throws Exception {
        Path ks = keyStoreFile();
        KeyManager[] kms = KeyStoreLoader.defaultKeyManagers(props("javax.net.ssl.keyStore", ks.toString(),
                "javax.net.ssl.keyStoreType", "PKCS12", "javax.net.ssl.keyStorePassword", "changeit"));
        PkixKeyManager km = assertInstanceOf(PkixKeyManager.class, kms[0]);
        String alias = km.chooseEngineServerAlias("EC", null, null);
        assertNotNull(alias);
        assertEquals(server.cert(), km.getCertificateChain(alias)[0]);
        X509ExtendedKeyManager none = (X509ExtendedKeyManager) KeyStoreLoader.defaultKeyManagers(props())[0];
        assertNull(none.chooseEngineServerAlias("EC", null, null), "no keyStore property: no keys");
    }

    @Test
    void keyStoreNoneLoadsWithoutAFile() throws Exception {
        KeyManager[] kms = KeyStoreLoader.defaultKeyManagers(props("javax.net.ssl.keyStore", "NONE",
                "javax.net.ssl.keyStoreType", "PKCS12"));
        assertNull(((X509ExtendedKeyManager) kms[0]).chooseEngineServerAlias("EC", null, null),
                "NONE: load(null, password), as for a PKCS#11 token (an empty PKCS12 store here)");
    }

    @Test
    void wrongKeyStorePasswordNamesTheFileAndTheProperty() throws Exception {
        Path ks = keyStoreFile();
        KeyStoreException e = assertThrows(KeyStoreException.class, () -> KeyStoreLoader.defaultKeyManagers(props(
                "javax.net.ssl.keyStore", ks.toString(), "javax.net.ssl.keyStorePassword", "wrong")));
        assertTrue(e.getMessage().startsWith("cannot open the key store " + ks + " (javax.net.ssl.keyStore, type "
                + KeyStore.getDefaultType() + "): the password (javax.net.ssl.keyStorePassword) is wrong"), e.getMessage());
    }

    @Test
    void keyWithAnotherPasswordNamesTheEntryAndTheFile() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        server.addTo(store, "server", "keypass".toCharArray());
        Path ks = save(store, "mixed.p12", PW);
        KeyStoreException e = assertThrows(KeyStoreException.class, () -> KeyStoreLoader.defaultKeyManagers(props(
                "javax.net.ssl.keyStore", ks.toString(), "javax.net.ssl.keyStorePassword", "changeit")));
        assertTrue(e.getMessage().startsWith("cannot use the key store " + ks), e.getMessage());
        assertTrue(e.getMessage().contains("does not open the private key of entry 'server'"), e.getMessage());
    }

    @Test
    void missingFileUnknownTypeAndUnknownProviderAreNamed() {
        Path missing = dir.resolve("nope.p12");
        KeyStoreException m = assertThrows(KeyStoreException.class,
                () -> KeyStoreLoader.defaultKeyManagers(props("javax.net.ssl.keyStore", missing.toString())));
        assertEquals("the key store " + missing + " (javax.net.ssl.keyStore, type " + KeyStore.getDefaultType()
                + ") does not exist", m.getMessage());
        KeyStoreException t = assertThrows(KeyStoreException.class, () -> KeyStoreLoader.defaultTrustStore(props(
                "javax.net.ssl.trustStore", missing.toString(), "javax.net.ssl.trustStoreType", "NOPE")));
        assertEquals("unknown trust store type 'NOPE' (javax.net.ssl.trustStoreType): no installed provider offers "
                + "KeyStore.NOPE", t.getMessage());
        KeyStoreException p = assertThrows(KeyStoreException.class, () -> KeyStoreLoader.defaultTrustStore(props(
                "javax.net.ssl.trustStore", missing.toString(), "javax.net.ssl.trustStoreProvider", "NoSuchProvider")));
        assertEquals("the trust store provider 'NoSuchProvider' (javax.net.ssl.trustStoreProvider) is not installed",
                p.getMessage());
    }

    @Test
    void emptyPasswordPropertiesMeanNoPassword() throws Exception {
        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setCertificateEntry("ca", ca.cert());
        Path ts = save(jks, "trust.jks", PW);
        KeyStore loaded = KeyStoreLoader.defaultTrustStore(props("javax.net.ssl.trustStore", ts.toString(),
                "javax.net.ssl.trustStoreType", "JKS", "javax.net.ssl.trustStorePassword", ""));
        assertTrue(loaded.isCertificateEntry("ca"), "JKS without its integrity check, as SunJSSE loads it");
        Path p12 = trustStoreFile("trust.p12");
        KeyStore unchecked = KeyStoreLoader.defaultTrustStore(props("javax.net.ssl.trustStore", p12.toString(),
                "javax.net.ssl.trustStorePassword", ""));
        assertTrue(unchecked.size() <= 1, "PKCS#12: loads (its encrypted certificates stay unread), no wrong-password failure");
        Path ks = keyStoreFile();
        KeyStoreException e = assertThrows(KeyStoreException.class, () -> KeyStoreLoader.defaultKeyManagers(props(
                "javax.net.ssl.keyStore", ks.toString(), "javax.net.ssl.keyStorePassword", "")));
        assertTrue(e.getMessage().contains("the password (none given) does not open the private key of entry 'server'"),
                "SunJSSE fails too (\"Get Key failed\"): " + e.getMessage());
    }

    @Test
    void aTrustStoreThatIsNoReadableFileFallsBackToCacerts() throws Exception {
        Files.createDirectories(dir.resolve("jdk/lib/security"));
        Issued other = TestCert.ca("CN=Only In Cacerts");
        save(other.trustStore("other"), "jdk/lib/security/cacerts", PW);
        Files.copy(trustStoreFile("t.p12"), dir.resolve("jdk/lib/security/jssecacerts"));
        String home = dir.resolve("jdk").toString();
        for (String named : new String[] {dir.resolve("nope.p12").toString(), dir.toString(), ""}) {
            KeyStore chosen = KeyStoreLoader.defaultTrustStore(props("java.home", home, "javax.net.ssl.trustStore", named,
                    "javax.net.ssl.trustStorePassword", "changeit"));
            assertTrue(chosen.containsAlias("other") && !chosen.containsAlias("ca"), "'" + named + "': cacerts, not jssecacerts");
        }
        Files.delete(dir.resolve("jdk/lib/security/cacerts"));
        assertEquals(0, KeyStoreLoader.defaultTrustStore(props("java.home", home, "javax.net.ssl.trustStore",
                dir.resolve("nope.p12").toString())).size(), "no cacerts either: nothing is trusted");
    }

    @Test
    void pkcs11KeyStoreTypeNeedsKeyStoreNone() throws Exception {
        for (String[] kv : new String[][] {{"javax.net.ssl.keyStoreType", "PKCS11"},
                {"javax.net.ssl.keyStoreType", "PKCS11", "javax.net.ssl.keyStore", keyStoreFile().toString()},
                {"javax.net.ssl.keyStoreType", "PKCS11", "javax.net.ssl.keyStore", "none"}}) {
            KeyStoreException e = assertThrows(KeyStoreException.class, () -> KeyStoreLoader.defaultKeyManagers(props(kv)));
            assertTrue(e.getMessage().startsWith("if javax.net.ssl.keyStoreType is PKCS11, then javax.net.ssl.keyStore must be NONE"),
                    e.getMessage());
        }
    }

    @Test
    void notAKeyStoreIsNamed() throws Exception {
        Path junk = dir.resolve("junk.p12");
        Files.writeString(junk, "not a key store");
        KeyStoreException e = assertThrows(KeyStoreException.class, () -> KeyStoreLoader.defaultTrustStore(props(
                "javax.net.ssl.trustStore", junk.toString(), "javax.net.ssl.trustStorePassword", "changeit")));
        assertTrue(e.getMessage().startsWith("cannot read the trust store " + junk), e.getMessage());
    }

    @Test
    void trustStorePropertiesGiveBastionsTrustManager() throws Exception {
        Path ts = trustStoreFile("trust.p12");
        TrustManager tms = KeyStoreLoader.defaultTrustManager(props("javax.net.ssl.trustStore", ts.toString(),
                "javax.net.ssl.trustStorePassword", "changeit", "javax.net.ssl.trustStoreType", "PKCS12"));
        PkixTrustManager tm = assertInstanceOf(PkixTrustManager.class, tms);
        assertArrayEquals(new X509Certificate[] {ca.cert()}, tm.getAcceptedIssuers());
        tm.checkServerTrusted(new X509Certificate[] {server.cert()}, "UNKNOWN");
    }

    @Test
    void withoutAPropertyJssecacertsComesBeforeCacerts() throws Exception {
        Path security = Files.createDirectories(dir.resolve("jdk/lib/security"));
        Issued other = TestCert.ca("CN=Only In Cacerts");
        save(other.trustStore("other"), "jdk/lib/security/cacerts", PW);
        UnaryOperator<String> jdk = props("java.home", dir.resolve("jdk").toString(), "javax.net.ssl.trustStorePassword", "changeit");
        assertTrue(KeyStoreLoader.defaultTrustStore(jdk).containsAlias("other"), "cacerts");
        Files.copy(trustStoreFile("t.p12"), security.resolve("jssecacerts"));
        KeyStore chosen = KeyStoreLoader.defaultTrustStore(jdk);
        assertTrue(chosen.containsAlias("ca") && !chosen.containsAlias("other"), "jssecacerts wins");
        Files.delete(security.resolve("jssecacerts"));
        Files.delete(security.resolve("cacerts"));
        assertEquals(0, KeyStoreLoader.defaultTrustStore(jdk).size(), "neither: nothing is trusted");
    }

    @Test
    void theJdksOwnCacertsLoads() throws Exception {
        KeyStore ks = KeyStoreLoader.defaultTrustStore(props("java.home", System.getProperty("java.home")));
        assertTrue(ks.size() > 0, "the JDK's cacerts has certificates");
    }
}
