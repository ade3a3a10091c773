package dev.bastion.tls.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * A server for socket tests: accepts on 127.0.0.1 (ephemeral port) and hands each connection
 * to a {@link Handler} on its own thread; everything it started ends with {@link #close()}
 * (every test uses try-with-resources). Exceptions of handlers are kept for assertions.
 */
public final class SocketServer implements AutoCloseable {
    /** What the server does with one accepted connection. */
    @FunctionalInterface
    public interface Handler {
        void handle(Socket s) throws Exception;
    }

    private static final AtomicInteger IDS = new AtomicInteger();

    private final ServerSocket listener;
    private final ExecutorService workers;
    private final Thread acceptor;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public SocketServer(ServerSocket listener, Handler handler) {
        this.listener = listener;
        int id = IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "test-server-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(() -> acceptLoop(handler), "test-acceptor-" + id);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A TLS server of {@code ctx} ({@code SSLServerSocket} on 127.0.0.1, backlog 256). */
    public static SocketServer tls(SSLContext ctx, Handler handler) throws IOException {
        SSLServerSocket ss = (SSLServerSocket) ctx.getServerSocketFactory()
                .createServerSocket(0, 256, InetAddress.getLoopbackAddress());
        return new SocketServer(ss, handler);
    }

    /** A plain TCP server (for layered sockets and misbehaving peers). */
    public static SocketServer plain(Handler handler) throws IOException {
        return new SocketServer(new ServerSocket(0, 256, InetAddress.getLoopbackAddress()), handler);
    }

    /** Echoes every byte until the peer ends its data, then closes. */
    public static Handler echo() {
        return s -> {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                byte[] buf = new byte[8192];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    out.write(buf, 0, n);
                }
            }
        };
    }

    public ServerSocket listener() {
        return listener;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public List<Throwable> errors() {
        return errors;
    }

    public int accepted() {
        return accepted.get();
    }

    /** Stops accepting, closes every accepted socket and waits (10 s at most) until the handlers' threads end. */
    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : open) {
            closeQuietly(s);
        }
        workers.shutdownNow();
        try {
            acceptor.join(10_000);
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("server handlers did not end");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the server", e);
        }
    }

    private void acceptLoop(Handler handler) {
        while (!listener.isClosed()) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    errors.add(e);
                }
                return;
            }
            accepted.incrementAndGet();
            open.add(s);
            workers.execute(() -> {
                try {
                    handler.handle(s);
                } catch (Throwable t) {
                    errors.add(t);
                    closeQuietly(s);
                }
            });
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already broken
        }
    }
}
