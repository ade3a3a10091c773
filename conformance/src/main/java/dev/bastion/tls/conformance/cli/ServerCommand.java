package dev.bastion.tls.conformance.cli;

import dev.bastion.tls.conformance.DemoPki;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * {@code bastion server}: a small HTTPS server on one provider's {@code SSLEngine}, like
 * {@code openssl s_server -www}. Each connection gets its own thread (a pool of
 * {@value #THREADS}); after the handshake the server reads one HTTP/1.x request and answers it
 * with a page saying what was negotiated ({@link HttpPage}), then closes with close_notify. It
 * prints one line per connection and stops after {@code --max-requests} connections or
 * {@code --timeout} seconds, or when closed.
 */
public final class ServerCommand implements AutoCloseable {
    static final int THREADS = 8;
    static final Duration IO_TIMEOUT = Duration.ofSeconds(30);
    static final Set<String> VALUED = Options.union(TlsSetup.VALUED, Set.of("port", "bind", "max-requests", "timeout"));
    static final Set<String> SWITCHES = Options.union(TlsSetup.SWITCHES, Set.of("verify-client"));

    private final ServerSocket listener;
    private final TlsSetup tls;
    private final SSLContext context;
    private final boolean needClientAuth;
    private final int maxRequests;
    private final long deadline;
    private final PrintStream out;
    private final ExecutorService pool;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread acceptor;
    private volatile boolean closing;

    private ServerCommand(Options o, TlsSetup tls, PrintStream out) throws Exception {
        this.tls = tls;
        this.context = tls.context();
        this.needClientAuth = o.has("verify-client");
        this.maxRequests = o.integer("max-requests", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        int seconds = o.integer("timeout", 0, 0, Integer.MAX_VALUE);
        this.deadline = seconds == 0 ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        this.out = out;
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName(o.value("bind").orElse("127.0.0.1")),
                o.integer("port", 4433, 0, 65535)), 64);
        listener.setSoTimeout(200);
        this.pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "bastion-server-connection");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "bastion-server-accept");
        acceptor.setDaemon(true);
    }

    /** {@code bastion server ...}: serves until a limit is reached; returns the exit status. */
    public static int run(String[] args, PrintStream out) throws Exception {
        Options o = Options.parse(args, VALUED, SWITCHES);
        TlsSetup.applyProcessWide(o);
        try (ServerCommand s = start(o, out)) {
            s.await();
        }
        return 0;
    }

    /** Starts serving in the background (the options' process-wide part already applied). */
    public static ServerCommand start(Options o, PrintStream out) throws Exception {
        if (!o.positional().isEmpty()) {
            throw new UsageException("unexpected argument " + o.positional().get(0));
        }
        String certificate;
        KeyManager[] keys = TlsSetup.keysFrom(o);
        if (keys == null) {
            DemoPki pki = new DemoPki();
            Path ca = pki.writeCaPem(Files.createTempFile("bastion-ca-", ".pem"));
            ca.toFile().deleteOnExit();
            keys = pki.serverKeyManagers();
            certificate = "throwaway CN=localhost (ECDSA P-256); its CA certificate is in " + ca;
        } else {
            certificate = "from " + o.value("cert").orElseGet(() -> o.value("keystore").orElseThrow());
        }
        TlsSetup tls = TlsSetup.from(o, keys, KeyMaterial.defaultTrustManagers());
        ServerCommand s = new ServerCommand(o, tls, out);
        out.println("provider:    " + tls.provider().getName() + " " + tls.provider().getVersionStr());
        out.println("certificate: " + certificate);
        if (s.needClientAuth) {
            out.println("clients:     must present a certificate" + o.value("cafile").map(f -> " issued by a CA in " + f)
                    .orElse(" the JDK's default trust accepts"));
        }
        out.println("listening on " + s.listener.getInetAddress().getHostAddress() + ":" + s.port());
        out.flush();
        s.acceptor.start();
        return s;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Waits until the server stops (a limit reached, or closed). */
    public void await() throws InterruptedException {
        stopped.await();
    }

    /** Waits at most {@code timeout}; true if the server stopped. */
    public boolean await(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        closing = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(IO_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopped.countDown();
    }

    private void acceptLoop() {
        try {
            while (!closing && accepted.get() < maxRequests && System.nanoTime() - deadline < 0) {
                Socket s;
                try {
                    s = listener.accept();
                } catch (SocketTimeoutException e) {
                    continue;
                }
                int n = accepted.incrementAndGet();
                pool.execute(() -> serve(n, s));
            }
        } catch (IOException e) {
            if (!closing) {
                out.println("stopped: " + e);
            }
        }
        if (!closing) {
            pool.shutdown();
            try {
                pool.awaitTermination(IO_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.println("stopped after " + finished.get() + " connection(s)");
            out.flush();
        }
        stopped.countDown();
    }

    private void serve(int n, Socket socket) {
        HelloSniffer wire = new HelloSniffer(false);
        SSLEngine engine = tls.serverEngine(context, needClientAuth);
        try (TlsConnection connection = TlsConnection.accept(engine, socket, IO_TIMEOUT, wire)) {
            connection.handshake();
            SessionReport report = SessionReport.of(engine, wire);
            String request = HttpPage.answer(connection, report, tls.provider().getName());
            out.println("connection " + n + ": " + report.oneLine() + " request=\"" + request + "\"");
        } catch (IOException | RuntimeException e) {
            out.println("connection " + n + " failed: " + Failures.describe(e));
            closeQuietly(socket);
        } finally {
            finished.incrementAndGet();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
