package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * max_fragment_length (RFC 6066 §4). On a Bastion server, asked for by {@code openssl s_client
 * -maxfraglen}: the server echoes it and writes no record with more content than that, its
 * certificate flight included. OpenSSL checks both: a different echo is fatal, and so is a larger
 * record once the length is negotiated (record_overflow), which the server's RSA certificate
 * chain alone, over 512 bytes, would trigger. On a Bastion client with {@code
 * jsse.enableMFLNExtension=true} and a small maximum packet size, against {@code openssl s_server}:
 * the client asks for the length SunJSSE's client would ask for, and the server keeps to it.
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
            assertEquals(2, mentions(r.output(), bytes), "s_client's hello and the server's echo\n" + r.output());
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

    @ParameterizedTest(name = "{0}, maximum packet size {1}: asks for {2} bytes")
    @CsvSource({"TLSv1.2, 1000, 512", "TLSv1.3, 1400, 1024", "TLSv1.2, 2400, 2048", "TLSv1.3, 4421, 4096"})
    void clientAsksForALengthThatFitsItsPackets(String version, int packet, int bytes) throws Exception {
        SSLContext ctx = Providers.bastionWith(Map.of("jsse.enableMFLNExtension", "true"), Map.of(), null,
                PKI.trustManagers());
        try (OpenSslServer server = OpenSslServer.builder(PKI.server(ServerKey.RSA)).version(version).start()) {
            EngineClient.Exchange x = EngineClient.get(clientEngine(ctx, version, packet), server.port(), null);
            assertEquals(version, x.session().protocol());
            assertTrue(x.body().contains("Protocol  : " + version), x.body());
            String trace = server.nextTrace();
            assertEquals(2, mentions(trace, bytes), "Bastion's hello and s_server's echo\n" + trace);
            List<Integer> sent = recordLengths(server.log(), "Sent Record");
            assertTrue(sent.size() > 3, server.log());
            for (int n : sent) {
                assertTrue(n <= bytes + 24, "s_server wrote a record of " + n + " bytes with max_fragment_length "
                        + bytes + ": " + sent);
            }
            // resumed, the client asks for the same length again: OpenSSL refuses a resumed
            // hello whose max_fragment_length differs from the session's
            EngineClient.Exchange resumed = EngineClient.get(clientEngine(ctx, version, packet), server.port(), null);
            assertTrue(resumed.body().contains("Reused, " + version), resumed.body());
            String resumedTrace = server.nextTrace();
            assertEquals(2, mentions(resumedTrace, bytes), "resumed: Bastion's hello and s_server's echo\n" + resumedTrace);
        }
    }

    /** Without the switch (SunJSSE's default), a small packet size asks for nothing. */
    @Test
    void clientAsksForNothingWithoutTheSwitch() throws Exception {
        SSLContext ctx = Providers.bastionWith(Map.of(), Map.of(), null, PKI.trustManagers());
        try (OpenSslServer server = OpenSslServer.builder(PKI.server(ServerKey.RSA)).version("TLSv1.3").start()) {
            EngineClient.Exchange x = EngineClient.get(clientEngine(ctx, "TLSv1.3", 1000), server.port(), null);
            assertEquals("TLSv1.3", x.session().protocol());
            String trace = server.nextTrace();
            assertTrue(trace.contains("ClientHello") && !trace.contains("max_fragment_length"), trace);
        }
    }

    /** A client engine for {@code version} alone whose records must fit in {@code packet} bytes. */
    private static SSLEngine clientEngine(SSLContext ctx, String version, int packet) {
        SSLEngine engine = Providers.clientEngine(ctx);
        engine.setEnabledProtocols(new String[] {version});
        SSLParameters p = engine.getSSLParameters();
        p.setMaximumPacketSize(packet);
        engine.setSSLParameters(p);
        return engine;
    }

    /** How often an OpenSSL {@code -trace} shows a max_fragment_length of {@code bytes}. */
    private static int mentions(String trace, int bytes) {
        return trace.split("max_fragment_length := 2\\^" + Integer.numberOfTrailingZeros(bytes) + " ", -1).length - 1;
    }

    /** The Length of each record s_client's {@code -trace} shows it received. */
    private static List<Integer> receivedRecordLengths(String trace) {
        return recordLengths(trace, "Received Record");
    }

    /** The Length of each record of {@code kind} ("Sent Record", "Received Record") in an OpenSSL {@code -trace}. */
    private static List<Integer> recordLengths(String trace, String kind) {
        List<Integer> out = new java.util.ArrayList<>();
        boolean wanted = false;
        for (String line : trace.split("\\R")) {
            String t = line.trim();
            if (t.equals("Received Record") || t.equals("Sent Record")) {
                wanted = t.equals(kind);
            } else if (wanted && t.startsWith("Length = ")) {
                out.add(Integer.parseInt(t.substring("Length = ".length()).trim()));
                wanted = false;
            }
        }
        return out;
    }
}
