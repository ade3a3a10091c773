package dev.bastion.tls.bench;

import java.nio.ByteBuffer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/** A client and a server SSLEngine talking through in-memory buffers, driven on one thread. */
final class EnginePair {
    final SSLEngine client;
    final SSLEngine server;
    private final ByteBuffer clientOut;
    private final ByteBuffer serverOut;
    private final ByteBuffer scratch;

    EnginePair(SSLContext ctx, String protocol, String suite) {
        // no peer host and port: SunJSSE would otherwise resume from its client session cache,
        // and every "full" handshake after the first would be a PSK resumption
        this(ctx.createSSLEngine(), ctx.createSSLEngine(), protocol, suite);
    }

    /** A client engine for {@code host:443} (so that it resumes through its context's cache) and a server engine. */
    EnginePair(SSLContext clientContext, SSLContext serverContext, String protocol, String host) {
        this(clientContext.createSSLEngine(host, 443), serverContext.createSSLEngine(), protocol, null, false);
    }

    /**
     * A pair for handshake-rate benchmarks: the transport buffers are this thread's, reused by
     * every such pair, so that the score is the providers' work and not the harness zeroing
     * 170 KB of fresh buffers per handshake (which was a fifth of a TLS 1.2 resumption's CPU
     * time, the same for both providers, and so squeezed every ratio towards 1). The pair must
     * not be kept past the next one built on the same thread.
     */
    static EnginePair reusingBuffers(SSLContext ctx, String protocol, String suite) {
        return new EnginePair(ctx.createSSLEngine(), ctx.createSSLEngine(), protocol, suite, true);
    }

    /** {@link #reusingBuffers(SSLContext, String, String)} for a resuming client (peer {@code host:443}). */
    static EnginePair reusingBuffers(SSLContext clientContext, SSLContext serverContext, String protocol, String host) {
        return new EnginePair(clientContext.createSSLEngine(host, 443), serverContext.createSSLEngine(), protocol, null, true);
    }

    /** {@link #reusingBuffers(SSLContext, String, String)} for engines the caller made and set up. */
    static EnginePair reusingBuffers(SSLEngine clientEngine, SSLEngine serverEngine, String protocol) {
        return new EnginePair(clientEngine, serverEngine, protocol, null, true);
    }

    private static final ThreadLocal<ByteBuffer[]> BUFFERS = new ThreadLocal<>();

    private EnginePair(SSLEngine clientEngine, SSLEngine serverEngine, String protocol, String suite) {
        this(clientEngine, serverEngine, protocol, suite, false);
    }

    private EnginePair(SSLEngine clientEngine, SSLEngine serverEngine, String protocol, String suite, boolean reuse) {
        client = clientEngine;
        client.setUseClientMode(true);
        server = serverEngine;
        server.setUseClientMode(false);
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            e.setEnabledProtocols(new String[] {protocol});
            if (suite != null) {
                e.setEnabledCipherSuites(new String[] {suite});
            }
        }
        int packet = client.getSession().getPacketBufferSize();
        int app = client.getSession().getApplicationBufferSize();
        ByteBuffer[] b = reuse ? BUFFERS.get() : null;
        if (b == null || b[0].capacity() < packet * 4 || b[2].capacity() < app * 2) {
            b = new ByteBuffer[] {ByteBuffer.allocate(packet * 4), ByteBuffer.allocate(packet * 4), ByteBuffer.allocate(app * 2)};
            if (reuse) {
                BUFFERS.set(b);
            }
        }
        clientOut = b[0].clear();
        serverOut = b[1].clear();
        scratch = b[2].clear();
    }

    /** Runs the handshake to completion; throws if it does not finish. */
    EnginePair handshake() throws SSLException {
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 1000; i++) {
            boolean progress = step(client, clientOut, server) | step(server, serverOut, client);
            if (done(client) && done(server) && clientOut.position() == 0 && serverOut.position() == 0) {
                return this;
            }
            if (!progress) {
                throw new IllegalStateException("handshake stalled: " + client.getHandshakeStatus() + "/" + server.getHandshakeStatus());
            }
        }
        throw new IllegalStateException("handshake did not finish");
    }

    private static boolean done(SSLEngine e) {
        HandshakeStatus s = e.getHandshakeStatus();
        return s == HandshakeStatus.NOT_HANDSHAKING || s == HandshakeStatus.FINISHED;
    }

    /** Lets {@code e} produce into {@code out}, then lets {@code peer} consume {@code out}. */
    private boolean step(SSLEngine e, ByteBuffer out, SSLEngine peer) throws SSLException {
        boolean progress = false;
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
            progress = true;
        }
        if (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            SSLEngineResult r = e.wrap(ByteBuffer.allocate(0), out);
            progress |= r.bytesProduced() > 0 || r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP;
        }
        out.flip();
        while (out.hasRemaining()) {
            scratch.clear();
            SSLEngineResult r = peer.unwrap(out, scratch);
            Runnable t;
            while ((t = peer.getDelegatedTask()) != null) {
                t.run();
            }
            if (r.bytesConsumed() == 0) {
                break;
            }
            progress = true;
        }
        out.compact();
        return progress;
    }
}
