package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.PropertyProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code jdk.tls.maxCertificateChainLength=1} on the server side, in a fresh JVM (SunJSSE reads
 * it once per JVM; Bastion when a context is created): a server that requires client
 * authentication refuses a client's two-certificate chain (certificate and CA) and takes the
 * same client's certificate alone, TLS 1.3 and TLS 1.2, every (client, server) pair. The
 * servers' own chains are one certificate long, so the clients in this JVM take them.
 *
 * <p>Difference from SunJSSE 17, not pinned: the alert. SunJSSE's server sends
 * {@code handshake_failure}, Bastion's {@code bad_certificate} (as its client does for a server's
 * chain). RFC 8446 and RFC 5246 name no alert for a chain longer than a local limit;
 * §6.2's closest is {@code certificate_unknown} ("some other (unspecified) issue ... rendering it
 * unacceptable"). Asserted: the client gets a fatal alert and Bastion's server names the limit.
 */
class MaxCertificateChainLengthTest {

    @Test
    void serverRefusesALongerClientChain() throws Exception {
        Map<String, String> v = PropertyProbe.runWith(List.of("jdk.tls.maxCertificateChainLength=1"), "chain");
        for (String c : new String[] {"SunJSSE", "Bastion"}) {
            for (String s : new String[] {"SunJSSE", "Bastion"}) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    String k = c + "-" + s + "-" + protocol;
                    String server = v.get(k + "-two.server");
                    assertTrue(server != null && server.contains(s.equals("Bastion") ? "(jdk.tls.server"
                            + ".maxInboundCertificateChainLength or jdk.tls.maxCertificateChainLength)"
                            : "exceeds the maximum allowed length (1)"), k + ": " + server);
                    SignatureSchemesPropertyTest.assertFatalAlert(v, k + "-two", null);
                    SignatureSchemesPropertyTest.assertOk(v, k + "-one");
                }
            }
        }
    }

    /**
     * SunJSSE from Java 22 on (JDK-8311596) has one limit per side: {@code jdk.tls.server.maxInboundCertificateChainLength}
     * for the client chains a server takes, {@code jdk.tls.client.maxInboundCertificateChainLength}
     * for the server chains a client takes, each falling back on {@code jdk.tls.maxCertificateChainLength}.
     * Every (client, server) pair of providers must meet each limit on its side only. SunJSSE 17
     * (OpenJDK 17.0.15) ignores the per-side properties; Bastion honours them on every Java.
     */
    @Test
    void serverInboundLimitBindsOnlyTheServer() throws Exception {
        Map<String, String> v = PropertyProbe.runWith(List.of("jdk.tls.server.maxInboundCertificateChainLength=1"), "chains");
        eachPair((k, c, s) -> {
            SignatureSchemesPropertyTest.assertOk(v, k + "-serverTwo");
            if (perSide(s)) {
                serverRefused(v, k + "-clientTwo", s);
            } else {
                SignatureSchemesPropertyTest.assertOk(v, k + "-clientTwo");
            }
        });
    }

    @Test
    void clientInboundLimitBindsOnlyTheClient() throws Exception {
        Map<String, String> v = PropertyProbe.runWith(List.of("jdk.tls.client.maxInboundCertificateChainLength=1"), "chains");
        eachPair((k, c, s) -> {
            if (perSide(c)) {
                clientRefused(v, k + "-serverTwo", c);
            } else {
                SignatureSchemesPropertyTest.assertOk(v, k + "-serverTwo");
            }
            SignatureSchemesPropertyTest.assertOk(v, k + "-clientTwo");
        });
    }

    @Test
    void aSidesOwnLimitWinsOverTheCommonOne() throws Exception {
        Map<String, String> v = PropertyProbe.runWith(List.of("jdk.tls.maxCertificateChainLength=1",
                "jdk.tls.server.maxInboundCertificateChainLength=2"), "chains");
        eachPair((k, c, s) -> {
            clientRefused(v, k + "-serverTwo", c);
            if (perSide(s)) {
                SignatureSchemesPropertyTest.assertOk(v, k + "-clientTwo");
            } else {
                serverRefused(v, k + "-clientTwo", s);
            }
        });
    }

    /** Whether {@code provider}, in the probe JVM (this test's Java), has the per-side properties. */
    private static boolean perSide(String provider) {
        return provider.equals("Bastion") || Runtime.version().feature() >= 22;
    }

    private interface PairCheck {
        void check(String key, String client, String server);
    }

    private static void eachPair(PairCheck check) {
        for (String c : new String[] {"SunJSSE", "Bastion"}) {
            for (String s : new String[] {"SunJSSE", "Bastion"}) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    check.check(c + "-" + s + "-" + protocol, c, s);
                }
            }
        }
    }

    private static void serverRefused(Map<String, String> v, String k, String server) {
        String why = v.get(k + ".server");
        assertTrue(why != null && why.contains(server.equals("Bastion") ? "jdk.tls.server.maxInboundCertificateChainLength"
                : "exceeds the maximum allowed length (1)"), k + ": " + why);
        SignatureSchemesPropertyTest.assertFatalAlert(v, k, null);
    }

    private static void clientRefused(Map<String, String> v, String k, String client) {
        String why = v.get(k + ".client");
        assertTrue(why != null && why.contains(client.equals("Bastion") ? "jdk.tls.client.maxInboundCertificateChainLength"
                : "exceeds the maximum allowed length (1)"), k + ": " + why);
        assertNull(v.get(k + ".protocol"), k);
    }
}
