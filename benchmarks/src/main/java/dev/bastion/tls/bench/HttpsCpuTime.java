package dev.bastion.tls.bench;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * {@link HttpsUrlConnectionBenchmark}'s request loops with both providers in one JVM, taking
 * turns in chunks, measured by the CPU time of the whole process (client, server, GC, JIT) and
 * by wall time. On a shared machine JMH's separate forks see different neighbours and JIT
 * histories, and their requests/s swing by a third between runs; chunks taken in turn see the
 * same conditions, so their ratio is steadier. Not JMH; for ratios.
 *
 * <p>Each provider has its own {@code HttpsServer} on 127.0.0.1 (with TCP_NODELAY, as in the
 * benchmark) whose engines and the client's sockets come from one context of that provider.
 * Keep-alive: every request reuses the provider's one kept connection (checked: the factory
 * makes no new socket). New connection: every request asks for {@code Connection: close}
 * (checked: one new socket per request), and resumes the TLS 1.3 session of the last one.
 *
 * <p>{@code java -Xms512m -Xmx512m -Djdk.tls.namedGroups=x25519,secp256r1 -Dsun.net.httpserver.nodelay=true
 * -cp benchmarks/target/benchmarks.jar dev.bastion.tls.bench.HttpsCpuTime [modes] [warm-up rounds] [rounds] [providers]}
 */
public final class HttpsCpuTime {
    private static String[] PROVIDERS = {"SunJSSE", "Bastion"};

    private HttpsCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        String[] modes = args.length > 0 ? args[0].split(",") : new String[] {"keepAlive", "newConnection"};
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        if (args.length > 3) {
            PROVIDERS = args[3].split(",");
        }
        if (!Boolean.getBoolean("sun.net.httpserver.nodelay")) {
            throw new IllegalStateException("run with -Dsun.net.httpserver.nodelay=true (see HttpsUrlConnectionBenchmark)");
        }
        Bastion.install();
        KeyStore ks = TestCredentials.selfSigned("EC");
        Side[] sides = new Side[PROVIDERS.length];
        for (int p = 0; p < sides.length; p++) {
            sides[p] = new Side(PROVIDERS[p], ks);
        }
        try {
            for (String mode : modes) {
                boolean fresh = mode.equals("newConnection");
                int chunk = fresh ? 25 : 500;
                for (Side s : sides) {
                    s.request(true); // ends a connection kept by an earlier mode
                }
                for (int r = 0; r < warmup; r++) {
                    for (Side s : sides) {
                        s.run(fresh, chunk);
                    }
                }
                long[] cpu = new long[sides.length];
                long[] wall = new long[sides.length];
                for (int r = 0; r < rounds; r++) {
                    for (int p = 0; p < sides.length; p++) {
                        long c0 = processCpuNanos();
                        long t0 = System.nanoTime();
                        sides[p].run(fresh, chunk);
                        wall[p] += System.nanoTime() - t0;
                        cpu[p] += processCpuNanos() - c0;
                    }
                }
                StringBuilder line = new StringBuilder(String.format("%-14s", mode));
                double n = (double) rounds * chunk;
                for (int p = 0; p < sides.length; p++) {
                    line.append(String.format(" %s %,7.0f req/s %,8.1f us CPU/req |", PROVIDERS[p], n / (wall[p] / 1e9),
                            cpu[p] / 1e3 / n));
                }
                if (sides.length == 2) {
                    line.append(String.format(" ratio req/s %.2f, CPU %.2f", (double) wall[0] / wall[1], (double) cpu[0] / cpu[1]));
                }
                System.out.println(line);
            }
        } finally {
            for (Side s : sides) {
                s.stop();
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** One provider's server and client. */
    private static final class Side {
        final HttpsServer server;
        final ExecutorService executor;
        final URL url;
        final HttpsUrlConnectionBenchmark.CountingFactory factory;
        final String provider;

        Side(String provider, KeyStore ks) throws Exception {
            this.provider = provider;
            SSLContext ctx = TestCredentials.context(provider, ks);
            executor = Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "https-" + provider);
                t.setDaemon(true);
                return t;
            });
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            server.setHttpsConfigurator(new HttpsConfigurator(ctx));
            server.setExecutor(executor);
            server.createContext("/", HttpsUrlConnectionBenchmark::answer);
            server.start();
            url = new URL("https://localhost:" + server.getAddress().getPort() + "/");
            factory = new HttpsUrlConnectionBenchmark.CountingFactory(ctx.getSocketFactory(), true);
        }

        void run(boolean fresh, int n) throws IOException {
            int sockets = factory.sockets.get();
            for (int i = 0; i < n; i++) {
                request(fresh);
            }
            int made = factory.sockets.get() - sockets;
            if (fresh ? made != n : made > 1) {
                throw new IllegalStateException(provider + ": " + n + " requests made " + made + " sockets");
            }
        }

        void request(boolean close) throws IOException {
            String protocol = HttpsUrlConnectionBenchmark.get(url, factory, close);
            if (!protocol.equals("TLSv1.3")) {
                throw new IllegalStateException(provider + ": negotiated " + protocol);
            }
        }

        void stop() {
            server.stop(0);
            executor.shutdownNow();
        }
    }
}
