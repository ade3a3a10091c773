package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.HttpsProbe;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code HttpsURLConnection} over Bastion in a fresh JVM ({@link HttpsProbe}) whose host names
 * come from a hosts file ({@code jdk.net.hosts.file}: {@code bastion.test} and
 * {@code wrong.test} are 127.0.0.1), so that SNI and endpoint identification see real host
 * names with dots, against the JDK's {@code HttpsServer} on Bastion (GET, POST, GET on one
 * kept-alive connection) and against {@code openssl s_server -www} (GET only: it answers no
 * POST and closes every connection), once with s_server speaking only TLS 1.3 and once only
 * TLS 1.2. The JVM logs every class it loads: SunJSSE's connection
 * machinery must not be among them, so Bastion carried every connection.
 */
class HttpsUrlConnectionIsolatedTest {
    /** SunJSSE's record and handshake machinery (its {@code SSLSocketImpl} class is loaded by HttpsURLConnection for a type check). */
    private static final List<String> SUNJSSE_CONNECTION_CLASSES = List.of("sun.security.ssl.TransportContext",
            "sun.security.ssl.HandshakeContext", "sun.security.ssl.SSLSocketInputRecord",
            "sun.security.ssl.SSLEngineInputRecord");

    @TempDir
    static Path dir;
    static Map<String, String> out;
    static String classes;

    @BeforeAll
    static void runProbe() throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 bastion.test\n127.0.0.1 wrong.test\n", StandardCharsets.US_ASCII);
        Path classLog = dir.resolve("classes.log");
        List<String> cmd = List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djdk.net.hosts.file=" + hosts, "-Xlog:class+load=info:file=" + classLog,
                "-cp", System.getProperty("java.class.path") + File.pathSeparator + codeSource(),
                HttpsProbe.class.getName(), dir.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe JVM did not finish");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "probe failed:\n" + text);
        out = new LinkedHashMap<>();
        for (String line : text.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        classes = Files.readString(classLog);
    }

    @Test
    void getPostGetAgainstHttpsServerKeptAlive() {
        for (String r : List.of("server.get", "server.post", "server.get2")) {
            assertEquals("200", out.get(r + ".status"), r + " " + out);
            assertEquals("dev.bastion.tls.session.BastionSession", out.get(r + ".sessionClass"), r);
            assertEquals("TLSv1.3", out.get(r + ".protocol"), r);
        }
        assertEquals("posted:x=1", out.get("server.post.body"));
        assertEquals("1", out.get("server.ports"), "one kept-alive connection");
        assertEquals("dev.bastion.tls.session.BastionSession", out.get("server.sessionClass"));
    }

    /** SNI carries the URL's host; with the application's own verifier it can only come from the socket's connect. */
    @Test
    void sniNamesTheUrlHost() {
        assertEquals("[bastion.test]", out.get("server.sni"));
        assertEquals("200", out.get("server.ownVerifier"));
        assertEquals("[bastion.test]", out.get("server.ownVerifier.sni"));
    }

    /** wrong.test reaches the same server, whose certificate names bastion.test only. */
    @Test
    void wrongHostNameIsRefused() {
        String wrong = out.get("server.wrong");
        assertTrue(wrong.startsWith("javax.net.ssl.SSLHandshakeException"), wrong);
        assertTrue(wrong.contains("wrong.test"), wrong);
    }

    /**
     * s_server shows its bastion.test certificate only to clients whose SNI asks for it (others
     * get one for other.test): both requests pass hostname verification, so SNI arrived.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void openSslWwwServesTheSniCertificate(String version) {
        String key = "openssl-" + version;
        for (String r : List.of(key + ".get", key + ".get2")) {
            assertEquals("200", out.get(r + ".status"), r + " " + out);
            assertTrue(out.get(r + ".body").contains("Protocol : " + version), out.get(r + ".body"));
            assertEquals("dev.bastion.tls.session.BastionSession", out.get(r + ".sessionClass"), r);
            assertEquals(version, out.get(r + ".protocol"), r);
        }
        assertEquals("200", out.get(key + ".ownVerifier"));
    }

    @Test
    void sunJsseConnectionMachineryWasNeverLoaded() {
        assertTrue(classes.contains("dev.bastion.tls.engine.BastionSocket "), "the class log works");
        assertTrue(classes.contains("dev.bastion.tls.engine.BastionEngine "), "the server ran on Bastion's engine");
        for (String c : SUNJSSE_CONNECTION_CLASSES) {
            assertTrue(!classes.contains(c + " "), c + " was loaded");
        }
    }

    @Test
    void noHandshakeListenerOrOtherBastionThreadRemains() {
        assertTrue(!out.get("threads").contains("HandshakeCompletedNotify"), out.get("threads"));
    }

    /** The test classes (for {@link HttpsProbe}) in case the class path is a manifest-only jar. */
    private static String codeSource() throws Exception {
        return Paths.get(HttpsProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
