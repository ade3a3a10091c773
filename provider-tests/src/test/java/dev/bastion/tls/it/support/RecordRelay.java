package dev.bastion.tls.it.support;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay for one connection between a client and the server on {@code targetPort}, on
 * 127.0.0.1: client bytes pass unchanged; server bytes pass record by record (TLS record
 * headers read; after the client left they are drained, so the server never writes into a
 * closed connection), and the first record whose length reaches {@link #threshold(int)} can be
 * delivered in two halves with a pause between ({@link Mode#PAUSE_MID_RECORD}, until
 * {@link #release()}) or cut in the middle, closing both connections
 * ({@link Mode#CUT_MID_RECORD}). Threads end when the connection does or on {@link #close()}.
 */
public final class RecordRelay implements AutoCloseable {
    /** What happens to the first large server record. */
    public enum Mode { FORWARD, PAUSE_MID_RECORD, CUT_MID_RECORD }

    private final ServerSocket listener;
    private final int targetPort;
    private final Mode mode;
    private final CountDownLatch halfSent = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int threshold = 1000;
    private volatile Socket client;
    private volatile Socket server;
    private volatile boolean clientGone;

    public RecordRelay(int targetPort, Mode mode) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.mode = mode;
        Thread t = new Thread(this::run, "test-relay");
        t.setDaemon(true);
        t.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Records of at least {@code length} bytes (default 1000) get the mode's treatment. */
    public RecordRelay threshold(int length) {
        this.threshold = length;
        return this;
    }

    /** Waits until the first half of the large record has been sent. */
    public boolean awaitHalfSent(long seconds) throws InterruptedException {
        return halfSent.await(seconds, TimeUnit.SECONDS);
    }

    /** Lets the rest of a paused record go. */
    public void release() {
        released.countDown();
    }

    @Override
    public void close() throws IOException {
        released.countDown();
        listener.close();
        closeQuietly(client);
        closeQuietly(server);
    }

    private void run() {
        try {
            client = listener.accept();
            server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            Thread up = new Thread(() -> pipe(client, server), "test-relay-up");
            up.setDaemon(true);
            up.start();
            down(new DataInputStream(server.getInputStream()), client.getOutputStream());
        } catch (IOException | InterruptedException e) {
            // the test closed the relay or a side went away
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private void down(DataInputStream in, OutputStream out) throws IOException, InterruptedException {
        boolean treated = false;
        while (true) {
            byte[] header = new byte[5];
            try {
                in.readFully(header);
            } catch (EOFException end) {
                client.shutdownOutput();
                return;
            }
            int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
            byte[] body = new byte[length];
            in.readFully(body);
            if (treated || mode == Mode.FORWARD || length < threshold) {
                forward(out, header, body);
                continue;
            }
            out.write(header);
            treated = true;
            out.write(body, 0, length / 2);
            out.flush();
            halfSent.countDown();
            if (mode == Mode.CUT_MID_RECORD) {
                closeQuietly(client);
                closeQuietly(server);
                return;
            }
            released.await(30, TimeUnit.SECONDS);
            out.write(body, length / 2, length - length / 2);
        }
    }

    /**
     * Passes a record on; once the client is gone the server's records are still read and
     * dropped, so a server that is still writing its flight never meets a broken pipe and goes
     * on to read what the client sent before it left.
     */
    private void forward(OutputStream out, byte[] header, byte[] body) {
        if (clientGone) {
            return;
        }
        try {
            out.write(header);
            out.write(body);
        } catch (IOException e) {
            clientGone = true;
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[8192];
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                out.write(buf, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // closed
        }
    }

    private static void closeQuietly(Socket s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
