package dev.bastion.tls.conformance.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * The engine under test, driven in memory: bytes in through {@code unwrap}, bytes out through
 * {@code wrap}, delegated tasks run inline. Every loop is bounded, so a victim that neither
 * progresses nor fails ends the pump instead of hanging the test.
 *
 * <p>The first {@link SSLException} is kept as the failure, after which the engine is asked
 * (boundedly) to write what it still has: the fatal alert. Any other {@link Throwable} from the
 * engine is kept as a bug; the scenario then fails whatever else it expected.
 */
final class Victim {
    private static final int MAX_STEPS = 20_000;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    final String provider;
    final SSLEngine engine;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int taken;
    private ByteBuffer inbound = ByteBuffer.allocate(0);
    private ByteBuffer app = ByteBuffer.allocate(1 << 15);
    private final ByteBuffer net = ByteBuffer.allocate(1 << 17);
    private SSLException failure;
    private Throwable bug;
    private boolean finished;
    private boolean closed;

    Victim(String provider, SSLEngine engine) {
        this.provider = provider;
        this.engine = engine;
    }

    /** Starts the handshake and collects the first flight (a client's ClientHello). */
    void start() {
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            fail(e);
            return;
        } catch (RuntimeException | Error e) {
            bug = e;
            return;
        }
        pump();
    }

    /** Hands {@code bytes} to the engine and lets it react (read, run tasks, write). */
    void feed(byte[] bytes) {
        ByteBuffer joined = ByteBuffer.allocate(inbound.remaining() + bytes.length);
        joined.put(inbound).put(bytes).flip();
        inbound = joined;
        pump();
    }

    /** Writes {@code data} as application data (after the handshake). */
    void write(byte[] data) {
        ByteBuffer src = ByteBuffer.wrap(data);
        guarded(() -> {
            for (int i = 0; i < 64 && src.hasRemaining() && failure == null; i++) {
                net.clear();
                SSLEngineResult r = engine.wrap(src, net);
                collect(r);
                if (r.getStatus() != Status.OK) {
                    break;
                }
            }
        });
        pump();
    }

    /** {@code closeOutbound()} and the close_notify it makes. */
    void closeOutbound() {
        engine.closeOutbound();
        pump();
    }

    /** Bytes the engine wrote since the last call. */
    byte[] takeSent() {
        byte[] all = sent.toByteArray();
        byte[] fresh = Arrays.copyOfRange(all, taken, all.length);
        taken = all.length;
        return fresh;
    }

    /** Application data the engine delivered so far. */
    byte[] applicationData() {
        return received.toByteArray();
    }

    /** Bytes fed but not consumed yet (an incomplete record the engine waits on). */
    int pendingInbound() {
        return inbound.remaining();
    }

    SSLException failure() {
        return failure;
    }

    Throwable bug() {
        return bug;
    }

    /** Whether the engine reported FINISHED (the handshake completed). */
    boolean finished() {
        return finished;
    }

    /** Whether unwrap reported CLOSED (the peer's close_notify was read). */
    boolean closed() {
        return closed;
    }

    private void pump() {
        guarded(() -> {
            for (int i = 0; i < MAX_STEPS && failure == null; i++) {
                if (!step()) {
                    return;
                }
            }
        });
    }

    /** One wrap or unwrap; false when nothing more can happen without more input. */
    private boolean step() throws SSLException {
        runTasks();
        HandshakeStatus hs = engine.getHandshakeStatus();
        if (hs == HandshakeStatus.NEED_WRAP) {
            net.clear();
            SSLEngineResult r = engine.wrap(EMPTY, net);
            collect(r);
            return r.bytesProduced() > 0 || r.getStatus() == Status.OK && engine.getHandshakeStatus() != hs;
        }
        if (!inbound.hasRemaining()) {
            return false;
        }
        SSLEngineResult r = engine.unwrap(inbound, app);
        finished |= r.getHandshakeStatus() == HandshakeStatus.FINISHED;
        if (r.getStatus() == Status.BUFFER_OVERFLOW) {
            app = ByteBuffer.allocate(app.capacity() * 2).put(app.flip());
            return app.capacity() < (1 << 20);
        }
        if (r.bytesProduced() > 0) {
            app.flip();
            byte[] b = new byte[app.remaining()];
            app.get(b);
            received.writeBytes(b);
            app.clear();
        }
        if (r.getStatus() == Status.CLOSED) {
            closed = true;
            // more records, or the close_notify the victim answers with (its write side closes too)
            return r.bytesConsumed() > 0 && inbound.hasRemaining() || r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
        }
        if (r.getStatus() == Status.BUFFER_UNDERFLOW) {
            return false;
        }
        return r.bytesConsumed() > 0 || r.getHandshakeStatus() == HandshakeStatus.NEED_TASK
                || r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
    }

    private void collect(SSLEngineResult r) {
        finished |= r.getHandshakeStatus() == HandshakeStatus.FINISHED;
        net.flip();
        byte[] b = new byte[net.remaining()];
        net.get(b);
        sent.writeBytes(b);
    }

    private void runTasks() {
        Runnable t;
        for (int i = 0; i < 100 && (t = engine.getDelegatedTask()) != null; i++) {
            t.run();
        }
    }

    private interface Io {
        void run() throws SSLException;
    }

    private void guarded(Io io) {
        if (failure != null || bug != null) {
            return;
        }
        try {
            io.run();
        } catch (SSLException e) {
            fail(e);
        } catch (RuntimeException | Error e) {
            bug = e;
        }
    }

    /** Keeps the failure and lets the engine write its fatal alert (a few wraps at most). */
    private void fail(SSLException e) {
        failure = e;
        for (int i = 0; i < 4; i++) {
            try {
                net.clear();
                SSLEngineResult r = engine.wrap(EMPTY, net);
                collect(r);
                if (r.bytesProduced() == 0 || r.getStatus() == Status.CLOSED) {
                    return;
                }
            } catch (SSLException again) {
                return; // some engines rethrow instead of writing; the alert, if any, is already out
            } catch (RuntimeException | Error other) {
                bug = other;
                return;
            }
        }
    }
}
