package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OpenSSL's interactive commands against the providers' sockets, while data flows: {@code K} and
 * {@code k} (TLS 1.3 KeyUpdate with and without update_requested) from s_client and from
 * s_server; {@code R} (TLS 1.2 renegotiation) from either side, which Bastion refuses with a
 * no_renegotiation warning (OpenSSL then ends the connection with handshake_failure, see the
 * README); and {@code c} (TLS 1.3 post-handshake authentication) from s_server, which needs the
 * client's post_handshake_auth extension: neither provider offers it, s_server's request fails
 * on its side and the connection goes on. s_server and s_client read their commands from
 * standard input, a line each, only after the handshake; the test writes them with pauses so
 * that each arrives alone.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PostHandshakeOpenSslInteropTest {
    private static final TestPki PKI = TestPki.get();
    /** What Bastion adds to the message of a fatal alert that follows its refusal to renegotiate. */
    private static final String REFUSED = "after Bastion refused the peer's renegotiation";
    /** Threads for the blocking sides of a test: not the common pool, which on two cores may run one task at a time. */
    private static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "post-handshake-interop");
        t.setDaemon(true);
        return t;
    });
    private static final Pattern KEY_UPDATE = Pattern.compile(
            "(Sent|Received) Record[\\s\\S]*?KeyUpdate, Length=1\\s+(update_requested|update_not_requested)");

    @ParameterizedTest(name = "s_client K/k x8 while echoing -> {0} server")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void keyUpdatesFromOpenSslClient(String provider) throws Exception {
        SSLContext ctx = Providers.context(provider, "TLS", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))), null);
        int lines = 8;
        try (SSLServerSocket listener = InteropSockets.listen(ctx);
                Peer client = Peer.start("s_client-ku-", "openssl", "s_client", "-connect",
                        Interop.LOOPBACK + ":" + listener.getLocalPort(), "-tls1_3", "-trace", "-CAfile",
                        PKI.caPem().toString())) {
            CompletableFuture<Throwable> served = CompletableFuture.supplyAsync(
                    () -> InteropSockets.echo(listener, (lines + 1) * "data-1\n".length()), THREADS);
            client.await("Verify return code");
            // one exchange first: the handshake and the tickets are done before the first K
            client.line("data-0");
            client.await("data-0");
            for (int i = 1; i <= lines; i++) {
                client.line("K");
                Interop.pause(300);
                client.line("k");
                Interop.pause(300);
                client.line("data-" + i); // after the last one the server has all it waits for, and closes
                client.await("data-" + i);
            }
            assertNull(served.get(Interop.STEP.toSeconds(), TimeUnit.SECONDS), "server echoed every line");
            client.exit();
            String out = client.output();
            int[] counts = keyUpdates(out);
            // s_client usually sends one per command; it may skip one (seen against SunJSSE on JDK 25)
            assertTrue(counts[0] >= lines - 1 && counts[1] >= lines - 1, "s_client sent its KeyUpdates: "
                    + Arrays.toString(counts) + "\n" + out);
            assertEquals(counts[0], counts[3], "the server answered each update_requested with update_not_requested");
            assertEquals(0, counts[2], "the server never asked for an update");
        }
    }

    @ParameterizedTest(name = "s_server K/k x10 while the {0} client streams 1 MB")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void keyUpdatesFromOpenSslServerWhileClientWrites(String provider) throws Exception {
        int chunks = 64;
        String pad = "x".repeat(15_000);
        try (Peer server = Peer.server("s_server-ku-", "-tls1_3", "-trace")) {
            SSLContext ctx = Providers.context(provider, "TLS", null, PKI.trustManagers());
            try (SSLSocket s = connect(ctx, server.port())) {
                s.startHandshake();
                CompletableFuture<Throwable> reader = CompletableFuture.supplyAsync(() -> drain(s), THREADS);
                CompletableFuture<Throwable> writer = CompletableFuture.supplyAsync(() -> {
                    try {
                        OutputStream out = s.getOutputStream();
                        for (int i = 0; i < chunks; i++) {
                            out.write(String.format("chunk%05d%s%n", i, pad).getBytes(StandardCharsets.US_ASCII));
                            out.flush();
                            Interop.pause(20);
                        }
                        return null;
                    } catch (Throwable e) {
                        return e;
                    }
                }, THREADS);
                server.await("CIPHER is");
                for (int i = 0; i < 10; i++) {
                    server.line("K");
                    Interop.pause(60);
                    server.line("k");
                    Interop.pause(60);
                }
                assertNull(writer.get(Interop.STEP.toSeconds(), TimeUnit.SECONDS), "every write succeeded");
                Interop.pause(500);
                s.close();
                Throwable r = reader.get(Interop.STEP.toSeconds(), TimeUnit.SECONDS);
                assertTrue(r == null || r instanceof java.net.SocketException, "reader: " + r);
            }
            server.await("DONE");
            String log = server.output();
            Matcher m = Pattern.compile("(?m)^chunk(\\d{5})x{15000}$").matcher(log);
            int seen = 0;
            while (m.find()) {
                seen++;
            }
            assertEquals(chunks, seen, "s_server received every chunk intact");
            int[] counts = keyUpdates(log);
            assertTrue(counts[0] > 0, "s_server sent KeyUpdate(update_requested)");
            assertEquals(counts[0], counts[3], "the client answered each update_requested: sent " + counts[0]
                    + ", answers " + counts[3]);
            assertEquals(0, counts[2], "the client never asked for an update");
        }
    }

    @ParameterizedTest(name = "s_server K/k x6 -> {0} SSLEngine client, answering between reads and writes")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void keyUpdatesToAnEngineClient(String provider) throws Exception {
        try (Peer server = Peer.server("s_server-ku-engine-", "-tls1_3", "-trace")) {
            SSLContext ctx = Providers.context(provider, "TLS", null, PKI.trustManagers());
            javax.net.ssl.SSLEngine engine = ctx.createSSLEngine("localhost", server.port());
            engine.setUseClientMode(true);
            try (EngineSocket tls = EngineSocket.connect(engine, server.port(), Interop.STEP, null)) {
                tls.handshake();
                server.await("CIPHER is");
                for (int i = 1; i <= 6; i++) {
                    server.line(i % 2 == 0 ? "K" : "k");
                    Interop.pause(200);
                    server.line("data-" + i);
                    String got = tls.readUntil("data-" + i + "\n", 4096);
                    assertTrue(got.endsWith("data-" + i + "\n"), "client read: " + got);
                    tls.write(("ack-" + i + "\n").getBytes(StandardCharsets.US_ASCII));
                    server.await("ack-" + i);
                }
            }
            int[] counts = keyUpdates(server.output());
            assertEquals(3, counts[0], "s_server sent three KeyUpdate(update_requested)");
            assertEquals(3, counts[1], "and three KeyUpdate(update_not_requested)");
            assertEquals(3, counts[3], "the client answered each update_requested once");
            assertEquals(0, counts[2], "the client never asked for an update");
        }
    }

    @ParameterizedTest(name = "s_server R (TLS 1.2 renegotiation) -> {0} SSLEngine client: no_renegotiation warning")
    @ValueSource(strings = "Bastion")
    void serverRenegotiationIsRefusedByAnEngine(String provider) throws Exception {
        try (Peer server = Peer.server("s_server-reneg-engine-", "-tls1_2", "-msg")) {
            SSLContext ctx = Providers.context(provider, "TLS", null, PKI.trustManagers());
            javax.net.ssl.SSLEngine engine = ctx.createSSLEngine("localhost", server.port());
            engine.setUseClientMode(true);
            try (EngineSocket tls = EngineSocket.connect(engine, server.port(), Interop.STEP, null)) {
                tls.handshake();
                assertEquals("TLSv1.2", engine.getSession().getProtocol());
                server.await("CIPHER is");
                server.line("R");
                SSLException e = assertThrows(SSLException.class, () -> tls.readAll(1 << 16));
                assertTrue(e.getMessage().contains("handshake_failure") && e.getMessage().contains(REFUSED),
                        "OpenSSL ends the connection, and the message says why: " + e);
            }
            assertTrue(server.output().contains("<<< TLS 1.2, Alert [length 0002], warning no_renegotiation"),
                    "the engine answered the HelloRequest with a no_renegotiation warning:\n" + server.output());
        }
    }

    @ParameterizedTest(name = "s_server R (TLS 1.2 renegotiation) -> {0} client: no_renegotiation warning")
    @ValueSource(strings = "Bastion")
    void serverRenegotiationIsRefused(String provider) throws Exception {
        try (Peer server = Peer.server("s_server-reneg-", "-tls1_2", "-msg")) {
            SSLContext ctx = Providers.context(provider, "TLS", null, PKI.trustManagers());
            try (SSLSocket s = connect(ctx, server.port())) {
                s.startHandshake();
                assertEquals("TLSv1.2", s.getSession().getProtocol());
                s.getOutputStream().write("before\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                server.await("before");
                server.line("R");
                SSLException e = assertThrows(SSLException.class, () -> drainOrThrow(s));
                assertTrue(e.getMessage().contains("handshake_failure") && e.getMessage().contains(REFUSED),
                        "OpenSSL ends the connection, and the message says why: " + e);
            }
            String log = server.output();
            assertTrue(log.contains("HelloRequest"), log);
            assertTrue(log.contains("<<< TLS 1.2, Alert [length 0002], warning no_renegotiation"),
                    "the client answered the HelloRequest with a no_renegotiation warning:\n" + log);
        }
    }

    @ParameterizedTest(name = "s_client R (TLS 1.2 renegotiation) -> {0} server: no_renegotiation warning")
    @ValueSource(strings = "Bastion")
    void clientRenegotiationIsRefused(String provider) throws Exception {
        SSLContext ctx = Providers.context(provider, "TLS", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))), null);
        try (SSLServerSocket listener = InteropSockets.listen(ctx);
                Peer client = Peer.start("s_client-reneg-", "openssl", "s_client", "-connect",
                        Interop.LOOPBACK + ":" + listener.getLocalPort(), "-tls1_2", "-msg", "-CAfile",
                        PKI.caPem().toString())) {
            CompletableFuture<Throwable> served = CompletableFuture.supplyAsync(() -> InteropSockets.echo(listener,
                    Integer.MAX_VALUE), THREADS);
            client.await("Verify return code");
            client.line("before");
            client.await("before");
            client.line("R");
            Throwable t = served.get(Interop.STEP.toSeconds(), TimeUnit.SECONDS);
            assertTrue(t instanceof SSLException && t.getMessage().contains("handshake_failure")
                    && t.getMessage().contains(REFUSED), "OpenSSL ends the connection after the warning: " + t);
            client.exit();
            assertTrue(client.output().contains("<<< TLS 1.2, Alert [length 0002], warning no_renegotiation"),
                    "the server answered the renegotiating ClientHello with a no_renegotiation warning:\n" + client.output());
        }
    }

    @ParameterizedTest(name = "s_server c (post-handshake auth) -> {0} client without post_handshake_auth: goes on")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void postHandshakeAuthRequestWithoutTheExtension(String provider) throws Exception {
        try (Peer server = Peer.server("s_server-pha-", "-tls1_3", "-verify", "1", "-CAfile", PKI.caPem().toString())) {
            SSLContext ctx = Providers.context(provider, "TLS", TestPki.keyManagers(List.of(PKI.client())), PKI.trustManagers());
            try (SSLSocket s = connect(ctx, server.port())) {
                s.startHandshake();
                server.await("CIPHER is");
                server.line("c");
                server.await("extension not received");
                s.getOutputStream().write("after-c\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                server.await("after-c");
                server.line("from-server");
                byte[] buf = new byte[64];
                int n = s.getInputStream().read(buf);
                assertEquals("from-server\n", new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
        }
    }

    /** [sent update_requested, sent update_not_requested, received update_requested, received update_not_requested]. */
    private static int[] keyUpdates(String trace) {
        int[] c = new int[4];
        Matcher m = KEY_UPDATE.matcher(trace);
        while (m.find()) {
            String record = m.group(0);
            // the nearest record header before the message tells its direction
            int sent = record.lastIndexOf("Sent Record");
            int received = record.lastIndexOf("Received Record");
            boolean out = sent > received;
            boolean requested = m.group(2).equals("update_requested");
            c[(out ? 0 : 2) + (requested ? 0 : 1)]++;
        }
        return c;
    }

    private static SSLSocket connect(SSLContext ctx, int port) throws IOException {
        Socket raw = new Socket();
        raw.connect(new InetSocketAddress(Interop.LOOPBACK, port), (int) Interop.STEP.toMillis());
        raw.setSoTimeout((int) Interop.STEP.toMillis());
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, true);
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        return s;
    }

    private static Throwable drain(SSLSocket s) {
        try {
            drainOrThrow(s);
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private static void drainOrThrow(SSLSocket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (in.read(buf) >= 0) {
            // discard
        }
    }

    /** An openssl process whose standard input the test writes, a line at a time. */
    static final class Peer implements AutoCloseable {
        private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");
        private final Process process;
        private final Path log;
        private final Path errors;
        private final OutputStream stdin;

        private Peer(List<String> cmd, String prefix) throws IOException {
            this.log = Interop.logFile(prefix);
            // apart: OpenSSL's messages on standard error (KEYUPDATE, errors) would otherwise split trace lines
            this.errors = Interop.logFile(prefix + "err-");
            this.process = new ProcessBuilder(cmd).redirectOutput(log.toFile()).redirectError(errors.toFile()).start();
            this.stdin = process.getOutputStream();
        }

        static Peer start(String prefix, String... cmd) throws IOException {
            List<String> all = new ArrayList<>(List.of("timeout", String.valueOf(Interop.PROCESS_LIFETIME.toSeconds())));
            all.addAll(List.of(cmd));
            return new Peer(all, prefix);
        }

        /** {@code openssl s_server} (no -www: it prints what it reads, sends its input lines) with the EC server certificate. */
        static Peer server(String prefix, String... options) throws IOException {
            TestPki.Credential cert = PKI.server(ServerKey.EC);
            List<String> cmd = new ArrayList<>(List.of("timeout", String.valueOf(Interop.PROCESS_LIFETIME.toSeconds()),
                    "stdbuf", "-o0", "openssl", "s_server", "-accept", Interop.LOOPBACK + ":0", "-naccept", "1",
                    "-cert", cert.chainPem().toString(), "-key", cert.keyPem().toString()));
            cmd.addAll(List.of(options));
            Peer p = new Peer(cmd, prefix);
            p.await("ACCEPT");
            return p;
        }

        int port() {
            Matcher m = ACCEPT.matcher(output());
            if (!m.find()) {
                throw new AssertionError("s_server did not say where it listens:\n" + output());
            }
            return Integer.parseInt(m.group(1));
        }

        void line(String text) throws IOException {
            stdin.write((text + "\n").getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
        }

        /** Waits (at most a step) until the output holds {@code text}. */
        void await(String text) {
            long deadline = System.nanoTime() + Interop.STEP.toNanos();
            while (!output().contains(text)) {
                if (System.nanoTime() > deadline || !process.isAlive() && !output().contains(text)) {
                    if (output().contains(text)) {
                        return;
                    }
                    throw new AssertionError("no \"" + text + "\" from openssl:\n" + output());
                }
                Interop.pause(20);
            }
        }

        /** Closes standard input (s_client then closes the connection) and waits for the process to end. */
        void exit() throws IOException, InterruptedException {
            stdin.close();
            process.waitFor(Interop.STEP.toSeconds(), TimeUnit.SECONDS);
        }

        /** Standard output, then standard error. */
        String output() {
            return Interop.read(log) + "\n" + Interop.read(errors);
        }

        @Override
        public void close() {
            Interop.kill(process);
        }
    }
}
