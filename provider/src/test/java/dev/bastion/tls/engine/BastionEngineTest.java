package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.connection.FakeHandshaker;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/** Bastion's engine over the scripted handshaker: what the SunJSSE comparison cannot show. */
class BastionEngineTest {

    @Test
    void finishedIsReportedExactlyOncePerSide() throws Exception {
        Engines e = Engines.bastion();
        e.handshake();
        assertEquals(1, e.log.stream().filter(s -> s.startsWith("C ") && s.endsWith("/FINISHED")).count());
        assertEquals(1, e.log.stream().filter(s -> s.startsWith("S ") && s.endsWith("/FINISHED")).count());
        assertEquals(1, e.fakes.get(0).tickets, "the ticket arrived after FINISHED");
    }

    @Test
    void applicationDataGathersAndScatters() throws Exception {
        Engines e = Engines.bastion();
        e.handshake();
        ByteBuffer net = ByteBuffer.allocate(1000);
        SSLEngineResult w = e.client.wrap(new ByteBuffer[] {ByteBuffer.wrap("ab".getBytes()), ByteBuffer.wrap("cdef".getBytes())}, net);
        assertEquals(6, w.bytesConsumed());
        assertEquals(6 + 22, w.bytesProduced());
        net.flip();
        ByteBuffer a = ByteBuffer.allocate(4);
        ByteBuffer b = ByteBuffer.allocate(4);
        SSLEngineResult u = e.server.unwrap(net, new ByteBuffer[] {a, b});
        assertEquals(6, u.bytesProduced());
        assertEquals("abcdef", new String(a.array()) + new String(b.array(), 0, 2));
        assertEquals("pong", Engines.send(e.server, e.client, "pong"));
    }

    @Test
    void delegatedTasksMayRunOnAnotherThread() throws Exception {
        Engines e = Engines.bastion();
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> new Thread(r, "task-pool"));
        try {
            e.client.beginHandshake();
            ByteBuffer app = ByteBuffer.allocate(1 << 16);
            for (int i = 0; i < 40 && !e.done(); i++) {
                for (SSLEngine engine : List.of(e.client, e.server)) {
                    Runnable t;
                    while ((t = engine.getDelegatedTask()) != null) {
                        assertEquals(HandshakeStatus.NEED_TASK, engine.getHandshakeStatus());
                        pool.submit(t).get(10, TimeUnit.SECONDS);
                    }
                    ByteBuffer out = engine == e.client ? e.c2s : e.s2c;
                    ByteBuffer in = engine == e.client ? e.s2c : e.c2s;
                    while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        engine.wrap(Engines.EMPTY, out);
                    }
                    in.flip();
                    while (in.hasRemaining() && engine.getHandshakeStatus() != HandshakeStatus.NEED_TASK
                            && engine.unwrap(in, app).bytesConsumed() > 0) {
                        // one record per call
                    }
                    in.compact();
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals("TLSv1.3", e.client.getSession().getProtocol());
        assertTrue(e.fakes.get(1).threads.contains("task-pool"));
    }

    @Test
    void sessionsThroughTheHandshake() throws Exception {
        SSLContext ctx = Engines.bastionContext(FakeHandshaker.factory(false, new ArrayList<>()), null, null);
        SSLEngine client = ctx.createSSLEngine("www.example.com", 8443);
        client.setUseClientMode(true);
        SSLEngine server = ctx.createSSLEngine();
        server.setUseClientMode(false);
        assertNull(client.getHandshakeSession());
        client.beginHandshake();
        assertNull(client.getHandshakeSession(), "none before the peer's hello, as SunJSSE");
        assertNull(client.getHandshakeApplicationProtocol());
        Engines.pump(client, server);
        assertNull(client.getHandshakeSession());
        ExtendedSSLSession hs = (ExtendedSSLSession) client.getSession();
        assertEquals(List.of(new SNIHostName("www.example.com")), hs.getRequestedServerNames());
        assertTrue(List.of(hs.getLocalSupportedSignatureAlgorithms()).containsAll(List.of("SHA256withECDSA", "RSASSA-PSS",
                "Ed25519", "SHA256withRSA", "SHA1withRSA")), "JCA names, as SunJSSE reports them");
        assertEquals("TLSv1.3", client.getSession().getProtocol());
        assertEquals("TLS_AES_128_GCM_SHA256", client.getSession().getCipherSuite());
        assertEquals("www.example.com", client.getSession().getPeerHost());
        assertEquals(8443, client.getSession().getPeerPort());
        assertEquals(ctx.getClientSessionContext(), client.getSession().getSessionContext());
        assertEquals(ctx.getServerSessionContext(), server.getSession().getSessionContext());
        assertEquals("", client.getApplicationProtocol());
        assertTrue(client.getSession().isValid());
    }

    @Test
    void defaultServerNameOnlyForDottedHostNames() throws Exception {
        SSLContext ctx = Engines.bastionContext(FakeHandshaker.factory(false, new ArrayList<>()), null, null);
        for (String host : List.of("localhost", "localhost.", "10.0.0.1", "::1", ".")) {
            SSLEngine e = ctx.createSSLEngine(host, 1);
            e.setUseClientMode(true);
            assertNull(e.getSSLParameters().getServerNames(), host);
        }
        SSLEngine dotted = ctx.createSSLEngine("example.com.", 1);
        dotted.setUseClientMode(true);
        assertEquals(List.of(new SNIHostName("example.com")), dotted.getSSLParameters().getServerNames(),
                "a fully qualified name loses its trailing dot, as SunJSSE");
        assertEquals("example.com.", dotted.getPeerHost());
        SSLEngine e = ctx.createSSLEngine("example.com", 1);
        e.setUseClientMode(true);
        assertEquals(List.of(new SNIHostName("example.com")), e.getSSLParameters().getServerNames());
        e.setUseClientMode(false);
        assertNull(e.getSSLParameters().getServerNames(), "servers send no SNI");
    }

    @Test
    void aSocketLayeredOverAFullyQualifiedHostSendsTheNameWithoutTheDot() throws Exception {
        SSLContext ctx = Engines.bastionContext(FakeHandshaker.factory(false, new ArrayList<>()), null, null);
        try (java.net.ServerSocket listener = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
                java.net.Socket plain = new java.net.Socket(listener.getInetAddress(), listener.getLocalPort());
                javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) ctx.getSocketFactory()
                        .createSocket(plain, "example.com.", listener.getLocalPort(), true)) {
            assertEquals(List.of(new SNIHostName("example.com")), s.getSSLParameters().getServerNames(), "as SunJSSE");
        }
    }

    @Test
    void setSSLParametersIsAllOrNothingAndRoundTrips() throws Exception {
        SSLEngine e = Engines.bastion().client;
        String[] before = e.getEnabledProtocols();
        String[] suitesBefore = e.getEnabledCipherSuites();
        SSLParameters bad = new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256"}, new String[] {"FOO"});
        assertThrows(IllegalArgumentException.class, () -> e.setSSLParameters(bad));
        assertArrayEquals(before, e.getEnabledProtocols());
        assertArrayEquals(suitesBefore, e.getEnabledCipherSuites(), "the valid half was not applied either");
        SSLParameters p = new SSLParameters(new String[] {"TLS_CHACHA20_POLY1305_SHA256"}, new String[] {"TLSv1.3"});
        p.setApplicationProtocols(new String[] {"h2"});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setUseCipherSuitesOrder(false);
        p.setMaximumPacketSize(1000);
        p.setServerNames(List.of(new SNIHostName("other.example")));
        p.setWantClientAuth(true);
        e.setSSLParameters(p);
        SSLParameters q = e.getSSLParameters();
        assertArrayEquals(new String[] {"TLS_CHACHA20_POLY1305_SHA256"}, q.getCipherSuites());
        assertArrayEquals(new String[] {"h2"}, q.getApplicationProtocols());
        assertEquals("HTTPS", q.getEndpointIdentificationAlgorithm());
        assertFalse(q.getUseCipherSuitesOrder());
        assertEquals(1000, q.getMaximumPacketSize());
        assertEquals(List.of(new SNIHostName("other.example")), q.getServerNames());
        assertTrue(q.getWantClientAuth());
    }

    @Test
    void maximumPacketSizeBoundsTheRecordsWritten() throws Exception {
        Engines e = Engines.bastion();
        SSLParameters p = e.client.getSSLParameters();
        p.setMaximumPacketSize(1000);
        e.client.setSSLParameters(p);
        e.handshake();
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        SSLEngineResult r = e.client.wrap(ByteBuffer.allocate(5000), net);
        assertEquals(1000 - 22, r.bytesConsumed());
        assertEquals(1000, r.bytesProduced());
    }

    @Test
    void switchingModeTakesTheOtherSidesDefaultsUnlessSet() throws Exception {
        SSLEngine e = Engines.bastionContext(config -> null, null, null).createSSLEngine();
        assertFalse(e.getUseClientMode(), "engines start in server mode, as in SunJSSE");
        e.setUseClientMode(true);
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, e.getEnabledProtocols());
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, e.getSupportedProtocols());
        assertTrue(List.of(e.getSupportedCipherSuites()).contains("TLS_EMPTY_RENEGOTIATION_INFO_SCSV"));
        e.setEnabledCipherSuites(new String[] {"TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_AES_128_GCM_SHA256"});
        e.setUseClientMode(false);
        assertArrayEquals(new String[] {"TLS_EMPTY_RENEGOTIATION_INFO_SCSV", "TLS_AES_128_GCM_SHA256"}, e.getEnabledCipherSuites());
    }

    @Test
    void beginHandshakeAfterTheHandshakeUpdatesKeys() throws Exception {
        Engines e = Engines.bastion();
        e.handshake();
        e.client.beginHandshake();
        assertEquals(HandshakeStatus.NEED_WRAP, e.client.getHandshakeStatus());
        ByteBuffer net = ByteBuffer.allocate(1000);
        SSLEngineResult r = e.client.wrap(Engines.EMPTY, net);
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, r.getHandshakeStatus(), "a KeyUpdate is not a handshake: no second FINISHED");
        net.flip();
        e.server.unwrap(net, ByteBuffer.allocate(100));
        assertEquals(List.of(true), e.fakes.get(1).keyUpdateRequests);
        assertEquals(HandshakeStatus.NEED_WRAP, e.server.getHandshakeStatus(), "the server answers with its own KeyUpdate");
        assertEquals("still fine", Engines.send(e.client, e.server, "still fine"));
    }

    @Test
    void unwrapDuringHandshakeNeedsNoApplicationRoom() throws Exception {
        Engines e = Engines.bastion();
        e.client.beginHandshake();
        e.client.wrap(Engines.EMPTY, e.c2s);
        e.c2s.flip();
        SSLEngineResult r = e.server.unwrap(e.c2s, ByteBuffer.allocate(0));
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        assertEquals(HandshakeStatus.NEED_TASK, r.getHandshakeStatus());
        assertInstanceOf(Runnable.class, e.server.getDelegatedTask());
        assertNull(e.server.getDelegatedTask());
        SSLEngineResult again = e.server.unwrap(ByteBuffer.wrap(new byte[] {20, 3, 3, 0, 1, 1}), ByteBuffer.allocate(10));
        assertEquals(0, again.bytesConsumed(), "nothing is read while a task is pending");
        assertEquals(HandshakeStatus.NEED_TASK, again.getHandshakeStatus());
    }
}
