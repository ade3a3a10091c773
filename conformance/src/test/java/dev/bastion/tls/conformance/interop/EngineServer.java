package dev.bastion.tls.conformance.interop;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLEngine;

/**
 * A tiny HTTPS server on {@code 127.0.0.1}, ephemeral port, one daemon thread: each accepted
 * connection gets a fresh {@link SSLEngine} from the supplier (any provider: the one under
 * test, or Netty's BoringSSL engine), runs the handshake through {@link EngineSocket},
 * reads one HTTP request, answers {@code 200} with a line describing the session, sends
 * close_notify and closes. Every connection's outcome is queued for the test to check.
 */
public final class EngineServer implements AutoCloseable {
    /** What happened on one accepted connection; {@code failure} is null on success. */
    public record Accepted(SessionView session, WireView wire, String request, String note, Throwable failure) {
    }

    private final ServerSocket listener;
    private final Supplier<SSLEngine> engines;
    private final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
    private final Function<SSLEngine, String> note;
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts listening.
     *
     * @param engines  makes one server-mode engine per connection
     * @param release  run after each connection with that connection's engine done (may be null)
     */
    public EngineServer(String name, Supplier<SSLEngine> engines, Consumer<SSLEngine> release)
            throws IOException {
        this(name, engines, release, e -> null);
    }

    /**
     * Starts listening; {@code note} reads anything else from each engine right after its
     * handshake (e.g. the group from a BoringSSL engine) into {@link Accepted#note()}.
     */
    public EngineServer(String name, Supplier<SSLEngine> engines, Consumer<SSLEngine> release,
            Function<SSLEngine, String> note) throws IOException {
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getByName(Interop.LOOPBACK), 0), 16);
        listener.setSoTimeout(200);
        this.engines = engines;
        this.note = note;
        this.thread = new Thread(() -> serve(release), "interop-server-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The next connection's outcome; fails the test if none arrives within {@link Interop#STEP}. */
    public Accepted next() {
        try {
            Accepted a = accepted.poll(Interop.STEP.toMillis(), TimeUnit.MILLISECONDS);
            if (a == null) {
                throw new AssertionError("no connection reached the server on port " + port() + " within " + Interop.STEP);
            }
            return a;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing
        }
        try {
            thread.join(Interop.STEP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Consumer<SSLEngine> release) {
        while (!closed) {
            Socket s;
            try {
                s = listener.accept();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // closed
            }
            SSLEngine engine = null;
            try {
                engine = engines.get();
                engine.setUseClientMode(false);
                SSLEngine e = engine;
                try (EngineSocket tls = EngineSocket.accept(engine, s, Interop.STEP,
                        release == null ? null : () -> release.accept(e))) {
                    handle(tls);
                }
            } catch (IOException | RuntimeException | Error e) {
                accepted.add(new Accepted(null, null, null, null, e));
                closeQuietly(s);
            }
        }
    }

    private void handle(EngineSocket tls) {
        try {
            tls.handshake();
        } catch (IOException | RuntimeException e) {
            accepted.add(new Accepted(null, tls.wire(), null, null, e));
            return;
        }
        SessionView session = SessionView.of(tls.engine());
        String noted = note.apply(tls.engine());
        try {
            String request = tls.readUntil("\r\n\r\n", 16 * 1024);
            String body = "bastion-interop " + session.line() + "\n";
            tls.write(("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length()
                    + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
            accepted.add(new Accepted(session, tls.wire(), request, noted, null));
        } catch (IOException | RuntimeException e) {
            accepted.add(new Accepted(session, tls.wire(), null, noted, e));
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
