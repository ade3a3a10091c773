package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.EngineServer.Accepted;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code openssl s_client -early_data} against the provider's server, which never accepts 0-RTT
 * data (RFC 8446 §4.2.10). The session s_client offers comes from an {@code openssl s_server
 * -early_data} (its ticket allows early data; the provider cannot open it, so the handshake is a
 * full one), so s_client sends its ClientHello with early_data, a compatibility CCS and the
 * 0-RTT records at once. The server must skip those records and complete the handshake, and
 * the 1-RTT request must arrive:
 * <ul>
 *   <li>without a HelloRetryRequest ({@code -groups P-256}): the records fail to open with the
 *       client's handshake keys and are dropped;</li>
 *   <li>with one ({@code -groups ffdhe6144:P-256}: a share for a group the server does not
 *       enable, its {@code jdk.tls.namedGroups} being x25519 and secp256r1): the server has no
 *       keys yet and skips every application_data record until the second ClientHello.</li>
 * </ul>
 * Only Bastion is asserted: SunJSSE does not skip the records after a HelloRetryRequest
 * ("Receiving application data before handshake complete", see the hostile scenario Q12).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EarlyDataInteropTest {
    private static final TestPki PKI = TestPki.get();

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of("Bastion", false), Arguments.of("Bastion", true));
    }

    @ParameterizedTest(name = "s_client -early_data -> {0} server, HelloRetryRequest: {1}")
    @MethodSource("cases")
    void rejectedEarlyDataIsSkipped(String provider, boolean retry) throws IOException {
        Path session = earlyDataSession();
        Path early = dir.resolve("early.txt");
        Files.writeString(early, "GET /early HTTP/1.0\r\nHost: localhost\r\n\r\n");
        SSLContext ctx = Providers.bastionWith(Map.of("jdk.tls.namedGroups", "x25519,secp256r1"), Map.of(),
                TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))), PKI.trustManagers());
        try (EngineServer server = new EngineServer("early-data", () -> {
            SSLEngine e = ctx.createSSLEngine();
            e.setEnabledProtocols(new String[] {"TLSv1.3"});
            return e;
        }, null)) {
            OpenSslSessions.Run run = OpenSslSessions.client(PKI, server.port(), "-tls1_3", "-trace",
                    "-groups", retry ? "ffdhe6144:P-256" : "P-256", "-sess_in", session.toString(),
                    "-early_data", early.toString());
            Accepted a = server.next();
            assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + run.output());
            assertTrue(run.output().contains("extension_type=early_data"), "s_client offered early data:\n"
                    + run.output());
            assertTrue(run.output().contains("Early data was rejected"), run.output());
            assertEquals(List.of("New TLSv1.3"), run.connections(), run.output());
            assertEquals(retry, a.wire().helloRetryRequest(), "HelloRetryRequest on the wire: " + a.wire());
            assertTrue(a.request().startsWith("GET / HTTP/1.0"), "the 1-RTT request, not the early one: "
                    + a.request());
        }
    }

    /**
     * A TLS 1.3 session from {@code openssl s_server -early_data}: its ticket allows 0-RTT data.
     * s_server cannot combine {@code -early_data} with {@code -www}, so it never closes the
     * connection: s_client is stopped once it saved the session.
     */
    private Path earlyDataSession() throws IOException {
        Path session = dir.resolve("early-session.pem");
        TestPki.Credential cert = PKI.server(ServerKey.EC);
        Path serverLog = Interop.logFile("s_server-early-");
        Process server = new ProcessBuilder("timeout", String.valueOf(Interop.STEP.toSeconds() * 2), "stdbuf", "-o0",
                "openssl", "s_server", "-accept", Interop.LOOPBACK + ":0", "-naccept", "1", "-tls1_3", "-early_data",
                "-cert", cert.chainPem().toString(), "-key", cert.keyPem().toString())
                .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        Process client = null;
        try {
            int port = Integer.parseInt(await(serverLog, Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)"), server));
            Path clientLog = Interop.logFile("s_client-early-");
            client = new ProcessBuilder("timeout", String.valueOf(Interop.STEP.toSeconds()), "openssl", "s_client",
                    "-connect", Interop.LOOPBACK + ":" + port, "-tls1_3", "-noservername", "-CAfile",
                    PKI.caPem().toString(), "-verify_return_error", "-sess_out", session.toString())
                    .redirectErrorStream(true).redirectOutput(clientLog.toFile()).start();
            // s_client rewrites the file for each ticket: wait until it holds a whole session and
            // has stayed the same for 500 ms (a second ticket may still be written over the first).
            long deadline = System.nanoTime() + Interop.STEP.toNanos();
            String seen = "";
            long seenSince = System.nanoTime();
            while (System.nanoTime() < deadline) {
                String now = Files.exists(session) ? Files.readString(session, StandardCharsets.US_ASCII) : "";
                if (!now.equals(seen)) {
                    seen = now;
                    seenSince = System.nanoTime();
                } else if (seen.contains("-----END SSL SESSION PARAMETERS-----")
                        && System.nanoTime() - seenSince > TimeUnit.MILLISECONDS.toNanos(500)) {
                    break;
                }
                Interop.pause(20);
            }
            assertTrue(seen.contains("-----END SSL SESSION PARAMETERS-----"),
                    "s_client saved the session:\n" + Interop.read(clientLog));
        } finally {
            Interop.kill(client);
            Interop.kill(server);
        }
        Path text = Interop.logFile("sess_id-early-");
        Process show = new ProcessBuilder("timeout", String.valueOf(Interop.STEP.toSeconds()), "openssl", "sess_id",
                "-in", session.toString(), "-noout", "-text").redirectErrorStream(true).redirectOutput(text.toFile())
                .start();
        assertEquals("16384", await(text, Pattern.compile("Max Early Data: (\\d+)"), show),
                "the ticket allows early data");
        Interop.kill(show);
        return session;
    }

    /** The first group of {@code pattern} once {@code log} shows it; fails after one step or when {@code p} exits. */
    private static String await(Path log, Pattern pattern, Process p) throws IOException {
        long deadline = System.nanoTime() + Interop.STEP.toNanos();
        while (true) {
            Matcher m = pattern.matcher(Interop.read(log));
            if (m.find()) {
                return m.group(1);
            }
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("no " + pattern + " in " + log + ":\n" + Interop.read(log));
            }
            Interop.pause(20);
        }
    }
}
