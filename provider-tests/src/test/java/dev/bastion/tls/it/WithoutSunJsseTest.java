package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.FreshJvm;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code java.security} override files, in fresh JVMs with nothing but
 * Bastion's jar (and Bouncy Castle) added: with {@code bastion-without-sunjsse.security},
 * SunJSSE is not installed at all and {@code SSLContext.getDefault()}, {@code init(null, null,
 * null)} and the JDK's default KeyManagerFactory/TrustManagerFactory algorithms are all
 * Bastion's, configured only by {@code javax.net.ssl.*} properties; TLS 1.3 engine handshakes
 * (one with client authentication) complete and the JVM loads no {@code sun.security.ssl}
 * class. Bad configuration fails when the context is made, naming the file; a trust store file
 * that does not exist falls back to cacerts, as in SunJSSE.
 */
class WithoutSunJsseTest {
    private static final String CONFIG = System.getProperty("bastion.config");

    @TempDir
    static Path dir;
    private static Path keyStore;
    private static Path trustStore;

    @BeforeAll
    static void stores() throws Exception {
        Credentials pki = Credentials.get();
        keyStore = save(pki.keyStore(KeyType.EC_P256, true), "server.p12");
        trustStore = save(pki.trustStore(), "trust.p12");
    }

    private static Path save(KeyStore ks, String name) throws Exception {
        Path p = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(p)) {
            ks.store(out, Credentials.PASSWORD);
        }
        return p;
    }

    private static Path config(String name) {
        Path p = Paths.get(CONFIG, name);
        assertTrue(Files.isRegularFile(p), "missing " + p + " (bastion.config=" + CONFIG + ")");
        return p;
    }

    private static Path probe() throws Exception {
        return Paths.get(WithoutSunJsseTest.class.getClassLoader().getResource("nosunjsse/DefaultContextProbe.java").toURI());
    }

    private static List<String> jvmArgs(String securityFile, Map<String, String> properties, boolean logClasses) {
        List<String> args = new ArrayList<>();
        args.add("-Djava.security.properties=" + config(securityFile));
        properties.forEach((k, v) -> args.add("-D" + k + "=" + v));
        if (logClasses) {
            args.add("-Xlog:class+load=info");
        }
        args.add("-cp");
        args.add(FreshJvm.bastionClassPath());
        return args;
    }

    private static Map<String, String> goodStores() {
        return Map.of("javax.net.ssl.keyStore", keyStore.toString(), "javax.net.ssl.keyStorePassword", "changeit",
                "javax.net.ssl.trustStore", trustStore.toString(), "javax.net.ssl.trustStorePassword", "changeit");
    }

    @Test
    void handshakesWithSunJsseRemoved() throws Exception {
        for (String java : FreshJvm.javas()) {
            FreshJvm r = FreshJvm.run(java, jvmArgs("bastion-without-sunjsse.security", goodStores(), true), probe(), "handshake");
            Map<String, String> v = r.values();
            assertEquals(0, r.exitCode(), java + "\n" + tail(r));
            assertTrue(v.get("providers").startsWith("Bastion,SUN,"), v.toString());
            assertFalse(v.get("providers").contains("SunJSSE"), v.toString());
            assertEquals("Bastion", v.get("kmf"), "KeyManagerFactory.getDefaultAlgorithm() (SunX509) is Bastion's");
            assertEquals("Bastion", v.get("tmf"));
            assertEquals("Bastion", v.get("default.provider"));
            assertEquals("Bastion", v.get("initNull.provider"));
            assertEquals("dev.bastion.tls.trust.PkixKeyManager", v.get("km.class"));
            assertEquals("dev.bastion.tls.trust.PkixTrustManager", v.get("tm.class"));
            for (String run : List.of("first", "mutual")) {
                assertEquals("TLSv1.3", v.get(run + ".protocol"), run + " " + v);
                assertEquals("dev.bastion.tls.engine.BastionEngine,dev.bastion.tls.engine.BastionEngine", v.get(run + ".engines"));
                assertEquals("CN=localhost", v.get(run + ".serverCert"));
                assertEquals("ping", v.get(run + ".data"));
            }
            assertEquals("CN=localhost", v.get("mutual.clientCert"), "the Default context's key manager authenticated the client");
            List<String> sunJsse = r.loadedClasses().stream().filter(c -> c.startsWith("sun.security.ssl.")).toList();
            assertTrue(!r.loadedClasses().isEmpty() && sunJsse.isEmpty(), "SunJSSE classes loaded: " + sunJsse);
        }
    }

    @Test
    void bastionFirstWithSunJsseKeptBehindIt() throws Exception {
        for (String java : FreshJvm.javas()) {
            FreshJvm r = FreshJvm.run(java, jvmArgs("bastion.security", goodStores(), false), probe(), "handshake");
            Map<String, String> v = r.values();
            assertEquals(0, r.exitCode(), java + "\n" + tail(r));
            assertTrue(v.get("providers").startsWith("Bastion,SUN,SunRsaSign,SunEC,SunJSSE,"), v.toString());
            assertEquals("Bastion", v.get("default.provider"));
            assertEquals("Bastion", v.get("kmf"));
            assertEquals("Bastion", v.get("tmf"));
            assertEquals("TLSv1.3", v.get("mutual.protocol"));
        }
    }

    @Test
    void wrongKeyStorePasswordFailsTheDefaultContextNamingTheFile() throws Exception {
        Map<String, String> props = Map.of("javax.net.ssl.keyStore", keyStore.toString(),
                "javax.net.ssl.keyStorePassword", "wrong");
        String error = failure(props, "default");
        assertTrue(error.startsWith("java.security.NoSuchAlgorithmException: "), error);
        assertTrue(error.contains("cannot open the key store " + keyStore + " (javax.net.ssl.keyStore, type "), error);
        assertTrue(error.contains("the password (javax.net.ssl.keyStorePassword) is wrong"), error);
    }

    @Test
    void unknownKeyStoreTypeIsNamed() throws Exception {
        String error = failure(Map.of("javax.net.ssl.keyStore", keyStore.toString(), "javax.net.ssl.keyStoreType", "NOPE"),
                "default");
        assertTrue(error.contains("unknown key store type 'NOPE' (javax.net.ssl.keyStoreType)"), error);
    }

    /**
     * What SunJSSE accepts, Bastion's Default context accepts too: were it to fail, the JCA would
     * silently hand out SunJSSE's Default context instead (the provider behind it).
     */
    @Test
    void missingTrustStoreAndEmptyPasswordsStillGiveBastionsDefaultContext() throws Exception {
        Path missing = dir.resolve("no-such-truststore.jks");
        List<Map<String, String>> cases = List.of(
                Map.of("javax.net.ssl.trustStore", missing.toString()),
                Map.of("javax.net.ssl.trustStore", trustStore.toString(), "javax.net.ssl.trustStorePassword", ""));
        for (Map<String, String> props : cases) {
            FreshJvm r = FreshJvm.run(FreshJvm.javas().get(0), jvmArgs("bastion.security", props, false), probe(), "default");
            assertEquals(0, r.exitCode(), tail(r));
            assertEquals("Bastion", r.values().get("created"), props + ": " + r.values());
        }
    }

    @Test
    void pkcs11KeyStoreTypeWithoutKeyStoreNoneFailsAsInSunJsse() throws Exception {
        String error = failure(Map.of("javax.net.ssl.keyStoreType", "PKCS11"), "default");
        assertTrue(error.contains("if javax.net.ssl.keyStoreType is PKCS11, then javax.net.ssl.keyStore must be NONE"), error);
    }

    private static String failure(Map<String, String> props, String mode) throws Exception {
        String java = FreshJvm.javas().get(0);
        FreshJvm r = FreshJvm.run(java, jvmArgs("bastion-without-sunjsse.security", props, false), probe(), mode);
        assertEquals(0, r.exitCode(), tail(r));
        String error = r.values().get("error");
        assertTrue(error != null, "expected a failure: " + r.values());
        return error;
    }

    private static String tail(FreshJvm r) {
        String out = r.output();
        return out.length() > 4000 ? out.substring(out.length() - 4000) : out;
    }
}
