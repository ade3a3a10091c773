package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bastion.tls.it.support.SocketServer;
import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sockets used from several threads at once, as applications use them: a reader and a writer
 * on one socket, a third thread closing, asking for the session or for a key update (engines:
 * {@link EngineConcurrencyTest}).
 * Each scenario runs with SunJSSE as the control and with Bastion; none may hang (every case
 * is bounded by {@code assertTimeoutPreemptively} and closes what it opened), lose or corrupt
 * data, or throw anything but an {@code IOException} from a JSSE call.
 */
class ConcurrencyTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    /** SunJSSE moves the 4 MiB of the full-duplex case in about a second. */
    private static final Duration DUPLEX_LIMIT = Duration.ofSeconds(10);
    /** A receive and send buffer this small fills after a few records (the kernel doubles it). */
    private static final int SMALL_TCP_BUFFER = 16 * 1024;

    private final List<AutoCloseable> opened = new CopyOnWriteArrayList<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "ConcurrencyTest-" + COUNTER.incrementAndGet());
        t.setDaemon(true);
        return t;
    });
    private static final AtomicInteger COUNTER = new AtomicInteger();

    static Stream<Arguments> providers() {
        return Versions.providersAndVersions();
    }

    /** Ends whatever a case left (a deadlocked one included): sockets with SO_LINGER 0, so close does not wait for a stuck writer. */
    @AfterEach
    void closeEverything() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) { // clients before servers
            AutoCloseable c = opened.get(i);
            if (c instanceof Socket) {
                try {
                    ((Socket) c).setSoLinger(true, 0);
                } catch (IOException closedAlready) {
                    // fine
                }
            }
            try {
                c.close();
            } catch (Exception e) {
                // best effort
            }
        }
        threads.shutdownNow();
        assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS), "the test's threads ended");
    }

    // ---- finding 1: the reader takes the writer's lock after every record ------------------------

    /**
     * A reader thread and a writer thread on one socket, the peer echoing: once the TCP buffers
     * are full both ways, the peer's echo waits for this side to read, and this side's writer
     * for the peer to read. SunJSSE's reader never waits for the writer, so it drains the
     * echo and everything moves. Bastion's {@code SocketIo.readRecordAfterHandshake} calls
     * {@code flush()} after every record, which takes {@code SocketOutput}'s write lock even when
     * nothing is queued; the writer holds that lock while it blocks in the TCP write, so the
     * reader stops reading and neither side moves again. Small buffers make it happen after a
     * few hundred KB; with the default loopback buffers it needs several MB, on a real network
     * much less.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void fullDuplexWithFullTcpBuffersKeepsMoving(String provider, String version) throws Exception {
        int total = 4 << 20;
        byte[] data = new byte[total];
        new Random(7).nextBytes(data);
        SocketServer server = track(smallBufferEchoServer(Tls.server(provider)));
        SSLSocket s = track((SSLSocket) Tls.client(provider).getSocketFactory().createSocket());
        s.setReceiveBufferSize(SMALL_TCP_BUFFER);
        s.setSendBufferSize(SMALL_TCP_BUFFER);
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 10_000);
        s.setEnabledProtocols(new String[] {version});
        assertTimeoutPreemptively(DUPLEX_LIMIT, () -> {
            s.startHandshake();
            Future<Long> echoed = threads.submit(() -> checksum(s.getInputStream(), total));
            OutputStream out = s.getOutputStream();
            for (int off = 0; off < total; off += 64 * 1024) {
                out.write(data, off, 64 * 1024);
            }
            assertEquals(crc(data), echoed.get(), "the echo came back whole");
        }, () -> "stuck:\n" + dump());
    }

    // ---- stress cases that pass on both: concurrency no other test exercises --------------------

    /**
     * A reader and a writer start on a fresh socket (so either may run the handshake) while the
     * main thread closes it at a random moment, by {@code close()}, {@code shutdownOutput()} then
     * {@code close()}, or closing the input stream; a third thread asks for the session and sets
     * the timeout meanwhile. Every call ends, with the data or an {@code IOException}.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void closeFromAnotherThreadDuringHandshakeAndIo(String provider, String version) throws Exception {
        SSLContext client = Tls.client(provider);
        SocketServer server = track(SocketServer.tls(Tls.server(provider), SocketServer.echo()));
        Random random = new Random(11);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int i = 0; i < 12; i++) {
                SSLSocket s = track(Tls.connect(client, server.port(), version));
                List<Future<?>> calls = List.of(threads.submit(() -> {
                    for (int k = 0; k < 100; k++) {
                        s.getOutputStream().write(new byte[1 + k * 97]);
                    }
                    return null;
                }), threads.submit(() -> s.getInputStream().read(new byte[8192])), threads.submit(() -> {
                    for (int k = 0; k < 20; k++) {
                        s.getSession();
                        s.getHandshakeSession();
                        s.setSoTimeout(k % 2 * 5000);
                    }
                    return null;
                }));
                Thread.sleep(random.nextInt(12));
                switch (i % 3) {
                    case 0 -> s.close();
                    case 1 -> {
                        s.shutdownOutput();
                        s.close();
                    }
                    default -> s.getInputStream().close();
                }
                for (Future<?> call : calls) {
                    onlyIoExceptions(call);
                }
                assertTrue(s.isClosed());
            }
        });
        assertTrue(server.errors().stream().allMatch(IOException.class::isInstance), () -> "server: " + server.errors());
    }

    /**
     * Six threads make the first calls on a fresh socket at once (getSession, startHandshake,
     * write): one handshake runs, and all see the same negotiated session. A handshake listener
     * calls back into the socket (getSession, startHandshake, getSSLParameters) from its thread.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void concurrentFirstCallsShareOneHandshake(String provider, String version) throws Exception {
        SSLContext client = Tls.client(provider);
        SocketServer server = track(SocketServer.tls(Tls.server(provider), SocketServer.echo()));
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int i = 0; i < 10; i++) {
                SSLSocket s = track(Tls.connect(client, server.port(), version));
                Future<SSLSession> fromListener = listen(s);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<SSLSession>> calls = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    int kind = t % 3;
                    calls.add(threads.submit(() -> {
                        go.await();
                        if (kind == 1) {
                            s.startHandshake();
                        } else if (kind == 2) {
                            s.getOutputStream().write(kind);
                        }
                        return s.getSession();
                    }));
                }
                go.countDown();
                SSLSession first = calls.get(0).get();
                assertEquals(version, first.getProtocol());
                for (Future<SSLSession> call : calls) {
                    assertSame(first, call.get());
                }
                assertSame(first, fromListener.get(10, TimeUnit.SECONDS));
                assertEquals(2, s.getInputStream().read());
                assertEquals(2, s.getInputStream().read());
                s.close();
            }
        });
    }

    /**
     * TLS 1.3 KeyUpdates asked for by a third thread on both sides ({@code startHandshake()})
     * while data flows both ways, checksummed. Bastion only: SunJSSE 17 and 25 fail here now
     * and then with bad_record_mac (their KeyUpdate races the writer).
     */
    @Test
    void keyUpdatesFromAThirdThreadDuringDuplexTransfer() throws Exception {
        SocketServer server = track(SocketServer.tls(Tls.server("Bastion"), sock -> {
            SSLSocket ss = (SSLSocket) sock;
            Future<?> updates = threads.submit(() -> keyUpdates(ss));
            try {
                SocketServer.echo().handle(ss);
            } catch (IOException clientGone) {
                // the client closes as soon as it has its echo: a last KeyUpdate or close_notify may find it gone
            }
            onlyIoExceptions(updates);
        }));
        SSLContext client = Tls.client("Bastion");
        byte[] data = new byte[300_000];
        new Random(5).nextBytes(data);
        assertTimeoutPreemptively(LIMIT, () -> {
            for (int i = 0; i < 10; i++) {
                SSLSocket s = track(Tls.connect(client, server.port(), "TLSv1.3"));
                Future<Long> echoed = threads.submit(() -> checksum(s.getInputStream(), data.length));
                Future<?> updates = threads.submit(() -> keyUpdates(s));
                for (int off = 0; off < data.length; off += 30_000) {
                    s.getOutputStream().write(data, off, 30_000);
                }
                assertEquals(crc(data), echoed.get());
                updates.get();
                s.close();
            }
        });
        assertTrue(server.errors().isEmpty(), () -> "server: " + server.errors());
    }

    /**
     * Sixty clients on virtual threads (JDK 21+) against a server whose handlers run on virtual
     * threads, all sharing one client and one server context, while another thread changes both
     * session contexts' cache size and timeout and lists their sessions: every echo comes back.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void virtualThreadsShareContextsWhileTheirCachesChange(String provider, String version) throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads");
        ExecutorService virtual = virtualThreads();
        track(virtual::shutdownNow);
        SSLContext client = Tls.client(provider);
        SSLContext serverCtx = Tls.server(provider);
        SSLServerSocket listener = track((SSLServerSocket) serverCtx.getServerSocketFactory().createServerSocket(0, 256,
                InetAddress.getLoopbackAddress()));
        virtual.submit(() -> {
            while (true) {
                Socket a = track(listener.accept());
                virtual.submit(() -> {
                    SocketServer.echo().handle(a);
                    return null;
                });
            }
        });
        AtomicBoolean done = new AtomicBoolean();
        Future<?> churn = threads.submit(() -> {
            for (int k = 0; !done.get(); k++) {
                for (SSLSessionContext sc : List.of(client.getClientSessionContext(), serverCtx.getServerSessionContext())) {
                    sc.setSessionCacheSize(k % 4);
                    sc.setSessionTimeout(1000 + k % 1000);
                    Collections.list(sc.getIds()).forEach(sc::getSession);
                }
                Thread.sleep(1);
            }
            return null;
        });
        assertTimeoutPreemptively(LIMIT, () -> {
            List<Future<Boolean>> clients = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                byte[] data = new byte[1 + i * 331];
                new Random(i).nextBytes(data);
                clients.add(virtual.submit(() -> {
                    try (SSLSocket s = Tls.connect(client, listener.getLocalPort(), version)) {
                        s.getOutputStream().write(data);
                        return checksum(s.getInputStream(), data.length) == crc(data);
                    }
                }));
            }
            for (Future<Boolean> c : clients) {
                assertTrue(c.get(), "echo");
            }
            done.set(true);
            churn.get();
        });
    }

    // ---- helpers -------------------------------------------------------------------------------
    /** {@code Executors.newVirtualThreadPerTaskExecutor()} (JDK 21+; this code compiles for 17). */
    private static ExecutorService virtualThreads() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    private static Void keyUpdates(SSLSocket s) throws Exception {
        for (int k = 0; k < 5; k++) {
            Thread.sleep(1);
            s.startHandshake();
        }
        return null;
    }

    /** A handshake listener's view: it calls back into the socket and hands over the socket's session. */
    private static Future<SSLSession> listen(SSLSocket s) {
        CompletableFuture<SSLSession> seen = new CompletableFuture<>();
        s.addHandshakeCompletedListener(event -> {
            try {
                SSLSocket back = event.getSocket();
                back.getSSLParameters();
                back.startHandshake(); // a KeyUpdate in TLS 1.3, nothing in TLS 1.2
                assertSame(event.getSession(), back.getSession());
                seen.complete(back.getSession());
            } catch (Throwable t) {
                seen.completeExceptionally(t);
            }
        });
        return seen;
    }

    /** The call ended normally or with an IOException (closed meanwhile), nothing else. */
    private static void onlyIoExceptions(Future<?> call) throws Exception {
        try {
            call.get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof IOException)) {
                throw new AssertionError("not an IOException", e.getCause());
            }
        }
    }



    private <T extends AutoCloseable> T track(T c) {
        opened.add(c);
        return c;
    }

    /** An echo server whose accepted sockets have small TCP buffers. */
    private static SocketServer smallBufferEchoServer(SSLContext ctx) throws IOException {
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        ss.setReceiveBufferSize(SMALL_TCP_BUFFER); // inherited by accepted sockets
        ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        SocketServer.Handler echo = SocketServer.echo();
        return new SocketServer(ss, sock -> {
            sock.setSendBufferSize(SMALL_TCP_BUFFER);
            echo.handle(sock);
        });
    }

    /** The CRC-32 of exactly {@code n} bytes of {@code in}; fails at an early end. */
    private static long checksum(InputStream in, long n) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buf = new byte[8192];
        for (long got = 0; got < n;) {
            int k = in.read(buf, 0, (int) Math.min(buf.length, n - got));
            if (k < 0) {
                throw new IOException("end of data after " + got + " of " + n + " bytes");
            }
            crc.update(buf, 0, k);
            got += k;
        }
        return crc.getValue();
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    /** The stacks of the threads in TLS code, for the message of a case that got stuck. */
    private static String dump() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            StackTraceElement[] st = e.getValue();
            if (Stream.of(st).noneMatch(f -> f.getClassName().startsWith("dev.bastion.tls.engine")
                    || f.getClassName().startsWith("sun.security.ssl"))) {
                continue;
            }
            sb.append('"').append(e.getKey().getName()).append("\" ").append(e.getKey().getState()).append('\n');
            for (int i = 0; i < Math.min(st.length, 12); i++) {
                sb.append("    at ").append(st[i]).append('\n');
            }
        }
        return sb.toString();
    }
}
