package dev.bastion.tls.it.support;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

/**
 * A client and a server {@link SSLEngine} connected through in-memory buffers and driven on
 * one thread the way applications drive engines: wrap when asked, unwrap what arrived, run
 * delegated tasks. Every call is recorded, so the status sequences of two providers can be
 * compared step by step.
 */
public final class EnginePair {
    /** One wrap or unwrap call as the application saw it. */
    public record Step(String engine, String op, Status status, HandshakeStatus handshakeStatus, boolean consumed,
            boolean produced) {
        @Override
        public String toString() {
            return engine + "." + op + " -> " + status + "/" + handshakeStatus + (consumed ? " consumed" : "")
                    + (produced ? " produced" : "");
        }
    }

    public final SSLEngine client;
    public final SSLEngine server;
    private final ByteBuffer toServer;
    private final ByteBuffer toClient;
    private final ByteBuffer clientApp;
    private final ByteBuffer serverApp;
    private final List<Step> steps = new ArrayList<>();
    private final java.io.ByteArrayOutputStream clientWire = new java.io.ByteArrayOutputStream();
    private final java.io.ByteArrayOutputStream serverWire = new java.io.ByteArrayOutputStream();
    private int tasks;

    public EnginePair(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
        client.setUseClientMode(true);
        server.setUseClientMode(false);
        int packet = Math.max(client.getSession().getPacketBufferSize(), server.getSession().getPacketBufferSize());
        int app = Math.max(client.getSession().getApplicationBufferSize(), server.getSession().getApplicationBufferSize());
        toServer = ByteBuffer.allocate(packet * 8);
        toClient = ByteBuffer.allocate(packet * 8);
        clientApp = ByteBuffer.allocate(app * 4);
        serverApp = ByteBuffer.allocate(app * 4);
    }

    public List<Step> steps() {
        return steps;
    }

    public int tasksRun() {
        return tasks;
    }

    /** Every byte one side wrapped during {@link #handshake()}, in order: its TLS records. */
    public byte[] handshakeBytes(boolean fromClient) {
        return (fromClient ? clientWire : serverWire).toByteArray();
    }

    /** Runs the handshake until both engines are NOT_HANDSHAKING with nothing in flight. */
    public EnginePair handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 200; round++) {
            boolean moved = drive(client, "client", toServer, toClient, clientApp);
            moved |= drive(server, "server", toClient, toServer, serverApp);
            if (idle(client) && idle(server) && toServer.position() == 0 && toClient.position() == 0) {
                return this;
            }
            if (!moved) {
                throw new IllegalStateException("handshake stalled: client " + client.getHandshakeStatus()
                        + ", server " + server.getHandshakeStatus() + "\n" + steps);
            }
        }
        throw new IllegalStateException("handshake did not finish in 200 rounds\n" + steps);
    }

    /** Sends {@code data} from one engine to the other and returns what the receiver got. */
    public byte[] send(boolean fromClient, byte[] data) throws SSLException {
        SSLEngine from = fromClient ? client : server;
        SSLEngine to = fromClient ? server : client;
        ByteBuffer wire = fromClient ? toServer : toClient;
        ByteBuffer app = fromClient ? serverApp : clientApp;
        ByteBuffer src = ByteBuffer.wrap(data);
        while (src.hasRemaining()) {
            SSLEngineResult r = from.wrap(src, wire);
            if (r.getStatus() != Status.OK) {
                throw new IllegalStateException("wrap: " + r);
            }
        }
        wire.flip();
        app.clear();
        while (wire.hasRemaining()) {
            SSLEngineResult r = to.unwrap(wire, app);
            if (r.getStatus() != Status.OK) {
                throw new IllegalStateException("unwrap: " + r);
            }
            runTasks(to);
        }
        wire.compact();
        app.flip();
        byte[] out = new byte[app.remaining()];
        app.get(out);
        return out;
    }

    private static boolean idle(SSLEngine e) {
        return e.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    /** One turn for {@code e}: tasks, then wraps while it wants to, then unwraps what is in {@code in}. */
    private boolean drive(SSLEngine e, String name, ByteBuffer out, ByteBuffer in, ByteBuffer app) throws SSLException {
        boolean moved = runTasks(e);
        while (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            int start = out.position();
            SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), out);
            record(name, "wrap", r);
            (e == client ? clientWire : serverWire).write(out.array(), start, out.position() - start);
            moved = true;
            if (r.getStatus() != Status.OK) {
                throw new IllegalStateException(name + " wrap: " + r);
            }
            runTasks(e);
        }
        in.flip();
        while (in.hasRemaining() && wantsInput(e.getHandshakeStatus())) {
            SSLEngineResult r = e.unwrap(in, app);
            record(name, "unwrap", r);
            if (r.getStatus() == Status.BUFFER_UNDERFLOW) {
                break;
            }
            moved = true;
            runTasks(e);
        }
        in.compact();
        return moved;
    }

    /** NEED_UNWRAP, or done handshaking with post-handshake records (tickets) still arriving. */
    private static boolean wantsInput(HandshakeStatus s) {
        return s == HandshakeStatus.NEED_UNWRAP || s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    private boolean runTasks(SSLEngine e) {
        boolean any = false;
        Runnable t;
        while ((t = e.getDelegatedTask()) != null) {
            t.run();
            tasks++;
            any = true;
        }
        return any;
    }

    private void record(String name, String op, SSLEngineResult r) {
        steps.add(new Step(name, op, r.getStatus(), r.getHandshakeStatus(), r.bytesConsumed() > 0, r.bytesProduced() > 0));
    }
}
