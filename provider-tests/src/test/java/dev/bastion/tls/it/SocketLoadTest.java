package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.SocketServer;
import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 200 clients handshake at the same moment with one Bastion {@code SSLServerSocket}: every
 * connection completes and exchanges a byte, and once they are closed and the test's own
 * threads have ended, the JVM has no more threads than before (Bastion starts none of its own).
 */
class SocketLoadTest {
    private static final int CLIENTS = 200;

    @ParameterizedTest(name = "{0} clients")
    @ValueSource(strings = {"Bastion", "SunJSSE"})
    void twoHundredConcurrentHandshakes(String clientProvider) throws Exception {
        SSLContext serverCtx = Tls.server("Bastion");
        SSLContext clientCtx = Tls.client(clientProvider);
        String version = Versions.SOCKETS.get(0);
        warmUp(serverCtx, clientCtx, version);
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            try (SocketServer server = SocketServer.tls(serverCtx, s -> {
                int b = s.getInputStream().read();
                s.getOutputStream().write(b);
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
        assertNoNewThreads(before);
    }

    private static void warmUp(SSLContext serverCtx, SSLContext clientCtx, String version) throws Exception {
        try (SocketServer server = SocketServer.tls(serverCtx, SocketServer.echo());
                SSLSocket s = Tls.connect(clientCtx, server.port(), version)) {
            s.getOutputStream().write(1);
            assertEquals(1, s.getInputStream().read());
        }
    }

    /** Waits (10 s at most) until every thread started since {@code before} has ended. */
    private static void assertNoNewThreads(Set<Thread> before) throws InterruptedException {
        List<Thread> added = List.of();
        for (int i = 0; i < 100; i++) {
            added = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                    .collect(Collectors.toList());
            if (added.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        List<String> names = added.stream().map(Thread::getName).collect(Collectors.toList());
        throw new AssertionError(names.size() + " thread(s) outlived the test: " + names);
    }
}
