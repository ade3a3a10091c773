package dev.bastion.tls.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * HTTPS requests per second over loopback: {@code HttpsURLConnection} GETs (a 5-byte answer)
 * from one thread against the JDK's {@code HttpsServer} on 127.0.0.1, with the same provider on
 * both sides ({@code provider}: the client's {@code SSLSocket}s and the server's
 * {@code SSLEngine}s come from one context of that provider), so a run measures one TLS stack
 * end to end, as a deployment that switches providers would see it.
 *
 * <ul>
 * <li>{@link #newConnection}: every request asks for {@code Connection: close} and disconnects,
 *     so every request opens a new TCP connection and runs a TLS handshake. The client context
 *     is shared, so from the second connection on both providers resume (TLS 1.3 PSK with
 *     (EC)DHE), as an application's repeated requests would.</li>
 * <li>{@link #keepAlive}: the response is read to the end and the stream closed, so
 *     HttpsURLConnection keeps the connection and every request reuses it.</li>
 * </ul>
 *
 * <p>Both are checked at the end of each iteration: the sockets the client's factory made and
 * the connections the server saw (a change of client port) are counted against the requests, so
 * a "new connection" run that reused connections, or a keep-alive run that did not, fails.
 * TLS 1.3, x25519 ({@code jdk.tls.namedGroups} for the forked JVM, as in
 * {@link HandshakeBenchmark}), ECDSA P-256 self-signed certificate for CN=localhost, key and
 * trust managers of the default algorithms (SunJSSE's) for both providers, as in the other
 * benchmarks. The server's sockets have TCP_NODELAY ({@code sun.net.httpserver.nodelay}):
 * without it a kept-alive request waits for the client's delayed ACK (Nagle's algorithm holds
 * the response body behind its headers), about 40 ms, whichever the provider.
 *
 * <p>Reading the figures: in the keep-alive loop the TLS stacks take only a quarter to a third
 * of the CPU samples (JFR), the rest is HttpURLConnection and HttpServer, so the end-to-end
 * ratio between providers stays near 1 whatever the record path costs. A new connection costs
 * milliseconds of CPU mostly outside the handshake (a notification thread per handshake for
 * HttpsURLConnection's listener, JIT compilation); the process CPU per request printed at each
 * iteration is steadier than requests/s on a shared machine.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Djdk.tls.namedGroups=x25519,secp256r1",
    "-Dsun.net.httpserver.nodelay=true"})
public class HttpsUrlConnectionBenchmark {
    private static final byte[] ANSWER = "hello".getBytes(StandardCharsets.US_ASCII);

    @Param({"SunJSSE", "Bastion"})
    public String provider;

    /** TCP_NODELAY on the client's sockets too (HttpsURLConnection leaves it off). */
    @Param({"false", "true"})
    public boolean clientNoDelay;

    private HttpsServer server;
    private ExecutorService executor;
    private URL url;
    private CountingFactory factory;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong serverConnections = new AtomicLong();
    private final Set<Long> creationTimes = ConcurrentHashMap.newKeySet();
    private volatile int lastPort = -1;
    private long requestsAtStart;
    private long socketsAtStart;
    private long connectionsAtStart;
    private long cpuAtStart;

    @Setup(Level.Trial)
    public void setup() throws Exception {
        Bastion.install();
        KeyStore ks = TestCredentials.selfSigned("EC");
        SSLContext ctx = TestCredentials.context(provider, ks);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-https-server");
            t.setDaemon(true);
            return t;
        });
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        url = new URL("https://localhost:" + server.getAddress().getPort() + "/");
        factory = new CountingFactory(ctx.getSocketFactory(), clientNoDelay);
        String protocol = request(true); // not kept: a newConnection run must not find it in the keep-alive cache
        if (!protocol.equals("TLSv1.3")) {
            throw new IllegalStateException("negotiated " + protocol);
        }
    }

    @Setup(Level.Iteration)
    public void mark() {
        requestsAtStart = requests.get();
        socketsAtStart = factory.sockets.get();
        connectionsAtStart = serverConnections.get();
        cpuAtStart = processCpuNanos();
    }

    /** Checks that the iteration did what its name says. */
    @TearDown(Level.Iteration)
    public void check(org.openjdk.jmh.infra.BenchmarkParams params) {
        long n = requests.get() - requestsAtStart;
        long sockets = factory.sockets.get() - socketsAtStart;
        long connections = serverConnections.get() - connectionsAtStart;
        long cpu = processCpuNanos() - cpuAtStart;
        boolean fresh = params.getBenchmark().endsWith("newConnection");
        if (fresh ? sockets != n || connections != n : sockets > 1 || connections > 1) {
            throw new IllegalStateException(params.getBenchmark() + ": " + n + " requests, " + sockets
                    + " client sockets, " + connections + " server-side connections");
        }
        System.out.printf("  [%s: %d requests, %d new client sockets, %d new server-side connections, "
                + "%d distinct server session creation times so far, %.1f us process CPU per request]%n", provider, n,
                sockets, connections, creationTimes.size(), n == 0 ? 0.0 : cpu / 1000.0 / n);
    }

    /** CPU time of the whole JVM (client, server, GC, JIT): per request, less disturbed by a shared machine than wall time. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    @TearDown(Level.Trial)
    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Benchmark
    public String newConnection() throws IOException {
        return request(true);
    }

    @Benchmark
    public String keepAlive() throws IOException {
        return request(false);
    }

    private String request(boolean close) throws IOException {
        String protocol = get(url, factory, close);
        requests.incrementAndGet();
        return protocol;
    }

    /**
     * One GET of {@code url} through HttpsURLConnection over {@code factory}'s sockets, the
     * answer read to the end; {@code close}: with {@code Connection: close}, and disconnected.
     * Returns the negotiated protocol.
     */
    static String get(URL url, SSLSocketFactory factory, boolean close) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) url.openConnection();
        c.setSSLSocketFactory(factory);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(10_000);
        if (close) {
            c.setRequestProperty("Connection", "close");
        }
        if (c.getResponseCode() != 200) {
            throw new IOException("status " + c.getResponseCode());
        }
        String protocol = c.getSSLSession().map(s -> s.getProtocol()).orElse("none");
        try (InputStream in = c.getInputStream()) {
            in.readAllBytes();
        }
        if (close) {
            c.disconnect();
        }
        return protocol;
    }

    private void handle(HttpExchange exchange) throws IOException {
        int port = exchange.getRemoteAddress().getPort();
        if (port != lastPort) {
            lastPort = port;
            serverConnections.incrementAndGet();
            creationTimes.add(((HttpsExchange) exchange).getSSLSession().getCreationTime());
        }
        answer(exchange);
    }

    /** Reads the request and answers 200 with a 5-byte body. */
    static void answer(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, ANSWER.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(ANSWER);
        }
    }

    /** The provider's socket factory, counting the sockets HttpsURLConnection makes through it. */
    static final class CountingFactory extends SSLSocketFactory {
        final SSLSocketFactory delegate;
        final AtomicInteger sockets = new AtomicInteger();
        final boolean noDelay;

        CountingFactory(SSLSocketFactory delegate, boolean noDelay) {
            this.delegate = delegate;
            this.noDelay = noDelay;
        }

        /** HttpsURLConnection makes an unconnected socket and connects it. */
        @Override
        public Socket createSocket() throws IOException {
            sockets.incrementAndGet();
            Socket s = delegate.createSocket();
            s.setTcpNoDelay(noDelay);
            return s;
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            sockets.incrementAndGet();
            return delegate.createSocket(s, host, port, autoClose);
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            sockets.incrementAndGet();
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            sockets.incrementAndGet();
            return delegate.createSocket(host, port, localHost, localPort);
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            sockets.incrementAndGet();
            return delegate.createSocket(host, port);
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            sockets.incrementAndGet();
            return delegate.createSocket(address, port, localAddress, localPort);
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
