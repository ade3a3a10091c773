package dev.bastion.tls.conformance.load;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * A client {@link SSLEngine} over a blocking socket, driven step by step so that a test can
 * stop anywhere: after the ClientHello, after the server's flight, in the middle of a record.
 * A slow client writes every byte in a write of its own, pausing {@link #PAUSE_MILLIS} after
 * each. Every read has the socket timeout.
 */
final class StepClient implements AutoCloseable {
    static final int TIMEOUT_MILLIS = 15_000;
    static final long PAUSE_MILLIS = 1;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SSLEngine engine;
    private final boolean slow;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;

    StepClient(SSLContext context, String protocol, int port, boolean slow) throws IOException {
        this.engine = context.createSSLEngine("localhost", port);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        this.slow = slow;
        this.socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
        netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** Sends the ClientHello and nothing else. */
    void sendClientHello() throws IOException {
        send(clientHello());
    }

    /** The ClientHello record (not sent). */
    byte[] clientHello() throws IOException {
        engine.beginHandshake();
        if (engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
            throw new IllegalStateException("client engine does not start with NEED_WRAP: " + engine.getHandshakeStatus());
        }
        return seal(EMPTY);
    }

    /**
     * After the ClientHello: reads and processes the server's flight until the engine wants to
     * answer it (NEED_WRAP) or the handshake has finished.
     */
    void readServerFlight() throws IOException {
        HandshakeStatus hs = engine.getHandshakeStatus();
        while (hs != HandshakeStatus.NEED_WRAP && hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED) {
            hs = hs == HandshakeStatus.NEED_TASK ? runTasks() : unwrapOnce().getHandshakeStatus();
        }
    }

    /** Runs the whole handshake. */
    void handshake() throws IOException {
        engine.beginHandshake();
        HandshakeStatus hs = engine.getHandshakeStatus();
        while (hs != HandshakeStatus.NOT_HANDSHAKING && hs != HandshakeStatus.FINISHED) {
            switch (hs) {
                case NEED_WRAP -> {
                    send(seal(EMPTY));
                    hs = engine.getHandshakeStatus();
                }
                case NEED_TASK -> hs = runTasks();
                default -> hs = unwrapOnce().getHandshakeStatus();
            }
        }
    }

    /** The TLS records carrying {@code data} (not sent). */
    byte[] seal(ByteBuffer data) throws IOException {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        do {
            netOut.clear();
            SSLEngineResult r = engine.wrap(data, netOut);
            if (r.getStatus() != SSLEngineResult.Status.OK && r.getStatus() != SSLEngineResult.Status.CLOSED) {
                throw new IOException("wrap: " + r);
            }
            records.write(netOut.array(), 0, netOut.position());
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
        } while (data.hasRemaining() || (data == EMPTY && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP
                && !engine.isOutboundDone()));
        return records.toByteArray();
    }

    byte[] seal(byte[] data) throws IOException {
        return seal(ByteBuffer.wrap(data));
    }

    /** Sends close_notify. */
    void sendCloseNotify() throws IOException {
        engine.closeOutbound();
        send(seal(EMPTY));
    }

    /** Writes raw bytes (one byte per write, with pauses, if slow). */
    void send(byte[] bytes) throws IOException {
        send(bytes, bytes.length);
    }

    void send(byte[] bytes, int length) throws IOException {
        if (!slow) {
            out.write(bytes, 0, length);
            out.flush();
            return;
        }
        for (int i = 0; i < length; i++) {
            out.write(bytes[i]);
            out.flush();
            pause();
        }
    }

    /** Reads application data until the server's close_notify (or EOF), at most 64 KiB. */
    String readToEnd() throws IOException {
        while (!engine.isInboundDone() && appIn.position() < 65536) {
            SSLEngineResult r = unwrapOnce();
            if (r.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                runTasks();
            }
        }
        return new String(appIn.array(), 0, appIn.position(), StandardCharsets.ISO_8859_1);
    }

    /** Ends the TCP connection with a reset (SO_LINGER 0): an abrupt disconnect. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private SSLEngineResult unwrapOnce() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r;
            try {
                r = engine.unwrap(netIn, appIn);
            } finally {
                netIn.compact();
            }
            switch (r.getStatus()) {
                case BUFFER_UNDERFLOW -> fill();
                case BUFFER_OVERFLOW -> {
                    ByteBuffer bigger = ByteBuffer.allocate(appIn.capacity() * 2);
                    appIn.flip();
                    appIn = bigger.put(appIn);
                }
                default -> {
                    return r;
                }
            }
        }
    }

    private void fill() throws IOException {
        if (!netIn.hasRemaining()) {
            ByteBuffer bigger = ByteBuffer.allocate(netIn.capacity() * 2);
            netIn.flip();
            netIn = bigger.put(netIn);
        }
        int n = in.read(netIn.array(), netIn.position(), netIn.remaining());
        if (n < 0) {
            throw new EOFException("server closed the connection");
        }
        netIn.position(netIn.position() + n);
    }

    private HandshakeStatus runTasks() {
        Runnable t;
        while ((t = engine.getDelegatedTask()) != null) {
            t.run();
        }
        return engine.getHandshakeStatus();
    }

    private static void pause() throws SocketTimeoutException {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SocketTimeoutException("interrupted");
        }
    }
}
