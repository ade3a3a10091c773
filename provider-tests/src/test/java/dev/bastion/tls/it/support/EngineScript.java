package dev.bastion.tls.it.support;

import dev.bastion.tls.it.support.Credentials.KeyType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;

/**
 * A client and a server engine of one provider, connected by two wire buffers, and a log of
 * what each call answered in the terms an application sees: status, handshake status, bytes
 * consumed and produced, exception classes (and the alert a received fatal alert names),
 * done flags. Two providers' logs of the same script can be compared line by line.
 */
public final class EngineScript {
    public final SSLEngine client;
    public final SSLEngine server;
    /** Client to server: what the client wrapped and the server has not read yet (write mode). */
    public final ByteBuffer c2s = ByteBuffer.allocate(1 << 18);
    /** Server to client (write mode). */
    public final ByteBuffer s2c = ByteBuffer.allocate(1 << 18);
    public final List<String> log = new ArrayList<>();

    private EngineScript(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
    }

    /** Engines of {@code provider} restricted to {@code protocol} and {@code suite}; no handshake yet. */
    public static EngineScript of(String provider, String protocol, String suite) throws Exception {
        SSLEngine client = Credentials.get().context(provider, null, false).createSSLEngine("localhost", 443);
        SSLEngine server = Credentials.get().context(provider, KeyType.EC_P256, true).createSSLEngine();
        client.setUseClientMode(true);
        server.setUseClientMode(false);
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            e.setEnabledProtocols(new String[] {protocol});
            e.setEnabledCipherSuites(new String[] {suite});
        }
        return new EngineScript(client, server);
    }

    /** Runs the whole handshake (tickets included), not logged. */
    public EngineScript handshake() throws Exception {
        new EnginePair(client, server).handshake();
        return this;
    }

    private String name(SSLEngine e) {
        return e == client ? "C" : "S";
    }

    private ByteBuffer out(SSLEngine e) {
        return e == client ? c2s : s2c;
    }

    private ByteBuffer in(SSLEngine e) {
        return e == client ? s2c : c2s;
    }

    /** The engine's handshake status and done flags. */
    public static String flags(SSLEngine e) {
        return e.getHandshakeStatus() + " in=" + e.isInboundDone() + " out=" + e.isOutboundDone();
    }

    /** Logs {@code what} and the engine's flags. */
    public void note(SSLEngine e, String what) {
        log.add(name(e) + " " + what + " | " + flags(e));
    }

    /** {@code e} wraps {@code data} (empty: a handshake or close step) onto its wire. */
    public SSLEngineResult wrap(SSLEngine e, byte[] data) {
        return wrap(e, ByteBuffer.wrap(data), out(e), "wrap " + data.length);
    }

    /** {@code e} wraps from {@code src} into {@code dst} (not its wire): for buffer sizes. */
    public SSLEngineResult wrap(SSLEngine e, ByteBuffer src, ByteBuffer dst, String label) {
        return logged(e, label, () -> e.wrap(src, dst));
    }

    /** {@code e} unwraps what is on its wire into a large buffer; returns the application bytes. */
    public byte[] unwrap(SSLEngine e) {
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        unwrap(e, app, "unwrap");
        app.flip();
        byte[] b = new byte[app.remaining()];
        app.get(b);
        return b;
    }

    /** {@code e} unwraps what is on its wire into {@code dst}. */
    public SSLEngineResult unwrap(SSLEngine e, ByteBuffer dst, String label) {
        return unwrap(e, in(e), new ByteBuffer[] {dst}, label);
    }

    /** {@code e} unwraps from {@code src} (write mode: it is flipped and compacted around the call). */
    public SSLEngineResult unwrap(SSLEngine e, ByteBuffer src, ByteBuffer[] dsts, String label) {
        src.flip();
        try {
            return logged(e, label, () -> e.unwrap(src, dsts));
        } finally {
            src.compact();
        }
    }

    /** Runs {@code action} on {@code e} and logs whether it threw. */
    public void call(SSLEngine e, String label, ThrowingRunnable action) {
        try {
            action.run();
            log.add(name(e) + " " + label + " ok | " + flags(e));
        } catch (Exception x) {
            log.add(name(e) + " " + label + " !! " + exception(x) + " | " + flags(e));
        }
    }

    /** Runs the delegated tasks {@code e} has, logging how many. */
    public void tasks(SSLEngine e) {
        int n = 0;
        for (Runnable t = e.getDelegatedTask(); t != null; t = e.getDelegatedTask()) {
            t.run();
            n++;
        }
        log.add(name(e) + " tasks " + n + " | " + flags(e));
    }

    /** An action that may throw. */
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static String describe(SSLEngineResult r) {
        return r.getStatus() + "/" + r.getHandshakeStatus() + " consumed=" + r.bytesConsumed() + " produced="
                + r.bytesProduced();
    }

    /** The exception's class, and the alert when it reports one received from the peer. */
    static String exception(Exception x) {
        String m = x.getMessage() == null ? "" : x.getMessage();
        int at = m.indexOf("Received fatal alert: ");
        return x.getClass().getName() + (at >= 0 ? " (" + m.substring(at) + ")" : "");
    }

    /** Runs one engine call, logging its result or its exception (then null) and the engine's flags. */
    private SSLEngineResult logged(SSLEngine e, String label, Callable<SSLEngineResult> call) {
        try {
            SSLEngineResult r = call.call();
            log.add(name(e) + " " + label + " -> " + describe(r) + " | " + flags(e));
            return r;
        } catch (Exception x) {
            log.add(name(e) + " " + label + " !! " + exception(x) + " | " + flags(e));
            return null;
        }
    }
}
