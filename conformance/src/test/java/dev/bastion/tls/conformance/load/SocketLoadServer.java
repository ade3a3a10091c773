package dev.bastion.tls.conformance.load;

import dev.bastion.tls.BastionSessions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * Load server (a): a Bastion {@link SSLServerSocket} on 127.0.0.1 with one thread per accepted
 * connection. Each thread runs the handshake, reads one request, writes the response and
 * closes (close_notify); every read has the {@link #IDLE_MILLIS} timeout.
 */
final class SocketLoadServer implements LoadServer {
    private final SSLServerSocket listener;
    private final Tally tally = new Tally();
    private final AtomicInteger open = new AtomicInteger();
    private final Set<SSLSocket> live = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final AtomicInteger serial = new AtomicInteger();
    private volatile boolean closed;

    SocketLoadServer(SSLContext context) throws IOException {
        listener = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 256, InetAddress.getByName("127.0.0.1"));
        listener.setSoTimeout(200);
        acceptor = new Thread(this::acceptLoop, "load-socket-accept");
        acceptor.start();
    }

    @Override
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public Tally tally() {
        return tally;
    }

    @Override
    public int open() {
        return open.get();
    }

    private void acceptLoop() {
        while (!closed) {
            SSLSocket s;
            try {
                s = (SSLSocket) listener.accept();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (!closed) {
                    tally.record(Outcome.UNEXPECTED, e);
                }
                return;
            }
            open.incrementAndGet();
            live.add(s);
            Thread t = new Thread(() -> serve(s), "load-socket-conn-" + serial.incrementAndGet());
            threads.add(t);
            t.start();
        }
    }

    private void serve(SSLSocket s) {
        Outcome phase = Outcome.HANDSHAKE_FAILED;
        try (s) {
            s.setSoTimeout(IDLE_MILLIS);
            s.setTcpNoDelay(true);
            s.startHandshake();
            if (BastionSessions.resumed(s.getSession()).orElse(false)) {
                tally.resumed();
            }
            phase = Outcome.REQUEST_FAILED;
            byte[] request = new byte[Http.MAX_REQUEST];
            int len = 0;
            InputStream in = s.getInputStream();
            while (!Http.complete(request, len)) {
                int n = in.read(request, len, request.length - len);
                if (n < 0) {
                    tally.record(len == 0 ? Outcome.CLOSED_BEFORE_REQUEST : Outcome.REQUEST_FAILED, null);
                    return;
                }
                len += n;
            }
            phase = Outcome.RESPONSE_FAILED;
            OutputStream out = s.getOutputStream();
            out.write(Http.response(request, len));
            out.flush();
            tally.record(Outcome.SERVED, null);
        } catch (SocketTimeoutException e) {
            tally.record(Outcome.TIMED_OUT, e);
        } catch (IOException e) {
            tally.record(closed ? Outcome.TIMED_OUT : phase, e);
        } catch (RuntimeException | Error e) {
            tally.record(Outcome.UNEXPECTED, e);
        } finally {
            live.remove(s);
            open.decrementAndGet();
            threads.remove(Thread.currentThread());
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
        join(acceptor);
        for (SSLSocket s : live) {
            try {
                s.close();
            } catch (IOException ignored) {
                // ending a stuck connection
            }
        }
        for (Thread t : threads) {
            join(t);
        }
    }

    private static void join(Thread t) {
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
