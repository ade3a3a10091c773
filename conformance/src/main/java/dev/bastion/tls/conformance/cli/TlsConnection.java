package dev.bastion.tls.conformance.cli;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * A TLS connection over a plain blocking {@link Socket}, driven through any provider's
 * {@link SSLEngine}: the handshake loop (wrap, unwrap, delegated tasks), application data as
 * streams, answers to post-handshake messages (NewSessionTicket, KeyUpdate) and an orderly
 * close. Every socket read has the timeout and the handshake an overall deadline, so nothing
 * waits forever. When the engine fails, the alert it still holds is sent before the exception
 * is rethrown. Each byte that crosses the socket is shown to a {@link WireTap}.
 *
 * <p>Not thread-safe: one thread per connection.
 */
public final class TlsConnection implements Closeable {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int MAX_ANSWERS = 8;

    private final SSLEngine engine;
    private final Socket socket;
    private final InputStream rawIn;
    private final OutputStream rawOut;
    private final Duration timeout;
    private final WireTap tap;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean closeNotifyReceived;

    private TlsConnection(SSLEngine engine, Socket socket, Duration timeout, WireTap tap) throws IOException {
        this.engine = engine;
        this.socket = socket;
        this.timeout = timeout;
        this.tap = tap == null ? WireTap.NONE : tap;
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        this.rawIn = socket.getInputStream();
        this.rawOut = socket.getOutputStream();
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** Connects to {@code host:port} with a client-mode engine. */
    public static TlsConnection connect(SSLEngine engine, String host, int port, Duration timeout, WireTap tap)
            throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            return new TlsConnection(engine, s, timeout, tap);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Wraps an accepted socket with a server-mode engine. */
    public static TlsConnection accept(SSLEngine engine, Socket accepted, Duration timeout, WireTap tap)
            throws IOException {
        return new TlsConnection(engine, accepted, timeout, tap);
    }

    public SSLEngine engine() {
        return engine;
    }

    /** The peer's address, for messages. */
    public String peer() {
        return String.valueOf(socket.getRemoteSocketAddress());
    }

    /** Whether the peer ended its side with close_notify (false after a bare TCP close). */
    public boolean closeNotifyReceived() {
        return closeNotifyReceived;
    }

    /** Runs the handshake to its end, or throws the engine's {@code SSLException} (or an I/O error). */
    public void handshake() throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        engine.beginHandshake();
        HandshakeStatus hs = engine.getHandshakeStatus();
        while (hs != HandshakeStatus.FINISHED && hs != HandshakeStatus.NOT_HANDSHAKING) {
            if (System.nanoTime() - deadline > 0) {
                throw new SocketTimeoutException("handshake not finished after " + timeout + " (status " + hs + ")");
            }
            switch (hs) {
                case NEED_TASK -> hs = runTasks();
                case NEED_WRAP -> hs = wrap(EMPTY).getHandshakeStatus();
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> hs = unwrapDuringHandshake();
                default -> throw new SSLException("unexpected handshake status " + hs);
            }
        }
    }

    /** Application data from the peer: -1 at the end of the stream (close_notify or a TCP close). */
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (appIn.position() > 0) {
                appIn.flip();
                int n = Math.min(len, appIn.remaining());
                appIn.get(b, off, n);
                appIn.compact();
                return n;
            }
            if (engine.isInboundDone()) {
                return -1;
            }
            SSLEngineResult r = unwrap();
            if (r.getStatus() == Status.CLOSED) {
                closeNotifyReceived = true;
                answer(r.getHandshakeStatus());
            } else if (r.getStatus() == Status.BUFFER_UNDERFLOW) {
                if (!fill()) {
                    return -1; // TCP close without close_notify: truncation is the caller's to judge
                }
            } else {
                answer(r.getHandshakeStatus());
            }
        }
    }

    /** Sends application data (in as many records as it takes). */
    public void write(byte[] b, int off, int len) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(b, off, len);
        while (src.hasRemaining()) {
            SSLEngineResult r = wrap(src);
            if (r.getStatus() == Status.CLOSED) {
                throw new SSLException("the connection is closed; " + src.remaining() + " bytes not sent");
            }
            answer(r.getHandshakeStatus());
        }
    }

    /** Application data as a stream (reads through {@link #read}). */
    public InputStream input() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = TlsConnection.this.read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : TlsConnection.this.read(b, off, len);
            }
        };
    }

    /** Sends close_notify (best effort) and closes the socket. */
    @Override
    public void close() {
        try {
            engine.closeOutbound();
            for (int i = 0; i < MAX_ANSWERS && !engine.isOutboundDone(); i++) {
                if (wrap(EMPTY).bytesProduced() == 0) {
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the peer may be gone already; closing is best effort
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
        }
    }

    private SSLEngineResult wrap(ByteBuffer src) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult r;
            try {
                r = engine.wrap(src, netOut);
            } catch (SSLException e) {
                throw sendAlertThenRethrow(e);
            }
            send();
            if (r.getStatus() != Status.BUFFER_OVERFLOW) {
                return r;
            }
            netOut = ByteBuffer.allocate(netOut.capacity() * 2);
        }
    }

    private HandshakeStatus unwrapDuringHandshake() throws IOException {
        SSLEngineResult r = unwrap();
        HandshakeStatus now = r.getHandshakeStatus();
        if (r.getStatus() == Status.BUFFER_UNDERFLOW
                && now != HandshakeStatus.NEED_UNWRAP && now != HandshakeStatus.NEED_UNWRAP_AGAIN) {
            return now; // netty-tcnative's TLS 1.2 client says FINISHED only on an unwrap that finds no input
        }
        if (r.getStatus() == Status.BUFFER_UNDERFLOW && !fill()) {
            try {
                engine.closeInbound();
            } catch (SSLException e) {
                throw new EOFException("the peer closed the connection during the handshake (" + e.getMessage() + ")");
            }
            throw new EOFException("the peer closed the connection during the handshake");
        }
        if (r.getStatus() == Status.CLOSED) {
            throw new SSLException("the peer closed TLS during the handshake");
        }
        return engine.getHandshakeStatus();
    }

    private SSLEngineResult unwrap() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } catch (SSLException e) {
                throw sendAlertThenRethrow(e);
            } finally {
                netIn.compact();
            }
            if (r.getStatus() != Status.BUFFER_OVERFLOW) {
                return r;
            }
            ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() + engine.getSession().getApplicationBufferSize());
            appIn.flip();
            appIn = bigger.put(appIn);
        }
    }

    /** Reads what the socket has into netIn; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() + engine.getSession().getPacketBufferSize());
            netIn.flip();
            netIn = bigger.put(netIn);
        }
        int n = rawIn.read(netIn.array(), netIn.position(), netIn.remaining());
        if (n < 0) {
            return false;
        }
        tap.bytes(false, netIn.array(), netIn.position(), n);
        netIn.position(netIn.position() + n);
        return true;
    }

    private void send() throws IOException {
        netOut.flip();
        if (netOut.hasRemaining()) {
            tap.bytes(true, netOut.array(), netOut.position(), netOut.remaining());
            rawOut.write(netOut.array(), netOut.position(), netOut.remaining());
            rawOut.flush();
        }
        netOut.clear();
    }

    private HandshakeStatus runTasks() {
        for (Runnable task = engine.getDelegatedTask(); task != null; task = engine.getDelegatedTask()) {
            task.run();
        }
        return engine.getHandshakeStatus();
    }

    /** After the handshake: what the engine wants done (a KeyUpdate answer, the close_notify reply). */
    private void answer(HandshakeStatus hs) throws IOException {
        for (int i = 0; i < MAX_ANSWERS; i++) {
            if (hs == HandshakeStatus.NEED_TASK) {
                hs = runTasks();
            } else if (hs == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                hs = wrap(EMPTY).getHandshakeStatus();
            } else {
                return;
            }
        }
    }

    private SSLException sendAlertThenRethrow(SSLException e) {
        try {
            for (int i = 0; i < MAX_ANSWERS && !engine.isOutboundDone()
                    && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
                netOut.clear();
                engine.wrap(EMPTY, netOut);
                send();
            }
        } catch (IOException | RuntimeException suppressed) {
            e.addSuppressed(suppressed);
        }
        return e;
    }
}
