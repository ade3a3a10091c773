package dev.bastion.tls.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials.KeyType;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runs {@link AppProbe} in one fresh JVM (this JVM's java) the way an application is deployed:
 * providers from one of the repository's {@code java.security} override files, trust from
 * {@code javax.net.ssl.trustStore} (the test CA), host names from a hosts file
 * ({@code localhost} and {@code wrong.test} are 127.0.0.1), every loaded class logged.
 */
public final class AppsJvm {
    /** SunJSSE's record and handshake machinery: none may load when Bastion carries every connection. */
    public static final List<String> SUNJSSE_CONNECTION_CLASSES = List.of("sun.security.ssl.TransportContext",
            "sun.security.ssl.HandshakeContext", "sun.security.ssl.SSLSocketInputRecord",
            "sun.security.ssl.SSLEngineInputRecord");

    private AppsJvm() {
    }

    /**
     * Runs the {@code apps} with {@code securityFile} (a file name in the repository's config
     * directory), {@code settings} going to {@code probe.properties}; files go to {@code dir}.
     */
    public static FreshJvm run(Path dir, String securityFile, List<String> apps, Map<String, String> settings)
            throws Exception {
        return run(dir, securityFile, apps, settings, List.of());
    }

    /** As {@link #run(Path, String, List, Map)}, with {@code options} (such as {@code -Dname=value}) on the command line. */
    public static FreshJvm run(Path dir, String securityFile, List<String> apps, Map<String, String> settings,
            List<String> options) throws Exception {
        Path config = Paths.get(System.getProperty("bastion.config"), securityFile);
        assertTrue(Files.isRegularFile(config), "missing " + config);
        PemFiles.ca(dir.resolve("ca.pem"));
        Path trust = PemFiles.pkcs12(Credentials.get().trustStore(), dir.resolve("trust.p12"));
        Properties p = new Properties();
        p.putAll(settings);
        p.setProperty("server.p12", PemFiles.pkcs12(Credentials.get().keyStore(KeyType.EC_P256, true),
                dir.resolve("server.p12")).toString());
        p.setProperty("pg.clientP12", clientP12(dir.resolve("client.p12")).toString());
        try (OutputStream out = Files.newOutputStream(dir.resolve("probe.properties"))) {
            p.store(out, null);
        }
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 localhost\n127.0.0.1 wrong.test\n", StandardCharsets.US_ASCII);
        List<String> jvmArgs = new ArrayList<>(List.of("-Djava.security.properties=" + config,
                "-Djavax.net.ssl.trustStore=" + trust, "-Djavax.net.ssl.trustStorePassword=changeit",
                "-Djavax.net.ssl.trustStoreType=PKCS12", "-Djdk.net.hosts.file=" + hosts, "-Xlog:class+load=info", "-cp",
                System.getProperty("java.class.path") + File.pathSeparator + codeSource()));
        jvmArgs.addAll(options);
        return FreshJvm.runMain(FreshJvm.javas().get(0), jvmArgs, AppProbe.class.getName(), String.join(",", apps),
                dir.toString());
    }

    /** Asserts that the class log works, that Bastion's socket was used and that no SunJSSE connection machinery loaded. */
    public static void assertBastionCarriedEverything(FreshJvm r) {
        List<String> loaded = r.loadedClasses();
        assertTrue(loaded.contains("dev.bastion.tls.engine.BastionSocket"), "the class log works and Bastion's socket ran");
        for (String c : SUNJSSE_CONNECTION_CLASSES) {
            assertTrue(!loaded.contains(c), c + " was loaded");
        }
    }

    /** The last part of what the probe printed, without the class log (for failure messages). */
    public static String tail(FreshJvm r) {
        StringBuilder sb = new StringBuilder();
        for (String line : r.output().split("\\R")) {
            if (!line.contains("[class,load]")) {
                sb.append(line).append('\n');
            }
        }
        return sb.length() > 6000 ? sb.substring(sb.length() - 6000) : sb.toString();
    }

    /**
     * A client certificate for {@link PostgresServer#CERT_USER} (its CN) signed by the test CA,
     * in a PKCS#12 file under the alias pgjdbc's PKCS12KeyManager reads ("user").
     */
    private static Path clientP12(Path file) throws Exception {
        KeyStore issued = Credentials.get().serverKeyStore(KeyType.EC_P256, PostgresServer.CERT_USER);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("user", issued.getKey("server", Credentials.PASSWORD), Credentials.PASSWORD,
                issued.getCertificateChain("server"));
        return PemFiles.pkcs12(ks, file);
    }

    private static String codeSource() throws Exception {
        return Paths.get(AppProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
