package dev.bastion.tls.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * An {@link SSLEngine} driven over a plain socket, blocking: the observer the socket tests use
 * where an {@code SSLSocket} would hide the difference between the peer's close_notify and a
 * bare end of the TCP stream ({@link #readToEnd()} tells them apart).
 */
public final class EngineEndpoint {
    /** All application data until the end, and how it ended. */
    public record Received(byte[] data, boolean closeNotify) {
    }

    private final SSLEngine engine;
    private final InputStream in;
    private final OutputStream out;
    private final ByteBuffer netIn;
    private final ByteBuffer appIn;

    public EngineEndpoint(SSLEngine engine, Socket socket) throws IOException {
        this.engine = engine;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
        this.appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
    }

    /** Runs the handshake to the end. */
    public void handshake() throws IOException {
        engine.beginHandshake();
        while (true) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
                    t.run();
                }
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                wrap(ByteBuffer.allocate(0));
            } else if (hs == HandshakeStatus.NEED_UNWRAP) {
                if (!unwrapOnce()) {
                    throw new SSLException("end of stream during the handshake");
                }
            } else {
                return;
            }
        }
    }

    /** Encrypts and sends {@code data}. */
    public void write(byte[] data) throws IOException {
        ByteBuffer src = ByteBuffer.wrap(data);
        while (src.hasRemaining()) {
            if (engine.isOutboundDone()) {
                throw new SSLException("the engine's write side is closed");
            }
            wrap(src);
        }
    }

    /** Whether this side can no longer write (TLS 1.2 answers the peer's close_notify with its own). */
    public boolean outboundDone() {
        return engine.isOutboundDone();
    }

    /** Reads application data until close_notify or the end of the TCP stream. */
    public Received readToEnd() throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        while (!engine.isInboundDone()) {
            boolean more = unwrapOnce();
            appIn.flip();
            data.write(appIn.array(), 0, appIn.limit());
            appIn.clear();
            if (!more) {
                return new Received(data.toByteArray(), false);
            }
            while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP && !engine.isOutboundDone()) {
                try {
                    wrap(ByteBuffer.allocate(0)); // an answer to the peer's alert or KeyUpdate
                } catch (IOException peerGone) {
                    engine.closeOutbound(); // the peer closed its socket: nothing more to tell it
                }
            }
        }
        return new Received(data.toByteArray(), true);
    }

    private void wrap(ByteBuffer src) throws IOException {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult r = engine.wrap(src, net);
        if (r.getStatus() != Status.OK && r.getStatus() != Status.CLOSED) {
            throw new SSLException("wrap: " + r);
        }
        out.write(net.array(), 0, net.position());
        out.flush();
    }

    /** Unwraps one step, reading from the socket when the engine needs more; false at the end of the stream. */
    private boolean unwrapOnce() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            netIn.compact();
            if (r.getStatus() == Status.BUFFER_UNDERFLOW) {
                int n = in.read(netIn.array(), netIn.position(), netIn.remaining());
                if (n < 0) {
                    return false;
                }
                netIn.position(netIn.position() + n);
                continue;
            }
            if (r.getStatus() == Status.BUFFER_OVERFLOW) {
                throw new SSLException("unwrap: " + r);
            }
            for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
                t.run();
            }
            return true;
        }
    }
}
