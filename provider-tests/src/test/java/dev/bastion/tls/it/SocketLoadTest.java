package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.SocketServer;
import dev.bastion.tls.it.support.Threads;
import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 200 clients handshake at the same moment with one Bastion {@code SSLServerSocket}: every
 * connection completes and exchanges a byte, and once they are closed and the test's own
 * threads have ended, the JVM has no more threads than before (Bastion starts none of its own).
 *
 * <p>Nothing of the connections stays reachable either: weak references to every server-side
 * socket and its session (and to the client's, for Bastion clients) are all cleared after the
 * close and a few GCs, and the heap used after GC grows by less than {@link #HEAP_BOUND}. What
 * the session caches legitimately keep is not among those objects: Bastion's server cache
 * keeps TLS 1.2 sessions as encoded bytes (about 200 bytes each, 200 of them here) and TLS 1.3
 * needs nothing on the server (stateless tickets); Bastion's client cache keeps the state of at
 * most 8 TLS 1.3 tickets or one TLS 1.2 session per peer, never a socket or session object;
 * SunJSSE's client cache keeps its sessions (a few KB each). Measured growth is 40 to 320 KB.
 * A leak of the connections themselves exceeds the bound and leaves weak references uncleared:
 * holding the 200 closed server sockets in a list (tried by hand) retains about 6 MB.
 */
class SocketLoadTest {
    private static final int CLIENTS = 200;
    /** Heap growth allowed over the whole run (the caches' legitimate share is well below 1 MB). */
    private static final long HEAP_BOUND = 4L << 20;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String p : List.of("Bastion", "SunJSSE")) {
            for (String v : Versions.SOCKETS) {
                out.add(Arguments.of(p, v));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} clients, {1}")
    @MethodSource("cases")
    void twoHundredConcurrentHandshakes(String clientProvider, String version) throws Exception {
        SSLContext serverCtx = Tls.server("Bastion");
        SSLContext clientCtx = Tls.client(clientProvider);
        warmUp(serverCtx, clientCtx, version);
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        List<WeakReference<Object>> serverSide = new CopyOnWriteArrayList<>();
        List<WeakReference<Object>> clientSide = new CopyOnWriteArrayList<>();
        long heapBefore = usedHeapAfterGc();

        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (SocketServer server = SocketServer.tls(serverCtx, s -> {
                int b = s.getInputStream().read();
                s.getOutputStream().write(b);
                serverSide.add(new WeakReference<>(s));
                serverSide.add(new WeakReference<>(((SSLSocket) s).getSession()));
                s.close();
            })) {
                ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
                CountDownLatch connected = new CountDownLatch(CLIENTS);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < CLIENTS; i++) {
                    int id = i & 0x7f;
                    results.add(clients.submit(() -> {
                        try (SSLSocket s = Tls.connect(clientCtx, server.port(), version)) {
                            connected.countDown();
                            go.await();
                            s.startHandshake();
                            if (clientProvider.equals("Bastion")) {
                                clientSide.add(new WeakReference<>(s));
                                clientSide.add(new WeakReference<>(s.getSession()));
                            }
                            s.getOutputStream().write(id);
                            return s.getInputStream().read();
                        }
                    }));
                }
                assertTrue(connected.await(60, TimeUnit.SECONDS), "all clients connected");
                go.countDown();
                for (int i = 0; i < CLIENTS; i++) {
                    assertEquals(i & 0x7f, results.get(i).get(90, TimeUnit.SECONDS), "client " + i);
                }
                clients.shutdown();
                assertTrue(clients.awaitTermination(10, TimeUnit.SECONDS));
                assertEquals(CLIENTS, server.accepted());
                assertTrue(server.errors().isEmpty(), () -> "server: " + server.errors());
            }
        });
        Threads.assertNoNewThreads(before);
        assertEquals(2 * CLIENTS, serverSide.size());
        long serverLeft = remainingAfterGc(serverSide);
        long clientLeft = remainingAfterGc(clientSide);
        long heapAfter = usedHeapAfterGc();
        System.out.printf("SocketLoadTest %s clients %s: heap used after GC %,d -> %,d bytes (%+,d); "
                + "server sockets+sessions still reachable %d of %d, client %d of %d%n", clientProvider, version,
                heapBefore, heapAfter, heapAfter - heapBefore, serverLeft, serverSide.size(), clientLeft, clientSide.size());
        assertEquals(0, serverLeft, "server-side sockets and sessions still reachable after close");
        assertEquals(0, clientLeft, "Bastion client sockets and sessions still reachable after close");
        assertTrue(heapAfter - heapBefore < HEAP_BOUND, "heap grew by " + (heapAfter - heapBefore) + " bytes");
    }

    /** How many of {@code refs} still point somewhere after GCs (up to 10 s until none does). */
    private static long remainingAfterGc(List<WeakReference<Object>> refs) throws InterruptedException {
        long left = refs.size();
        for (int i = 0; i < 50 && left > 0; i++) {
            System.gc();
            Thread.sleep(200);
            left = refs.stream().filter(r -> r.get() != null).count();
        }
        return left;
    }

    /** Heap in use after a few full GCs. */
    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    private static void warmUp(SSLContext serverCtx, SSLContext clientCtx, String version) throws Exception {
        try (SocketServer server = SocketServer.tls(serverCtx, SocketServer.echo());
                SSLSocket s = Tls.connect(clientCtx, server.port(), version)) {
            s.getOutputStream().write(1);
            assertEquals(1, s.getInputStream().read());
        }
    }
}
