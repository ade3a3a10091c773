package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.AppsJvm;
import dev.bastion.tls.it.support.FreshJvm;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code https.protocols} and {@code https.cipherSuites}, the system properties
 * {@code HttpsURLConnection} hands to each socket ({@code setEnabledProtocols},
 * {@code setEnabledCipherSuites}), set on the command line of a fresh JVM given
 * {@code bastion.security} (Bastion first): an unchanged {@code HttpsURLConnection} on the
 * default socket factory gets TLS 1.2 and the one ChaCha20 suite named from the JDK's
 * {@code HttpsServer} on Bastion, which enables TLS 1.3 and 1.2 and every default suite (left to
 * itself the pair would choose TLS 1.3); against {@code openssl s_server} speaking only TLS 1.3
 * the connection fails with an {@code SSLHandshakeException} naming the server's
 * {@code protocol_version} alert. A CBC suite named beside the ChaCha20 one is accepted and never
 * offered; naming only CBC suites fails with SunJSSE's "No appropriate protocol".
 */
class HttpsPropertiesTest {
    private static final String SUITE = "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
    /** A suite SunJSSE accepts and Bastion does not implement: accepted, never offered. */
    private static final String CBC = "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256";

    @TempDir
    static Path dir;
    static FreshJvm probe;
    static Map<String, String> out;

    @BeforeAll
    static void run() throws Exception {
        probe = AppsJvm.run(dir, "bastion.security", List.of("https-properties"), Map.of(),
                List.of("-Dhttps.protocols=TLSv1.2", "-Dhttps.cipherSuites=" + CBC + "," + SUITE));
        assertEquals(0, probe.exitCode(), AppsJvm.tail(probe));
        out = probe.values();
    }

    @Test
    void protocolAndSuiteComeFromTheProperties() {
        assertEquals(null, out.get("https-properties.error"), () -> AppsJvm.tail(probe));
        assertEquals("TLSv1.2 " + CBC + "," + SUITE, out.get("https-properties.set"));
        assertEquals("200", out.get("https-properties.status"));
        assertEquals("hello", out.get("https-properties.body"));
        assertEquals("TLSv1.2", out.get("https-properties.protocol"));
        assertEquals(SUITE, out.get("https-properties.cipher"));
        assertEquals("dev.bastion.tls.session.BastionSession", out.get("https-properties.sessionClass"));
        assertEquals("[TLSv1.2]", out.get("https.server.protocols"), "what the server negotiated");
        assertEquals("[" + SUITE + "]", out.get("https.server.suites"));
    }

    @Test
    void onlySuitesBastionDoesNotImplementFailAsSunJsseWithNothingUsable() {
        String failed = out.get("https-properties.legacyOnly");
        assertTrue(failed.startsWith("javax.net.ssl.SSLHandshakeException: No appropriate protocol (protocol is disabled or "
                + "cipher suites are inappropriate)"), failed);
    }

    @Test
    void aServerWithoutThatProtocolIsRefused() {
        String refused = out.get("https-properties.tls13only");
        assertTrue(refused.startsWith("javax.net.ssl.SSLHandshakeException: "), refused);
        assertTrue(refused.contains("protocol_version"), refused);
        assertTrue(out.get("https-properties.tls13only.log").contains("unsupported protocol"),
                out.get("https-properties.tls13only.log"));
    }

    @Test
    void bastionCarriedTheConnections() {
        assertEquals("Bastion", out.get("default.provider"));
        AppsJvm.assertBastionCarriedEverything(probe);
    }
}
