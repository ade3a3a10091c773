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
        this(clientContext.createSSLEngine(host, 443), serverContext.createSSLEngine(), protocol, null);
    }

    private EnginePair(SSLEngine clientEngine, SSLEngine serverEngine, String protocol, String suite) {
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
        clientOut = ByteBuffer.allocate(packet * 4);
        serverOut = ByteBuffer.allocate(packet * 4);
        scratch = ByteBuffer.allocate(app * 2);
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
