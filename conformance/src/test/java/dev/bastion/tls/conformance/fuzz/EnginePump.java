package dev.bastion.tls.conformance.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * Drives an {@link SSLEngine} in memory over a fixed inbound byte string: wrap when it asks to,
 * run its tasks, unwrap while input remains, until it needs input there is no more of, closes,
 * or fails. Every loop is bounded: an engine that keeps going without consuming or producing
 * anything is a finding (it would hang its caller), as is one that needs more steps than any
 * handshake can.
 *
 * <p>Contract (the JSSE {@link SSLEngine} javadoc): only {@link SSLException} may come out of
 * the engine; after one, the engine still wraps its fatal alert if it has one, and then reports
 * both {@link SSLEngine#isInboundDone()} and {@link SSLEngine#isOutboundDone()}. Violations are
 * thrown as {@link AssertionError}; other exceptions from the engine pass through unchanged.
 */
final class EnginePump {
    /** Far more than any handshake over a bounded input needs: each step consumes or produces. */
    private static final int MAX_STEPS = 5_000;
    /** Steps in a row without any progress before the engine counts as stuck. */
    private static final int MAX_IDLE_STEPS = 16;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SSLEngine engine;
    private final ByteBuffer in;
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private ByteBuffer net;
    private ByteBuffer app;
    private SSLException failure;

    EnginePump(SSLEngine engine, byte[] inbound) {
        this.engine = engine;
        this.in = ByteBuffer.wrap(inbound);
        this.net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        this.app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
    }

    /** Runs the engine over the whole input; see the class comment for what is checked. */
    void run() {
        try {
            engine.beginHandshake();
            loop();
        } catch (SSLException e) {
            failure = e;
        }
        if (failure != null) {
            afterFailure();
        }
    }

    /** The first SSLException the engine threw, or null. */
    SSLException failure() {
        return failure;
    }

    /** Everything the engine wrote. */
    byte[] sent() {
        return sent.toByteArray();
    }

    private void loop() throws SSLException {
        int idle = 0;
        for (int step = 0; step < MAX_STEPS; step++) {
            HandshakeStatus before = engine.getHandshakeStatus();
            int progress = step(before);
            if (progress < 0) {
                return;
            }
            idle = progress > 0 || engine.getHandshakeStatus() != before ? 0 : idle + 1;
            if (idle > MAX_IDLE_STEPS) {
                throw new AssertionError("engine makes no progress: " + before + ", " + in.remaining()
                        + " input byte(s) left, inboundDone=" + engine.isInboundDone()
                        + ", outboundDone=" + engine.isOutboundDone());
            }
        }
        throw new AssertionError("engine still busy after " + MAX_STEPS + " steps over "
                + in.capacity() + " input byte(s)");
    }

    /** One action: bytes consumed + produced (may be 0), or -1 when nothing more can happen. */
    private int step(HandshakeStatus hs) throws SSLException {
        switch (hs) {
            case NEED_TASK -> {
                Runnable task = engine.getDelegatedTask();
                if (task == null) {
                    throw new AssertionError("NEED_TASK but getDelegatedTask() returned null");
                }
                task.run();
                return 1;
            }
            case NEED_WRAP -> {
                SSLEngineResult r = wrap();
                return r.getStatus() == Status.CLOSED && r.bytesProduced() == 0 ? -1 : r.bytesProduced();
            }
            default -> {
                if (engine.isInboundDone() || !in.hasRemaining()) {
                    return -1;
                }
                return unwrap();
            }
        }
    }

    private SSLEngineResult wrap() throws SSLException {
        net.clear();
        SSLEngineResult r = engine.wrap(EMPTY, net);
        if (r.getStatus() == Status.BUFFER_OVERFLOW) {
            if (net.capacity() >= engine.getSession().getPacketBufferSize()) {
                throw new AssertionError("wrap: BUFFER_OVERFLOW into " + net.capacity()
                        + " bytes, at least getPacketBufferSize()");
            }
            net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            return r;
        }
        net.flip();
        sent.write(net.array(), 0, net.limit());
        return r;
    }

    private int unwrap() throws SSLException {
        app.clear();
        SSLEngineResult r = engine.unwrap(in, app);
        switch (r.getStatus()) {
            case BUFFER_OVERFLOW -> {
                int want = engine.getSession().getApplicationBufferSize();
                if (app.capacity() >= want) {
                    throw new AssertionError("unwrap: BUFFER_OVERFLOW into " + app.capacity()
                            + " bytes, at least getApplicationBufferSize()");
                }
                app = ByteBuffer.allocate(want);
                return 1;
            }
            case BUFFER_UNDERFLOW -> {
                return -1;
            }
            default -> {
                return r.bytesConsumed() + r.bytesProduced();
            }
        }
    }

    /**
     * After a fatal error: let the engine write its alert (boundedly), then it must say both
     * directions are done. A second SSLException while flushing is allowed.
     */
    private void afterFailure() {
        try {
            for (int i = 0; i < 8 && !engine.isOutboundDone(); i++) {
                SSLEngineResult r = wrap();
                if (r.bytesProduced() == 0 && r.getStatus() == Status.CLOSED) {
                    break;
                }
            }
        } catch (SSLException again) {
            // the engine may rethrow its failure; it must still be closed below
        }
        if (!engine.isOutboundDone() || !engine.isInboundDone()) {
            throw new AssertionError("after " + failure + " the engine is not closed: inboundDone="
                    + engine.isInboundDone() + ", outboundDone=" + engine.isOutboundDone(), failure);
        }
    }
}
