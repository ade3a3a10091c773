package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.interop.Interop;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code gnutls-serv --http}, kept off every real interface. gnutls-serv has no option to bind
 * one address (it listens on all of them), so it runs in a network namespace of its own
 * ({@code unshare -n}, loopback only), and this class relays: it listens on 127.0.0.1 (ephemeral
 * port) and, for each connection, starts {@code nsenter --net=...} with a bash that opens
 * {@code /dev/tcp/127.0.0.1/5556} inside the namespace and copies both ways. Needs root (or the
 * capabilities for unshare/nsenter), as {@code .ci/run} has. Everything ends with the server's
 * lifetime or {@link #close()}.
 */
final class GnuTlsServer implements AutoCloseable {
    private static final int INNER_PORT = 5556;
    /**
     * Client to server in the background (explicit fd 4: a background command's standard input
     * would be /dev/null), server to client in the foreground, so the relay's output ends when
     * the server closes.
     */
    private static final String RELAY = "exec 3<>/dev/tcp/127.0.0.1/" + INNER_PORT
            + " || exit 1; exec 4<&0; cat <&4 >&3 & exec cat <&3";

    private final Process server;
    private final Path log;
    private final ServerSocket relay;
    private final Set<Process> relays = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    private GnuTlsServer(Process server, Path log) throws IOException {
        this.server = server;
        this.log = log;
        this.relay = new ServerSocket();
        relay.bind(new InetSocketAddress(InetAddress.getByName(Interop.LOOPBACK), 0), 16);
        relay.setSoTimeout(200);
        this.acceptor = new Thread(this::acceptLoop, "gnutls-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts {@code gnutls-serv --http -p 5556 args...} in its own namespace and waits until it listens. */
    static GnuTlsServer start(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "sh", "-c",
                "ip link set lo up && exec timeout " + Interop.PROCESS_LIFETIME.toSeconds()
                        + " stdbuf -o0 gnutls-serv \"$@\"", "sh", "--http", "-p", String.valueOf(INNER_PORT)));
        cmd.addAll(args);
        Path log = Interop.logFile("gnutls-serv-");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        long deadline = System.nanoTime() + Interop.STEP.toNanos();
        while (!Interop.read(log).contains("listening on IPv4")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                Interop.kill(p);
                throw new IOException("gnutls-serv did not start: " + String.join(" ", cmd) + "\n" + Interop.read(log));
            }
            Thread.sleep(10);
        }
        return new GnuTlsServer(p, log);
    }

    /** The relay's port on 127.0.0.1. */
    int port() {
        return relay.getLocalPort();
    }

    /** What gnutls-serv printed so far. */
    String log() {
        return Interop.read(log);
    }

    @Override
    public void close() {
        closed = true;
        try {
            relay.close();
        } catch (IOException ignored) {
            // closing
        }
        relays.forEach(Interop::kill);
        Interop.kill(server);
        try {
            acceptor.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = relay.accept();
                s.setSoTimeout((int) Interop.STEP.toMillis());
                Process p = new ProcessBuilder("nsenter", "--net=/proc/" + server.pid() + "/ns/net", "bash", "-c", RELAY)
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
                relays.add(p);
                pump(s.getInputStream(), p.getOutputStream(), () -> stopLater(p));
                pump(p.getInputStream(), s.getOutputStream(), () -> closeQuietly(s));
            } catch (SocketTimeoutException e) {
                // poll closed
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Copies {@code in} to {@code out} on a daemon thread, then closes {@code out} and runs {@code after}. */
    private static void pump(InputStream in, OutputStream out, Runnable after) {
        Thread t = new Thread(() -> {
            try (in; out) {
                byte[] buf = new byte[16384];
                for (int n; (n = in.read(buf)) >= 0; ) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException ignored) {
                // either side went away
            } finally {
                after.run();
            }
        }, "gnutls-relay-pump");
        t.setDaemon(true);
        t.start();
    }

    /** The client is gone: give the relay a moment to pass the server's last bytes, then end it. */
    private void stopLater(Process p) {
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                Interop.kill(p);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relays.remove(p);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closed
        }
    }
}
