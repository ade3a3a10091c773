package dev.bastion.tls.it.support;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * How a handshake between two {@link SSLEngine}s ended, even when it fails: each side's
 * exception (or null), and, when it worked, the negotiated protocol and suite. After one side
 * throws, what it still wants to send (its alert) is delivered to the other, so that side's
 * view of the failure is recorded too. Every byte the server wrapped is kept
 * ({@link #serverBytes}) for {@link Tls12Wire}.
 *
 * @param clientError the client's exception as {@code toString()}, or null
 * @param serverError the server's exception as {@code toString()}, or null
 * @param protocol the client's negotiated protocol, or null when it failed
 * @param suite the client's negotiated suite, or null when it failed
 * @param serverBytes every byte the server wrapped, in order
 * @param clientBytes every byte the client wrapped, in order
 */
public record Outcome(String clientError, String serverError, String protocol, String suite, byte[] serverBytes,
        byte[] clientBytes) {

    /** Whether both sides finished without an exception. */
    public boolean ok() {
        return clientError == null && serverError == null;
    }

    /**
     * Prints {@code key.client}, {@code key.server}, {@code key.protocol} and {@code key.suite},
     * each only when it is not null.
     */
    public void print(String key) {
        String[][] lines = {{"client", clientError}, {"server", serverError}, {"protocol", protocol}, {"suite", suite}};
        for (String[] line : lines) {
            if (line[1] != null) {
                System.out.println(key + "." + line[0] + "=" + line[1].replace('\n', ' '));
            }
        }
    }

    /** Runs the handshake of {@code client} (client mode) and {@code server}; at most 100 rounds. */
    public static Outcome of(SSLEngine client, SSLEngine server) throws SSLException {
        client.setUseClientMode(true);
        server.setUseClientMode(false);
        Side c = new Side(client);
        Side s = new Side(server);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 100; round++) {
            boolean moved = c.turn(s) | s.turn(c);
            boolean done = c.done() && s.done();
            if (done || !moved) {
                break;
            }
        }
        boolean ok = c.error == null && s.error == null && c.done() && s.done();
        String stalled = ok || c.error != null || s.error != null ? null : "stalled: " + client.getHandshakeStatus()
                + "/" + server.getHandshakeStatus();
        return new Outcome(c.error != null ? c.error : stalled, s.error,
                ok ? client.getSession().getProtocol() : null, ok ? client.getSession().getCipherSuite() : null,
                s.wire.toByteArray(), c.wire.toByteArray());
    }

    /** One engine, the records waiting for it, and its first exception. */
    private static final class Side {
        final SSLEngine engine;
        final List<ByteBuffer> inbox = new ArrayList<>();
        final java.io.ByteArrayOutputStream wire = new java.io.ByteArrayOutputStream();
        final ByteBuffer app = ByteBuffer.allocate(1 << 17);
        String error;
        boolean dead;

        Side(SSLEngine engine) {
            this.engine = engine;
        }

        boolean done() {
            return dead || engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && inbox.isEmpty();
        }

        /** Tasks, wraps (also the alert after a failure), then the unwraps of what arrived. */
        boolean turn(Side peer) {
            if (dead) {
                return false;
            }
            boolean moved = false;
            try {
                moved |= tasks();
                moved |= wrapAll(peer::deliver);
                while (!inbox.isEmpty() && error == null) {
                    ByteBuffer in = inbox.get(0);
                    if (engine.unwrap(in, app).bytesConsumed() == 0) {
                        break;
                    }
                    app.clear();
                    moved = true;
                    tasks();
                    if (!in.hasRemaining()) {
                        inbox.remove(0);
                    }
                    moved |= wrapAll(peer::deliver);
                }
            } catch (SSLException | RuntimeException e) {
                error = e.toString();
                moved = true;
                flushAfterFailure(peer);
            }
            return moved;
        }

        void deliver(ByteBuffer records) {
            inbox.add(records);
        }

        private void flushAfterFailure(Side peer) {
            try {
                wrapAll(peer::deliver);
            } catch (SSLException | RuntimeException ignored) {
                // nothing more to send
            }
            dead = true;
        }

        private boolean tasks() {
            boolean any = false;
            for (Runnable t = engine.getDelegatedTask(); t != null; t = engine.getDelegatedTask()) {
                t.run();
                any = true;
            }
            return any;
        }

        private boolean wrapAll(Consumer<ByteBuffer> to) throws SSLException {
            boolean any = false;
            for (int i = 0; i < 50 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP; i++) {
                ByteBuffer out = ByteBuffer.allocate(1 << 17);
                engine.wrap(ByteBuffer.allocate(0), out);
                out.flip();
                if (out.hasRemaining()) {
                    wire.write(out.array(), 0, out.limit());
                    to.accept(out);
                    any = true;
                }
                tasks();
            }
            return any;
        }
    }
}
