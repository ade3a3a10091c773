package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code jdk.tls.ephemeralDHKeySize} on a Bastion TLS 1.2 server, seen by {@code openssl s_client}
 * offering only DHE-RSA and listing no FFDHE group (its {@code -groups} are X25519 and P-256):
 * s_client's "Server Temp Key" line reports the prime size the property asks for (SunJSSE's
 * sizes 2048, 3072 and 4096 are the RFC 7919 groups); unset, ffdhe2048, as from SunJSSE.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EphemeralDhKeySizeInteropTest {
    private static final TestPki PKI = TestPki.get();

    @ParameterizedTest(name = "jdk.tls.ephemeralDHKeySize={0}")
    @CsvSource({"'', 2048", "matched, 2048", "3072, 3072", "4096, 4096"})
    void serverTempKeyHasTheAskedSize(String property, int bits) throws IOException {
        try (EngineServer server = server(property.isEmpty() ? Map.of() : Map.of("jdk.tls.ephemeralDHKeySize", property),
                Map.of())) {
            OpenSslClient.Result r = OpenSslClient.verifying(PKI, "localhost").version("TLSv1.2")
                    .cipher("DHE-RSA-AES128-GCM-SHA256").groups("X25519:P-256").run(server.port());
            assertNull(server.next().failure(), r.output());
            assertEquals("DHE-RSA-AES128-GCM-SHA256", r.cipher(), r.output());
            assertEquals("DH, " + bits + " bits", r.serverTempKey(), r.output());
            assertEquals(0, r.verifyCode(), r.verifyText());
        }
    }

    /**
     * {@code jdk.tls.server.defaultDHEParameters} naming RFC 3526's 2048-bit MODP group, taken from
     * {@code openssl genpkey -genparam -pkeyopt group:modp_2048}: s_client, listing no FFDHE group,
     * receives that prime in the ServerKeyExchange (its {@code -msg} dump) and completes the
     * handshake; without the property it receives ffdhe2048's.
     */
    @org.junit.jupiter.api.Test
    void customDheParametersReachOpenSsl() throws Exception {
        Path pem = Files.createTempFile("modp2048", ".pem");
        try {
            Process gen = new ProcessBuilder("openssl", "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt",
                    "group:modp_2048", "-out", pem.toString()).redirectErrorStream(true).start();
            assertEquals(0, gen.waitFor(), new String(gen.getInputStream().readAllBytes()));
            Process parse = new ProcessBuilder("openssl", "asn1parse", "-in", pem.toString()).redirectErrorStream(true).start();
            String asn1 = new String(parse.getInputStream().readAllBytes());
            parse.waitFor();
            Matcher m = Pattern.compile("INTEGER\\s+:([0-9A-F]{512})").matcher(asn1);
            assertTrue(m.find(), asn1);
            String modp = m.group(1);
            String ffdhe2048Head = "FFFFFFFFFFFFFFFFADF85458A2BB4A9AAFDC5620273D3CF1";
            for (boolean custom : new boolean[] {true, false}) {
                Map<String, String> security = custom ? Map.of("jdk.tls.server.defaultDHEParameters", "{" + modp + ",2}") : Map.of();
                try (EngineServer server = server(Map.of(), security)) {
                    OpenSslClient.Result r = OpenSslClient.verifying(PKI, "localhost").version("TLSv1.2")
                            .cipher("DHE-RSA-AES128-GCM-SHA256").groups("X25519:P-256").flag("-msg").run(server.port());
                    assertNull(server.next().failure(), r.output());
                    assertEquals("DH, 2048 bits", r.serverTempKey(), r.output());
                    String ske = serverKeyExchangeHex(r.output());
                    assertTrue(ske.contains(custom ? modp : ffdhe2048Head), custom + "\n" + r.output());
                    assertEquals(custom, !ske.contains(ffdhe2048Head), custom + "\n" + ske);
                }
            }
        } finally {
            Files.deleteIfExists(pem);
        }
    }

    /** The bytes s_client's {@code -msg} dump shows for the ServerKeyExchange it received, as upper-case hex. */
    private static String serverKeyExchangeHex(String output) {
        StringBuilder hex = new StringBuilder();
        boolean in = false;
        for (String line : output.split("\\R")) {
            if (line.startsWith("<<<") || line.startsWith(">>>")) {
                in = line.startsWith("<<<") && line.contains("ServerKeyExchange");
                continue;
            }
            if (in) {
                for (String token : line.trim().split("\\s+")) {
                    if (token.matches("[0-9a-fA-F]{2}")) {
                        hex.append(token.toUpperCase());
                    }
                }
            }
        }
        return hex.toString();
    }

    /** A Bastion server with an RSA certificate reading {@code system} and {@code security} (EngineServer sets server mode). */
    private static EngineServer server(Map<String, String> system, Map<String, String> security) throws IOException {
        SSLContext ctx = Providers.bastionWith(system, security, TestPki.keyManagers(List.of(PKI.server(ServerKey.RSA))));
        return new EngineServer("dhe-" + system + security.keySet(), ctx::createSSLEngine, null);
    }
}
