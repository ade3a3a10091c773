package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
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
        try (EngineServer server = server(property.isEmpty() ? Map.of() : Map.of("jdk.tls.ephemeralDHKeySize", property))) {
            OpenSslClient.Result r = OpenSslClient.verifying(PKI, "localhost").version("TLSv1.2")
                    .cipher("DHE-RSA-AES128-GCM-SHA256").groups("X25519:P-256").run(server.port());
            assertNull(server.next().failure(), r.output());
            assertEquals("DHE-RSA-AES128-GCM-SHA256", r.cipher(), r.output());
            assertEquals("DH, " + bits + " bits", r.serverTempKey(), r.output());
            assertEquals(0, r.verifyCode(), r.verifyText());
        }
    }

    private static EngineServer server(Map<String, String> system) throws IOException {
        SSLContext ctx = Providers.bastionWith(system, TestPki.keyManagers(List.of(PKI.server(ServerKey.RSA))));
        return new EngineServer("dhe-" + system, () -> {
            SSLEngine e = ctx.createSSLEngine();
            e.setUseClientMode(false);
            return e;
        }, null);
    }
}
