package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.it.support.PropertyProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code jdk.tls.client.cipherSuites} and {@code jdk.tls.server.cipherSuites} in a fresh JVM
 * (SunJSSE reads them once per JVM; Bastion when a context is created): a context of either
 * provider enables exactly the client list on client sockets, client engines and in
 * {@code getDefaultSSLParameters}, and the server list on server sockets and engines (an engine
 * starts in server mode in both); every (client, server) pair on its defaults negotiates the one
 * suite the lists share per protocol, ChaCha20-Poly1305 for TLS 1.3, which neither provider
 * would choose from its own defaults (both prefer AES-GCM). SunJSSE and Bastion behave the same.
 */
class CipherSuitesPropertyTest {
    private static final String CLIENT = "TLS_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
    private static final String SERVER = "TLS_AES_256_GCM_SHA384,TLS_CHACHA20_POLY1305_SHA256,"
            + "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";

    @Test
    void contextsEnableExactlyThePropertiesSuitesAndNegotiateThem() throws Exception {
        Map<String, String> v = PropertyProbe.runWith(
                List.of("jdk.tls.client.cipherSuites=" + CLIENT, "jdk.tls.server.cipherSuites=" + SERVER), "suites");
        for (String p : new String[] {"SunJSSE", "Bastion"}) {
            assertEquals(CLIENT, v.get(p + ".defaultParameters"), p);
            assertEquals(CLIENT, v.get(p + ".clientEngine"), p);
            assertEquals(CLIENT, v.get(p + ".clientSocket"), p);
            assertEquals(SERVER, v.get(p + ".newEngine"), p);
            assertEquals(SERVER, v.get(p + ".serverEngine"), p);
            assertEquals(SERVER, v.get(p + ".serverSocket"), p);
            for (String s : new String[] {"SunJSSE", "Bastion"}) {
                String k = p + "-" + s;
                SignatureSchemesPropertyTest.assertOk(v, k + "-TLSv1.3-defaults");
                assertEquals("TLS_CHACHA20_POLY1305_SHA256", v.get(k + "-TLSv1.3-defaults.suite"), k);
                SignatureSchemesPropertyTest.assertOk(v, k + "-TLSv1.2-defaults");
                assertEquals("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", v.get(k + "-TLSv1.2-defaults.suite"), k);
            }
        }
    }
}
