package dev.bastion.tls.conformance.load;

import dev.bastion.tls.BastionSessions;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * One server connection of {@link EngineLoadServer}: a server-mode {@link SSLEngine} over a
 * non-blocking channel, driven whenever the channel is ready. Handles delegated tasks, buffer
 * overflow (grow) and underflow (read more), partial writes (wait for {@code OP_WRITE}), the
 * peer's close_notify (answered with ours) and the end of the stream without it
 * ({@code closeInbound}, which must throw). The response is followed by our close_notify; the
 * connection then ends without waiting for the peer's.
 */
final class EngineConnection {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int MAX_STEPS = 10_000;

    private final SocketChannel ch;
    private final SSLEngine engine;
    private final Tally tally;
    private final Runnable onEnd;
    private SelectionKey key;
    private ByteBuffer netIn;
    private ByteBuffer netOut;
    private ByteBuffer appIn;
    private ByteBuffer response;
    /** What an IOException means now: HANDSHAKE_FAILED, then REQUEST_FAILED, then RESPONSE_FAILED. */
    private Outcome phase = Outcome.HANDSHAKE_FAILED;
    /** Decided once closing: SERVED, CLOSED_BEFORE_REQUEST or REQUEST_FAILED. */
    private Outcome result;
    private boolean responseWrapped;
    private boolean ended;
    private long lastActive = System.nanoTime();

    EngineConnection(SocketChannel ch, SSLEngine engine, Tally tally, Runnable onEnd) {
        this.ch = ch;
        this.engine = engine;
        this.tally = tally;
        this.onEnd = onEnd;
        engine.setUseClientMode(false);
        int packet = engine.getSession().getPacketBufferSize();
        netIn = ByteBuffer.allocate(packet);
        netOut = ByteBuffer.allocate(packet);
        appIn = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    void start(SelectionKey registered) {
        this.key = registered;
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            end(Outcome.HANDSHAKE_FAILED, e);
            return;
        }
        ready();
    }

    long lastActive() {
        return lastActive;
    }

    /** The channel is readable or writable (or the connection has just started). */
    void ready() {
        if (ended) {
            return;
        }
        lastActive = System.nanoTime();
        try {
            drive();
        } catch (SSLException e) {
            flushAlert();
            end(result != null ? result : phase, e);
        } catch (IOException e) {
            end(result != null ? result : phase, e);
        } catch (RuntimeException | Error e) {
            end(Outcome.UNEXPECTED, e);
        }
    }

    /** Ends an idle connection (or one still open when the server stops). */
    void drop() {
        end(Outcome.TIMED_OUT, new SocketTimeoutException("idle for " + LoadServer.IDLE_MILLIS + " ms in " + phase));
    }

    private void drive() throws IOException {
        for (int steps = 0; steps < MAX_STEPS && !ended; steps++) {
            if (!flush()) {
                key.interestOps(SelectionKey.OP_WRITE);
                return;
            }
            if (responseWrapped && result == null) {
                result = Outcome.SERVED;
            }
            if (result != null && engine.isOutboundDone()) {
                end(result, null);
                return;
            }
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (phase == Outcome.HANDSHAKE_FAILED && hs == HandshakeStatus.NOT_HANDSHAKING) {
                handshakeDone();
            }
            if (hs == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            } else if (hs == HandshakeStatus.NEED_WRAP || result != null || (response != null && !responseWrapped)) {
                wrap(response != null && !responseWrapped ? response : EMPTY);
            } else if (!unwrap()) {
                key.interestOps(SelectionKey.OP_READ);
                return;
            }
        }
        if (!ended) {
            throw new IllegalStateException("no progress after " + MAX_STEPS + " steps at " + engine.getHandshakeStatus());
        }
    }

    private void handshakeDone() {
        phase = Outcome.REQUEST_FAILED;
        if (BastionSessions.resumed(engine.getSession()).orElse(false)) {
            tally.resumed();
        }
    }

    private void wrap(ByteBuffer src) throws IOException {
        SSLEngineResult r = engine.wrap(src, netOut);
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW && netOut.position() == 0) {
            netOut = ByteBuffer.allocate(netOut.capacity() * 2);
        } else if (r.getStatus() == SSLEngineResult.Status.CLOSED && result == null) {
            throw new SSLException("engine closed while sending (" + r + ")");
        }
        if (src == response && !response.hasRemaining() && !responseWrapped) {
            responseWrapped = true;
            engine.closeOutbound();
        }
    }

    /** Returns false when nothing can be done until more bytes arrive. */
    private boolean unwrap() throws IOException {
        netIn.flip();
        SSLEngineResult r;
        try {
            r = engine.unwrap(netIn, appIn);
        } finally {
            netIn.compact();
        }
        switch (r.getStatus()) {
            case BUFFER_OVERFLOW -> {
                appIn = grow(appIn, engine.getSession().getApplicationBufferSize());
                return true;
            }
            case BUFFER_UNDERFLOW -> {
                return read();
            }
            case CLOSED -> {
                if (phase == Outcome.HANDSHAKE_FAILED) {
                    throw new SSLException("peer closed the connection during the handshake (" + r + ")");
                }
                result = appIn.position() == 0 ? Outcome.CLOSED_BEFORE_REQUEST : Outcome.REQUEST_FAILED;
                engine.closeOutbound();
                return true;
            }
            default -> {
                if (phase == Outcome.REQUEST_FAILED && response == null && Http.complete(appIn.array(), appIn.position())) {
                    response = ByteBuffer.wrap(Http.response(appIn.array(), appIn.position()));
                    phase = Outcome.RESPONSE_FAILED;
                }
                return r.bytesConsumed() > 0 || r.bytesProduced() > 0 || read();
            }
        }
    }

    /** Reads what the channel has; false if nothing yet. At the end of the stream closeInbound must object. */
    private boolean read() throws IOException {
        if (!netIn.hasRemaining()) {
            netIn = grow(netIn, engine.getSession().getPacketBufferSize());
        }
        int n = ch.read(netIn);
        if (n < 0) {
            engine.closeInbound(); // no close_notify came: JSSE says this throws SSLException
            throw new EOFException("end of stream without close_notify, and closeInbound did not object");
        }
        return n > 0;
    }

    private boolean flush() throws IOException {
        netOut.flip();
        try {
            while (netOut.hasRemaining() && ch.write(netOut) > 0) {
                // keep writing while the kernel takes bytes
            }
        } finally {
            netOut.compact();
        }
        return netOut.position() == 0;
    }

    /** Best effort: send the alert the failed engine still holds. */
    private void flushAlert() {
        try {
            for (int i = 0; i < 4 && !engine.isOutboundDone() && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
                engine.wrap(EMPTY, netOut);
            }
            flush();
        } catch (IOException | RuntimeException ignored) {
            // the peer has gone
        }
    }

    private void end(Outcome outcome, Throwable cause) {
        if (ended) {
            return;
        }
        ended = true;
        key.cancel();
        try {
            ch.close();
        } catch (IOException ignored) {
            // closing
        }
        engine.closeOutbound();
        netIn = netOut = appIn = response = null;
        tally.record(outcome, cause);
        onEnd.run();
    }

    private static ByteBuffer grow(ByteBuffer b, int more) {
        ByteBuffer bigger = ByteBuffer.allocate(b.capacity() + more);
        b.flip();
        bigger.put(b);
        return bigger;
    }
}
