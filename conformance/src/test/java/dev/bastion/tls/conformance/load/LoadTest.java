package dev.bastion.tls.conformance.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.Providers;
import dev.bastion.tls.conformance.interop.TestPki;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Load and faults on loopback (issue 7 §5; conformance/LOAD.md): a Bastion server (a) on
 * {@code SSLServerSocket}, thread per connection, and (b) on {@code SSLEngine}s over NIO
 * channels, each taking {@code bastion.load.connections} (default 10,000) well-behaved
 * exchanges from 64 client threads (Bastion and SunJSSE, TLS 1.3 and 1.2, full and resumed,
 * ECDSA P-256 certificate, x25519) with faulty and slow clients mixed in ({@link Fault}).
 * Asserts: no well-behaved or slow client fails; every connection ends on the server with the
 * outcome its client's behaviour calls for, and only through an {@code IOException}; some
 * handshakes resumed as they should; after the load, with the server still listening, no thread
 * started for a connection is left and the used heap is within {@link #HEAP_SLACK} of the idle
 * server's; after the server has stopped, no thread of it is left and the heap is within the same
 * slack of where it was without a server. Prints handshakes/s, outcomes, threads and heap. No
 * timing assertions.
 *
 * <p>Runs in the {@code load} surefire execution (a JVM of its own, {@code jdk.tls.namedGroups=x25519,secp256r1}).
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class LoadTest {
    static final long HEAP_SLACK = 4L << 20;
    private static final int CONNECTIONS = Integer.getInteger("bastion.load.connections", 10_000);
    private static TestPki pki;

    interface ServerFactory {
        LoadServer start(SSLContext context) throws IOException;
    }

    @BeforeAll
    static void warmUp() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bastion.load.execution"),
                "the load test runs in the load surefire execution (conformance/LOAD.md)");
        pki = TestPki.get();
        for (ServerFactory f : List.<ServerFactory>of(SocketLoadServer::new, EngineLoadServer::new)) {
            try (LoadServer server = f.start(serverContext())) {
                LoadRun.run(server.port(), pki.trustManagers(), 400);
            }
        }
    }

    @Test
    void sslServerSocketThreadPerConnection() throws Exception {
        load("SSLServerSocket, thread per connection", SocketLoadServer::new);
    }

    @Test
    void sslEngineOverNioChannels() throws Exception {
        load("SSLEngine over NIO, 2 selector threads", EngineLoadServer::new);
    }

    /**
     * Footprints: {@code initial} without a server; {@code idle} with the server listening, before
     * the load; {@code loaded} with the server still listening, every connection ended;
     * {@code closed} after the server has stopped.
     */
    record Footprints(Footprint initial, Footprint idle, Footprint loaded, Footprint closed) {
    }

    private void load(String name, ServerFactory factory) throws Exception {
        Footprint initial = Footprint.take();
        Footprint idle;
        Footprint loaded;
        LoadRun.Figures figures;
        Tally tally;
        int stillOpen;
        try (LoadServer server = factory.start(serverContext())) {
            idle = Footprint.take();
            figures = LoadRun.run(server.port(), pki.trustManagers(), CONNECTIONS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.open() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            stillOpen = server.open();
            tally = server.tally();
            loaded = Footprint.settle(idle, 10_000);
        }
        Footprints fp = new Footprints(initial, idle, loaded, Footprint.settle(initial, 10_000));
        report(name, figures, tally, fp);

        assertEquals(0, figures.failures(), "client failures: " + figures.failureSamples());
        assertEquals(0, stillOpen, "connections still open on the server after the run");
        assertEquals(0, tally.count(Outcome.UNEXPECTED) + tally.count(Outcome.TIMED_OUT),
                "unexpected server outcomes " + tally.counts() + tally.unexpectedSamples());
        checkOutcomes(figures, tally);
        // each client thread's first connection per provider and protocol cannot resume; fresh contexts never do
        assertTrue(tally.resumedCount() >= figures.resuming() - 4L * LoadRun.CLIENT_THREADS
                && tally.resumedCount() <= figures.resuming(), "resumed " + tally.resumedCount() + " of "
                + figures.resuming() + " connections from long-lived client contexts");
        assertEquals(List.of(), fp.loaded().newThreadsSince(fp.idle()), "threads left on the live server after the run");
        assertEquals(List.of(), fp.closed().newThreadsSince(fp.initial()), "threads left after the server stopped");
        assertTrue(fp.loaded().heapUsed() - fp.idle().heapUsed() < HEAP_SLACK, "heap of the live server grew by "
                + (fp.loaded().heapUsed() - fp.idle().heapUsed()) / 1024 + " KiB");
        assertTrue(fp.closed().heapUsed() - fp.initial().heapUsed() < HEAP_SLACK, "heap grew by "
                + (fp.closed().heapUsed() - fp.initial().heapUsed()) / 1024 + " KiB");
    }

    /**
     * Every connection ended on the server the way its client made it end: the faults with one
     * outcome exactly; the resets spread over their possible outcomes, in all as many as resets.
     */
    private static void checkOutcomes(LoadRun.Figures f, Tally t) {
        Map<Fault, Integer> n = f.faults();
        assertEquals(f.connections(), t.total(), "server outcomes " + t.counts());
        Map<Outcome, Long> exact = new EnumMap<>(Outcome.class);
        exact.put(Outcome.SERVED, (long) f.normal());
        for (Fault fault : Fault.values()) {
            if (fault.outcomes.size() == 1) {
                exact.merge(fault.outcomes.iterator().next(), (long) n.get(fault), Long::sum);
            }
        }
        long resets = 0;
        for (Outcome o : Outcome.values()) {
            long extra = t.count(o) - exact.getOrDefault(o, 0L);
            if (Fault.RESET_AFTER_REQUEST.outcomes.contains(o)) {
                assertTrue(extra >= 0, o + ": at least " + exact.get(o) + " expected, " + t.counts());
                resets += extra;
            } else {
                assertEquals(0, extra, o + ": " + exact.getOrDefault(o, 0L) + " expected, " + t.counts());
            }
        }
        assertEquals((long) n.get(Fault.RESET_AFTER_REQUEST), resets, "resets " + t.counts());
    }

    private static void report(String name, LoadRun.Figures f, Tally t, Footprints fp) {
        System.out.printf("%n[load] %s: %d connections (%d well-behaved + faults %s) in %.1f s: %.0f handshakes/s"
                + " (CPUs: %d, load average %.1f); %.1f CPU-s used: %.0f handshakes per CPU-second (clients and server)%n",
                name, f.connections(), f.normal(), f.faults(), f.nanos() / 1e9, f.perSecond(),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), f.cpuNanos() / 1e9, f.perCpuSecond());
        System.out.printf("[load]   client failures: %d %s; fault clients' own errors: %d%n", f.failures(),
                f.failureSamples(), f.faultClientErrors());
        System.out.printf("[load]   server outcomes: %s; resumed handshakes: %d (of %d from long-lived client contexts)%n",
                t.counts(), t.resumedCount(), f.resuming());
        System.out.printf("[load]   server exceptions: %s%n", t.causes());
        System.out.printf("[load]   threads: %d without server, %d server idle, %d server idle after the load,"
                + " %d server stopped (new and still alive: %s)%n", fp.initial().threadCount(), fp.idle().threadCount(),
                fp.loaded().threadCount(), fp.closed().threadCount(), fp.closed().newThreadsSince(fp.initial()));
        System.out.printf("[load]   heap used after GC: server idle %.1f MiB before, %.1f MiB after the load (%+.1f MiB);"
                + " without server %.1f MiB before, %.1f MiB after (%+.1f MiB)%n", mib(fp.idle()), mib(fp.loaded()),
                mib(fp.loaded()) - mib(fp.idle()), mib(fp.initial()), mib(fp.closed()), mib(fp.closed()) - mib(fp.initial()));
    }

    private static double mib(Footprint f) {
        return f.heapUsed() / 1048576.0;
    }

    /**
     * Bastion's server context with the ECDSA P-256 credential. The key manager is SunJSSE's
     * {@code SunX509}, which holds the key in memory: the PKIX one reads it back from the PKCS#12
     * store, with its PBKDF2, on every handshake, which would make the load measure PBKDF2.
     */
    private static SSLContext serverContext() throws Exception {
        TestPki.Credential ec = pki.server(ServerKey.EC);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", ec.key(), TestPki.PASSWORD.toCharArray(), ec.chain().toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", "SunJSSE");
        kmf.init(ks, TestPki.PASSWORD.toCharArray());
        SSLContext ctx = Providers.context("Bastion", "TLS", kmf.getKeyManagers(), null);
        ctx.getServerSessionContext().setSessionCacheSize(256);
        return ctx;
    }
}
