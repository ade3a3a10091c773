package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.FreshJvm;
import dev.bastion.tls.it.support.MaxFragmentLengthProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A client that asks for max_fragment_length ({@code jsse.enableMFLNExtension=true} and a small
 * maximum packet size), SunJSSE's or Bastion's: Bastion's server, like SunJSSE's, echoes it (the
 * clients abort on a different echo) and writes no handshake record with more than 512 bytes of
 * content (a protected record adds at most 24), and the client keeps to it too once it is agreed,
 * its certificate flight included. Without the property neither client asks, and Bastion's server
 * sends its RSA certificate flight in larger records.
 */
class MaxFragmentLengthTest {
    private static final String[] PROVIDERS = {"SunJSSE", "Bastion"};

    @Test
    void everyPairingNegotiatesAndKeepsToTheLength() throws Exception {
        Map<String, String> v = FreshJvm.probe(MaxFragmentLengthProbe.class, List.of("jsse.enableMFLNExtension=true"),
                "clientAuth");
        for (String c : PROVIDERS) {
            for (String s : PROVIDERS) {
                for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                    String k = c + ">" + s + "-" + protocol;
                    assertEquals(null, v.get(k + ".error"), k);
                    int largest = Integer.parseInt(v.get(k + ".largestRecord"));
                    assertTrue(largest <= 512 + 24, k + ": a server record of " + largest + " bytes");
                    int client = Integer.parseInt(v.get(k + ".largestClientRecord"));
                    assertTrue(client <= 512 + 24, k + ": a client record of " + client + " bytes after its hello");
                }
            }
        }
    }

    @Test
    void withoutTheRequestRecordsAreLarger() throws Exception {
        Map<String, String> v = FreshJvm.probe(MaxFragmentLengthProbe.class, List.of());
        for (String c : PROVIDERS) {
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                String k = c + ">Bastion-" + protocol;
                assertEquals(null, v.get(k + ".error"), k);
                assertTrue(Integer.parseInt(v.get(k + ".largestRecord")) > 512 + 24, k + ": " + v);
            }
        }
    }
}
