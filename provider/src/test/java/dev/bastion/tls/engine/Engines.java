package dev.bastion.tls.engine;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.connection.FakeHandshaker;
import dev.bastion.tls.connection.HandshakerFactory;
import dev.bastion.tls.connection.Handshakers;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.spi.BastionSSLContext;
import dev.bastion.tls.testutil.SelfSigned;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManager;

/**
 * Engine pairs for the tests: Bastion engines over the scripted handshaker, SunJSSE engines
 * over a self-signed certificate, and one deterministic driver for both, which records every
 * call as "C wrap OK/NEED_UNWRAP" so the two can be compared.
 */
final class Engines {
    final SSLEngine client;
    final SSLEngine server;
    final List<FakeHandshaker> fakes;
    final List<String> log = new ArrayList<>();
    final ByteBuffer c2s = ByteBuffer.allocate(1 << 17);
    final ByteBuffer s2c = ByteBuffer.allocate(1 << 17);
    final ByteBuffer clientApp = ByteBuffer.allocate(1 << 16);
    final ByteBuffer serverApp = ByteBuffer.allocate(1 << 16);
    static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private Engines(SSLContext ctx, List<FakeHandshaker> fakes) {
        client = ctx.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        server = ctx.createSSLEngine();
        server.setUseClientMode(false);
        this.fakes = fakes;
    }

    private Engines(SSLEngine client, SSLEngine server) {
        this.client = client;
        this.server = server;
        this.fakes = List.of();
    }

    /** Runs the handshake between two engines made elsewhere. */
    static void pump(SSLEngine client, SSLEngine server) throws Exception {
        new Engines(client, server).handshake();
    }

    /** Bastion engines whose handshakers are {@link FakeHandshaker}s (the server sends a ticket, like SunJSSE). */
    static Engines bastion() throws Exception {
        return bastion(h -> { }, null, null);
    }

    static Engines bastion(Consumer<FakeHandshaker> setup, KeyManager[] km, TrustManager[] tm) throws Exception {
        List<FakeHandshaker> fakes = new ArrayList<>();
        return new Engines(bastionContext(FakeHandshaker.factory(true, fakes, setup), km, tm), fakes);
    }

    static SSLContext bastionContext(HandshakerFactory factory, KeyManager[] km, TrustManager[] tm) throws Exception {
        BastionSSLContext spi = new BastionSSLContext("TLS", PropertySource.of(Map.of(), Map.of()), factory);
        SSLContext ctx = new SSLContext(spi, new BastionProvider(), "TLS") { };
        ctx.init(km, tm == null ? new TrustManager[0] : tm, null);
        return ctx;
    }

    /**
     * A Bastion context of the JCA {@code protocol} whose system properties are {@code system}
     * (the {@code javax.net.ssl.*} store settings, {@code jdk.tls.*}), with the real handshakes;
     * initialised with the default managers unless it is {@code "Default"}, which needs no init.
     */
    static SSLContext propertyContext(String protocol, Map<String, String> system) throws Exception {
        SSLContext ctx = new SSLContext(new BastionSSLContext(protocol, PropertySource.of(system, Map.of()),
                Handshakers.STANDARD), new BastionProvider(), protocol) { };
        if (!"Default".equals(protocol)) {
            ctx.init(null, null, null);
        }
        return ctx;
    }

    /** SunJSSE engines negotiating TLS 1.3 with a fresh self-signed certificate. */
    static Engines sunJsse() throws Exception {
        SelfSigned pki = SelfSigned.localhost();
        SSLContext ctx = SSLContext.getInstance("TLSv1.3", "SunJSSE");
        ctx.init(pki.keyManagers(), pki.trustManagers(), null);
        Engines e = new Engines(ctx, List.of());
        e.client.setEnabledProtocols(new String[] {"TLSv1.3"});
        return e;
    }

    static String r(SSLEngineResult r) {
        return r.getStatus() + "/" + r.getHandshakeStatus();
    }

    /** Runs the handshake with one fixed strategy, logging each call. */
    void handshake() throws Exception {
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 40 && !done(); i++) {
            step("C", client, c2s, s2c, clientApp);
            step("S", server, s2c, c2s, serverApp);
        }
    }

    boolean done() {
        return client.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING
                && server.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING && c2s.position() == 0 && s2c.position() == 0;
    }

    /** Does what the engine asks until it waits for the peer. */
    void step(String who, SSLEngine e, ByteBuffer out, ByteBuffer in, ByteBuffer app) throws Exception {
        for (int k = 0; k < 10; k++) {
            HandshakeStatus hs = e.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                Runnable t;
                while ((t = e.getDelegatedTask()) != null) {
                    t.run();
                }
                log.add(who + " task -> " + e.getHandshakeStatus());
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult res = e.wrap(EMPTY, out);
                log.add(who + " wrap " + r(res));
                if (res.bytesProduced() == 0) {
                    return;
                }
            } else {
                in.flip();
                if (!in.hasRemaining()) {
                    in.compact();
                    return;
                }
                SSLEngineResult res;
                try {
                    res = e.unwrap(in, app);
                } finally {
                    in.compact();
                }
                log.add(who + " unwrap " + r(res));
                if (res.getStatus() != SSLEngineResult.Status.OK || res.bytesConsumed() == 0) {
                    return;
                }
            }
        }
    }

    /** Sends {@code data} from {@code from} and unwraps it at {@code to}; returns what arrived. */
    static String send(SSLEngine from, SSLEngine to, String data) throws Exception {
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        SSLEngineResult w = from.wrap(ByteBuffer.wrap(data.getBytes()), net);
        if (w.getStatus() != SSLEngineResult.Status.OK) {
            throw new AssertionError("wrap " + w);
        }
        net.flip();
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        while (net.hasRemaining()) {
            SSLEngineResult u = to.unwrap(net, app);
            if (u.bytesConsumed() == 0) {
                throw new AssertionError("unwrap " + u);
            }
        }
        return new String(app.array(), 0, app.position());
    }
}
