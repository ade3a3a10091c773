package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * max_fragment_length (RFC 6066 §4) on a Bastion server, asked for by {@code openssl s_client
 * -maxfraglen}: the server echoes it and writes no record with more content than that, its
 * certificate flight included. OpenSSL checks both: a different echo is fatal, and so is a larger
 * record once the length is negotiated (record_overflow), which the server's RSA certificate
 * chain alone, over 512 bytes, would trigger.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MaxFragmentLengthInteropTest {
    private static final TestPki PKI = TestPki.get();

    @ParameterizedTest(name = "{0}, {1} bytes")
    @CsvSource({"TLSv1.2, 512", "TLSv1.2, 1024", "TLSv1.3, 512", "TLSv1.3, 4096"})
    void serverHonoursTheClientsLimit(String version, int bytes) throws Exception {
        SSLContext ctx = Providers.bastionWith(Map.of(), TestPki.keyManagers(List.of(PKI.server(ServerKey.RSA))));
        try (EngineServer server = new EngineServer("mfl", ctx::createSSLEngine, null)) {
            OpenSslClient.Result r = OpenSslClient.verifying(PKI, "localhost").version(version)
                    .add("-maxfraglen", String.valueOf(bytes)).run(server.port());
            assertNull(server.next().failure(), r.output());
            assertEquals(version, r.protocol(), r.output());
            assertTrue(r.gotResponse(), r.output());
            int exponent = Integer.numberOfTrailingZeros(bytes);
            assertEquals(2, r.output().split("max_fragment_length := 2\\^" + exponent + " ", -1).length - 1,
                    "s_client's hello and the server's echo\n" + r.output());
            List<Integer> lengths = receivedRecordLengths(r.output());
            assertTrue(lengths.size() > 3, r.output());
            // a protected record adds at most 24 bytes to its content: TLS 1.2 GCM's explicit nonce
            // and tag, or TLS 1.3's content type and tag
            for (int n : lengths) {
                assertTrue(n <= bytes + 24, "a record of " + n + " bytes with max_fragment_length " + bytes + ": "
                        + lengths);
            }
        }
    }

    /** The Length of each record s_client's {@code -trace} shows it received. */
    private static List<Integer> receivedRecordLengths(String trace) {
        List<Integer> out = new java.util.ArrayList<>();
        boolean received = false;
        for (String line : trace.split("\\R")) {
            String t = line.trim();
            if (t.equals("Received Record") || t.equals("Sent Record")) {
                received = t.startsWith("Received");
            } else if (received && t.startsWith("Length = ")) {
                out.add(Integer.parseInt(t.substring("Length = ".length()).trim()));
                received = false;
            }
        }
        return out;
    }
}
