package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.FreshJvm;
import dev.bastion.tls.it.support.MaxFragmentLengthProbe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A SunJSSE client that asks for max_fragment_length ({@code jsse.enableMFLNExtension=true} and a
 * small maximum packet size): Bastion's server, like SunJSSE's, echoes it (the client would abort
 * on a different echo) and writes no handshake record with more than 512 bytes of content (a
 * protected record adds at most 24). Without the property the client does not ask, and both
 * servers send their RSA certificate flight in larger records.
 */
class MaxFragmentLengthTest {

    @Test
    void bothServersHonourTheRequest() throws Exception {
        Map<String, String> v = FreshJvm.probe(MaxFragmentLengthProbe.class, List.of("jsse.enableMFLNExtension=true"));
        for (String s : new String[] {"SunJSSE", "Bastion"}) {
            for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
                String k = s + "-" + protocol;
                assertEquals(null, v.get(k + ".error"), k);
                int largest = Integer.parseInt(v.get(k + ".largestRecord"));
                assertTrue(largest <= 512 + 24, k + ": a record of " + largest + " bytes");
            }
        }
    }

    @Test
    void withoutTheRequestRecordsAreLarger() throws Exception {
        Map<String, String> v = FreshJvm.probe(MaxFragmentLengthProbe.class, List.of());
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            String k = "Bastion-" + protocol;
            assertEquals(null, v.get(k + ".error"), k);
            assertTrue(Integer.parseInt(v.get(k + ".largestRecord")) > 512 + 24, k + ": " + v);
        }
    }
}
