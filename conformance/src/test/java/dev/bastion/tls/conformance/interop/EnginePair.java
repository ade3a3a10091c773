package dev.bastion.tls.conformance.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * A client and a server {@link SSLEngine} connected in memory, for peers that run in this JVM
 * (BoringSSL, BCJSSE). Each round, each side runs its delegated tasks, wraps (its queued
 * application data, at most {@link Side#wrapChunk} bytes per call and {@link Side#perRound} per
 * round, and whatever the engine has to send), receives at most {@link #delivery} bytes of what the other side wrote, and unwraps what
 * it can. {@link #run()} goes on until neither side makes progress. An {@link SSLException} is
 * recorded on its side (which still wraps, so its alert reaches the other side, but unwraps no
 * more); every byte that crosses is shown to {@link #wire}.
 */
final class EnginePair {
    private static final int MAX_ROUNDS = 2_000_000;

    /** One end: its engine, what it is to send, and what it received. */
    static final class Side {
        final SSLEngine engine;
        /** At most this many application bytes per {@code wrap} call. */
        int wrapChunk = Integer.MAX_VALUE;
        /** At most this many application bytes per round (so the other side can answer in between). */
        int perRound = Integer.MAX_VALUE;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        SSLException failure;
        /** An {@code unwrap} said CLOSED: the other side's close_notify arrived. */
        boolean inboundClosed;
        private ByteBuffer appOut = ByteBuffer.allocate(0);
        private ByteBuffer netIn = ByteBuffer.allocate(1 << 15).flip();
        private ByteBuffer netOut = ByteBuffer.allocate(0);
        private final ByteArrayOutputStream written = new ByteArrayOutputStream();
        private final int[] recordsByLength = new int[1 << 16];
        private ByteBuffer net;
        private ByteBuffer app;

        private Side(SSLEngine engine) {
            this.engine = engine;
        }

        /** How many records of {@code length} bytes (the record header's length field) this side wrote. */
        int records(int length) {
            return recordsByLength[length];
        }

        /** Queues application data for the next rounds. */
        void send(byte[] data) {
            appOut = ByteBuffer.allocate(appOut.remaining() + data.length).put(appOut).put(data).flip();
        }

        @Override
        public String toString() {
            return (engine.getUseClientMode() ? "client " : "server ") + engine.getClass().getSimpleName() + "[failure="
                    + failure + ", received=" + received.size() + ", unsent=" + appOut.remaining() + ", inboundClosed="
                    + inboundClosed + ", inboundDone=" + engine.isInboundDone() + ", outboundDone="
                    + engine.isOutboundDone() + ", " + engine.getHandshakeStatus() + "]";
        }
    }

    final Side client;
    final Side server;
    final WireView wire = new WireView();
    /** At most this many bytes reach the other side per round. */
    int delivery = Integer.MAX_VALUE;

    EnginePair(SSLEngine client, SSLEngine server) {
        this.client = new Side(client);
        this.server = new Side(server);
    }

    /** Runs rounds until neither side makes progress. */
    EnginePair run() {
        for (int i = 0; i < MAX_ROUNDS; i++) {
            if (!(step(client, server) | step(server, client))) {
                return this;
            }
        }
        throw new AssertionError("still busy after " + MAX_ROUNDS + " rounds: " + this);
    }

    @Override
    public String toString() {
        return client + " / " + server;
    }

    private boolean step(Side s, Side other) {
        boolean progress = runTasks(s);
        try {
            progress |= wrap(s);
        } catch (SSLException e) {
            progress |= fail(s, e);
        }
        progress |= deliver(s, other);
        if (s.failure == null) {
            try {
                progress |= unwrap(s);
            } catch (SSLException e) {
                progress |= fail(s, e);
            }
        }
        return progress;
    }

    private static boolean runTasks(Side s) {
        boolean ran = false;
        for (Runnable t = s.engine.getDelegatedTask(); t != null; t = s.engine.getDelegatedTask()) {
            t.run();
            ran = true;
        }
        return ran;
    }

    private static boolean fail(Side s, SSLException e) {
        if (s.failure != null) {
            return false; // the engine rethrows its failure: nothing more will come from it
        }
        s.failure = e;
        return true;
    }

    private static boolean wrap(Side s) throws SSLException {
        boolean progress = false;
        int roundEnd = s.appOut.position() + Math.min(s.appOut.remaining(), s.perRound);
        while (true) {
            s.net = room(s.net, s.engine.getSession().getPacketBufferSize());
            ByteBuffer src = s.appOut.duplicate();
            src.limit(Math.min(roundEnd, src.position() + Math.min(src.remaining(), s.wrapChunk)));
            SSLEngineResult r = s.engine.wrap(src, s.net);
            s.appOut.position(src.position());
            byte[] out = s.net.array();
            for (int at = 0; at + 5 <= s.net.position(); at += 5 + ((out[at + 3] & 0xff) << 8 | out[at + 4] & 0xff)) {
                s.recordsByLength[(out[at + 3] & 0xff) << 8 | out[at + 4] & 0xff]++; // wrap writes whole records
            }
            s.written.write(out, 0, s.net.position());
            if (r.bytesProduced() == 0 && r.bytesConsumed() == 0 || r.getStatus() != Status.OK) {
                return progress || r.bytesProduced() > 0;
            }
            progress = true;
        }
    }

    /** {@code buffer} cleared, or a new one when it holds fewer than {@code size} bytes. */
    private static ByteBuffer room(ByteBuffer buffer, int size) {
        return buffer != null && buffer.capacity() >= size ? buffer.clear() : ByteBuffer.allocate(size);
    }

    /** Moves at most {@link #delivery} of the bytes {@code s} wrote so far to {@code other}. */
    private boolean deliver(Side s, Side other) {
        if (s.netOut.remaining() == 0 && s.written.size() > 0) {
            s.netOut = ByteBuffer.wrap(s.written.toByteArray());
            s.written.reset();
        }
        int n = Math.min(s.netOut.remaining(), delivery);
        if (n == 0 || other.inboundClosed) {
            return false;
        }
        if (s == client) {
            wire.fromClient(s.netOut.array(), s.netOut.position(), n);
        } else {
            wire.fromServer(s.netOut.array(), s.netOut.position(), n);
        }
        other.netIn.compact();
        if (other.netIn.remaining() < n) {
            other.netIn = ByteBuffer.allocate(other.netIn.position() + n).put(other.netIn.flip());
        }
        other.netIn.put(s.netOut.array(), s.netOut.position(), n).flip();
        s.netOut.position(s.netOut.position() + n);
        return true;
    }

    private static boolean unwrap(Side s) throws SSLException {
        boolean progress = false;
        while (s.netIn.hasRemaining() && !s.inboundClosed) {
            s.app = room(s.app, s.engine.getSession().getApplicationBufferSize());
            SSLEngineResult r = s.engine.unwrap(s.netIn, s.app);
            s.received.write(s.app.array(), 0, s.app.position());
            progress |= r.bytesConsumed() > 0 || r.bytesProduced() > 0;
            if (r.getStatus() == Status.CLOSED) {
                s.inboundClosed = true;
                return true;
            }
            if (r.getStatus() != Status.OK || r.bytesConsumed() == 0 && r.bytesProduced() == 0
                    || r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP
                    || r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                return progress; // underflow, or the engine wants a wrap or a task first: next round
            }
        }
        return progress;
    }
}
