package dev.bastion.tls.conformance.interop;

import java.io.ByteArrayOutputStream;
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
import javax.net.ssl.SSLException;

/**
 * Drives any {@link SSLEngine} over a plain blocking {@link Socket}: the handshake loop
 * (wrap, unwrap, delegated tasks), application data both ways and an orderly close. Every
 * read has the socket timeout and the handshake an overall deadline, so nothing here can
 * hang. Every byte that crosses the socket is also shown to a {@link WireView}, which reads
 * the hellos independently of the engine.
 *
 * <p>When the engine fails (its own error or a fatal alert from the peer), any alert the
 * engine still has to send is flushed to the peer before the exception is rethrown.
 */
public final class EngineSocket implements AutoCloseable {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Duration timeout;
    private final WireView wire = new WireView();
    private final Runnable onClose;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private boolean eofWithoutCloseNotify;

    private EngineSocket(SSLEngine engine, Socket socket, Duration timeout, Runnable onClose) throws IOException {
        this.engine = engine;
        this.socket = socket;
        this.timeout = timeout;
        this.onClose = onClose;
        socket.setSoTimeout((int) timeout.toMillis());
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** Connects to {@code 127.0.0.1:port} and wraps the connection (client engine). */
    public static EngineSocket connect(SSLEngine engine, int port, Duration timeout, Runnable onClose) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(Interop.LOOPBACK, port), (int) timeout.toMillis());
            return new EngineSocket(engine, s, timeout, onClose);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Wraps an accepted connection (server engine). */
    public static EngineSocket accept(SSLEngine engine, Socket accepted, Duration timeout, Runnable onClose)
            throws IOException {
        return new EngineSocket(engine, accepted, timeout, onClose);
    }

    public SSLEngine engine() {
        return engine;
    }

    /** The hellos as they crossed the wire. */
    public WireView wire() {
        return wire;
    }

    /** True when the peer closed the TCP connection without sending close_notify first. */
    public boolean eofWithoutCloseNotify() {
        return eofWithoutCloseNotify;
    }

    /** Runs the handshake to completion or throws (SSLException from the engine, or an IOException). */
    public void handshake() throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        engine.beginHandshake();
        HandshakeStatus hs = engine.getHandshakeStatus();
        while (hs != HandshakeStatus.FINISHED && hs != HandshakeStatus.NOT_HANDSHAKING) {
            if (System.nanoTime() > deadline) {
                throw new SocketTimeoutException("handshake did not finish within " + timeout + ", at " + hs);
            }
            switch (hs) {
                case NEED_WRAP -> hs = wrap(EMPTY);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> hs = unwrapForHandshake();
                case NEED_TASK -> hs = runTasks();
                default -> throw new IllegalStateException("handshake status " + hs);
            }
        }
    }

    /** Sends application data. */
    public void write(byte[] data) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(data);
        while (src.hasRemaining()) {
            HandshakeStatus hs = wrap(src);
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
        }
    }

    /**
     * Reads application data into {@code dst}; returns the count, or -1 at the end of the
     * stream (peer's close_notify, or a TCP close without it: see {@link #eofWithoutCloseNotify()}).
     */
    public int read(byte[] dst) throws IOException {
        while (true) {
            if (appIn.position() > 0) {
                appIn.flip();
                int n = Math.min(dst.length, appIn.remaining());
                appIn.get(dst, 0, n);
                appIn.compact();
                return n;
            }
            if (engine.isInboundDone()) {
                return -1;
            }
            SSLEngineResult r = unwrap();
            switch (r.getStatus()) {
                case CLOSED -> {
                    answerPostHandshake(r.getHandshakeStatus());
                    return appIn.position() > 0 ? read(dst) : -1;
                }
                case BUFFER_UNDERFLOW -> {
                    if (!fill()) {
                        eofWithoutCloseNotify = true;
                        return -1;
                    }
                }
                default -> answerPostHandshake(r.getHandshakeStatus());
            }
        }
    }

    /** Reads until the end of the stream, at most {@code max} bytes. */
    public byte[] readAll(int max) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        int n;
        while (all.size() < max && (n = read(buf)) >= 0) {
            all.write(buf, 0, n);
        }
        return all.toByteArray();
    }

    /** Reads until {@code terminator} has been received (or the stream ends), at most {@code max} bytes. */
    public String readUntil(String terminator, int max) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buf = new byte[1024];
        int n;
        while (text.indexOf(terminator) < 0 && text.length() < max && (n = read(buf)) >= 0) {
            text.append(new String(buf, 0, n, java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    /** Sends close_notify (best effort) and closes the socket; always releases the engine. */
    @Override
    public void close() {
        try {
            engine.closeOutbound();
            for (int i = 0; i < 4 && !engine.isOutboundDone(); i++) {
                netOut.clear();
                SSLEngineResult r = engine.wrap(EMPTY, netOut);
                flush();
                if (r.bytesProduced() == 0) {
                    break;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // the peer may have gone already; closing is best effort
        } finally {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do
            }
            if (onClose != null) {
                onClose.run();
            }
        }
    }

    private HandshakeStatus wrap(ByteBuffer src) throws IOException {
        while (true) {
            netOut.clear();
            SSLEngineResult r;
            try {
                r = engine.wrap(src, netOut);
            } catch (SSLException e) {
                throw flushAlertAndRethrow(e);
            }
            flush();
            switch (r.getStatus()) {
                case OK -> {
                    return r.getHandshakeStatus();
                }
                case BUFFER_OVERFLOW -> netOut = ByteBuffer.allocate(netOut.capacity() * 2);
                case CLOSED -> {
                    if (src == EMPTY) { // the close_notify (or an alert) went out
                        return r.getHandshakeStatus();
                    }
                    throw new SSLException("engine closed while writing (" + r + ")");
                }
                default -> throw new SSLException("unexpected wrap result " + r);
            }
        }
    }

    /**
     * One unwrap while handshaking; reads from the socket only when the engine still wants
     * input. Netty's OpenSSL engine (netty-tcnative BoringSSL) as a TLS 1.2 client reports
     * NEED_UNWRAP even after it consumed the server's Finished, and only the next unwrap
     * (BUFFER_UNDERFLOW, no input) says FINISHED: reading then would wait for bytes the
     * server never sends before the client's first request.
     */
    private HandshakeStatus unwrapForHandshake() throws IOException {
        SSLEngineResult r = unwrap();
        switch (r.getStatus()) {
            case BUFFER_UNDERFLOW -> {
                HandshakeStatus now = r.getHandshakeStatus();
                if (now != HandshakeStatus.NEED_UNWRAP && now != HandshakeStatus.NEED_UNWRAP_AGAIN) {
                    return now; // e.g. netty-tcnative's TLS 1.2 client: FINISHED comes with an empty unwrap
                }
                if (!fill()) {
                    String cause = "peer closed the connection during the handshake";
                    try {
                        engine.closeInbound();
                    } catch (SSLException e) {
                        throw new EOFException(cause + " (" + e.getMessage() + ")");
                    }
                    throw new EOFException(cause);
                }
                return engine.getHandshakeStatus();
            }
            case CLOSED -> throw new SSLException("peer closed the TLS connection during the handshake (" + r + ")");
            default -> {
                return r.getHandshakeStatus();
            }
        }
    }

    private SSLEngineResult unwrap() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } catch (SSLException e) {
                throw flushAlertAndRethrow(e);
            } finally {
                netIn.compact();
            }
            if (r.getStatus() != SSLEngineResult.Status.BUFFER_OVERFLOW) {
                return r;
            }
            ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() + engine.getSession().getApplicationBufferSize());
            appIn.flip();
            bigger.put(appIn);
            appIn = bigger;
        }
    }

    /** Reads more bytes from the socket into netIn; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() + engine.getSession().getPacketBufferSize());
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        int n = in.read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
        if (n < 0) {
            return false;
        }
        showWire(false, netIn.array(), netIn.arrayOffset() + netIn.position(), n);
        netIn.position(netIn.position() + n);
        return true;
    }

    private void flush() throws IOException {
        netOut.flip();
        if (netOut.hasRemaining()) {
            showWire(true, netOut.array(), netOut.arrayOffset() + netOut.position(), netOut.remaining());
            out.write(netOut.array(), netOut.arrayOffset() + netOut.position(), netOut.remaining());
            out.flush();
        }
        netOut.clear();
    }

    private void showWire(boolean sent, byte[] b, int off, int len) {
        if (sent == engine.getUseClientMode()) {
            wire.fromClient(b, off, len);
        } else {
            wire.fromServer(b, off, len);
        }
    }

    private HandshakeStatus runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        return engine.getHandshakeStatus();
    }

    /** After the handshake: answer what the engine wants to send (KeyUpdate, close_notify reply). */
    private void answerPostHandshake(HandshakeStatus hs) throws IOException {
        for (int i = 0; i < 8; i++) {
            if (hs == HandshakeStatus.NEED_TASK) {
                hs = runTasks();
            } else if (hs == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                hs = wrap(EMPTY);
            } else {
                return;
            }
        }
    }

    private SSLException flushAlertAndRethrow(SSLException e) {
        try {
            for (int i = 0; i < 4 && !engine.isOutboundDone()
                    && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
                netOut.clear();
                engine.wrap(EMPTY, netOut);
                flush();
            }
        } catch (IOException | RuntimeException suppressed) {
            e.addSuppressed(suppressed);
        }
        return e;
    }
}
