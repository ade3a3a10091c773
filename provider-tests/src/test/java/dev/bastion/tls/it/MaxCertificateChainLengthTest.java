package dev.bastion.tls.it;

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
                    assertTrue(server != null && server.contains(s.equals("Bastion") ? "(jdk.tls.maxCertificateChainLength)"
                            : "exceeds the maximum allowed length (1)"), k + ": " + server);
                    SignatureSchemesPropertyTest.assertFatalAlert(v, k + "-two", null);
                    SignatureSchemesPropertyTest.assertOk(v, k + "-one");
                }
            }
        }
    }
}
