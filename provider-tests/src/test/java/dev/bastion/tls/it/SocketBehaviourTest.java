package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.EngineEndpoint;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.RecordRelay;
import dev.bastion.tls.it.support.SocketServer;
import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same SSLSocket scenarios against SunJSSE and Bastion (each talking to itself): what an
 * application sees before connecting, timeouts that leave the connection usable, available(),
 * close_notify on close (observed by a SunJSSE engine), half-close, full duplex, and misuse.
 */
class SocketBehaviourTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    static Stream<Arguments> providers() {
        return Versions.providersAndVersions();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void beforeConnectingThereIsTheNullSessionAndNoStreams(String provider, String version) throws Exception {
        SSLSocket s = (SSLSocket) Tls.client(provider).getSocketFactory().createSocket();
        assertFalse(s.isConnected());
        assertTrue(s.getUseClientMode());
        SSLSession session = s.getSession();
        assertEquals("SSL_NULL_WITH_NULL_NULL", session.getCipherSuite());
        assertEquals("NONE", session.getProtocol());
        assertFalse(session.isValid());
        assertNull(s.getHandshakeSession());
        assertNull(s.getApplicationProtocol());
        assertThrows(SocketException.class, s::startHandshake);
        assertThrows(SocketException.class, s::getInputStream);
        assertThrows(SocketException.class, s::getOutputStream);
        s.close();
        assertTrue(s.isClosed());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void getSessionRunsTheHandshake(String provider, String version) throws Exception {
        try (SocketServer server = SocketServer.tls(Tls.server(provider), SocketServer.echo());
                SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                SSLSession session = s.getSession();
                assertTrue(session.isValid());
                assertEquals(version, session.getProtocol());
                assertEquals(s.getSession(), session);
            });
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void readTimeoutLeavesTheConnectionUsable(String provider, String version) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        try (SocketServer server = SocketServer.tls(Tls.server(provider), s -> {
            s.getOutputStream().write("first".getBytes(StandardCharsets.US_ASCII));
            go.await(20, TimeUnit.SECONDS);
            s.getOutputStream().write("late".getBytes(StandardCharsets.US_ASCII));
            SocketServer.echo().handle(s);
        }); SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                assertEquals("first", new String(Tls.read(s, 5), StandardCharsets.US_ASCII));
                s.setSoTimeout(300);
                assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read());
                assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(new byte[10]));
                go.countDown();
                s.setSoTimeout(10_000); // the server's late write must not race a 300 ms timeout
                assertEquals("late", new String(Tls.read(s, 4), StandardCharsets.US_ASCII));
                s.getOutputStream().write(new byte[] {1, 2, 3});
                assertArrayEquals(new byte[] {1, 2, 3}, Tls.read(s, 3));
            });
        }
    }

    /** The relay holds back the second half of a record: the timeout fires, nothing is lost. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void timeoutInsideARecordLosesNothing(String provider, String version) throws Exception {
        byte[] payload = new byte[4000];
        new Random(7).nextBytes(payload);
        try (SocketServer server = SocketServer.tls(Tls.server(provider), s -> {
            s.getOutputStream().write(payload);
            SocketServer.echo().handle(s);
        }); RecordRelay relay = new RecordRelay(server.port(), RecordRelay.Mode.PAUSE_MID_RECORD).threshold(3000);
                SSLSocket s = Tls.connect(Tls.client(provider), relay.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.startHandshake();
                s.setSoTimeout(300);
                assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(new byte[100]));
                assertTrue(relay.awaitHalfSent(20));
                assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(new byte[100]));
                relay.release();
                s.setSoTimeout(10_000);
                assertArrayEquals(payload, Tls.read(s, payload.length));
            });
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void availableCountsDecryptedBytesOnly(String provider, String version) throws Exception {
        try (SocketServer server = SocketServer.tls(Tls.server(provider), s -> {
            s.getOutputStream().write(new byte[100]);
            SocketServer.echo().handle(s);
        }); SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.startHandshake();
                InputStream in = s.getInputStream();
                assertEquals(0, in.available(), "nothing decrypted yet");
                assertEquals(0, in.read());
                assertEquals(99, in.available());
                assertEquals(99, in.read(new byte[200]));
                assertEquals(0, in.available());
            });
        }
    }

    /** A SunJSSE engine on the server side tells close_notify from a bare end of stream. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void closeSendsCloseNotify(String provider, String version) throws Exception {
        CompletableFuture<EngineEndpoint.Received> seen = new CompletableFuture<>();
        try (SocketServer server = SocketServer.plain(s -> {
            try {
                EngineEndpoint observer = new EngineEndpoint(observerEngine(), s);
                observer.handshake();
                seen.complete(observer.readToEnd());
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        }); SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
                s.close();
                EngineEndpoint.Received r = seen.get(20, TimeUnit.SECONDS);
                assertEquals("bye", new String(r.data(), StandardCharsets.US_ASCII));
                assertTrue(r.closeNotify(), "close_notify arrived");
                assertTrue(s.isClosed());
                assertThrows(SocketException.class, () -> s.getInputStream().read());
                assertThrows(SocketException.class, () -> s.getOutputStream().write(1));
            });
        }
    }

    /**
     * close() ends the TCP connection too: after close_notify the peer reads the end of the
     * stream (JDK 17's {@code Socket.close()} once did nothing for Bastion's sockets, because it
     * asks the overridden {@code isClosed()} first).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void closeEndsTheTcpConnection(String provider, String version) throws Exception {
        CompletableFuture<Integer> afterCloseNotify = new CompletableFuture<>();
        try (SocketServer server = SocketServer.plain(s -> {
            try {
                EngineEndpoint observer = new EngineEndpoint(observerEngine(), s);
                observer.handshake();
                assertTrue(observer.readToEnd().closeNotify());
                s.setSoTimeout(10_000);
                afterCloseNotify.complete(s.getInputStream().read());
            } catch (Exception e) {
                afterCloseNotify.completeExceptionally(e);
            }
        }); SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.startHandshake();
                s.close();
                assertEquals(-1, afterCloseNotify.get(20, TimeUnit.SECONDS), "the end of the TCP stream");
            });
        }
    }

    /** Both ends' close() reach TCP: a server socket's accepted socket closed by its handler, and an unconnected client's. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void acceptedSocketsCloseReachesTheClient(String provider, String version) throws Exception {
        try (SocketServer server = SocketServer.tls(Tls.server(provider), s -> {
            ((SSLSocket) s).startHandshake();
            s.close();
        }); java.net.Socket raw = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), server.port());
                SSLSocket s = (SSLSocket) Tls.client(provider).getSocketFactory().createSocket(raw, "localhost",
                        server.port(), true)) {
            s.setEnabledProtocols(new String[] {version});
            assertTimeoutPreemptively(LIMIT, () -> {
                s.startHandshake();
                s.setSoTimeout(10_000);
                assertEquals(-1, s.getInputStream().read(), "the server's close_notify");
                raw.setSoTimeout(10_000);
                assertEquals(-1, raw.getInputStream().read(), "the end of the TCP stream");
            });
        }
    }

    /**
     * A thread blocked reading is woken by another thread's close(), as with any socket (before
     * the JDK 17 fix, Bastion's reader stayed blocked until the 10 s wait gave up).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void closeWakesABlockedReader(String provider, String version) throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (SocketServer server = SocketServer.tls(Tls.server(provider), s -> {
            ((SSLSocket) s).startHandshake();
            never.await(25, TimeUnit.SECONDS);
        }); SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.startHandshake();
                CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
                    try {
                        return "read returned " + s.getInputStream().read();
                    } catch (Exception e) {
                        return e.getClass().getSimpleName();
                    }
                });
                Thread.sleep(200); // the reader is blocked now
                s.close();
                // woken at once: "Socket closed", or (SunJSSE 17 now and then) the end of the stream
                String woken = reader.get(10, TimeUnit.SECONDS);
                assertTrue(woken.equals("SocketException") || woken.equals("read returned -1"), woken);
            });
        } finally {
            never.countDown();
        }
    }

    /**
     * shutdownOutput: close_notify goes out and the socket stays open. TLS 1.3 peers may still
     * answer (half-close); a TLS 1.2 peer must answer with its own close_notify at once and drop
     * what it had to say (RFC 5246 §7.2.1), so the reader sees the end of the data.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void shutdownOutputIsAHalfClose(String provider, String version) throws Exception {
        CompletableFuture<EngineEndpoint.Received> seen = new CompletableFuture<>();
        try (SocketServer server = SocketServer.plain(s -> {
            EngineEndpoint observer = new EngineEndpoint(observerEngine(), s);
            EngineEndpoint.Received r;
            try {
                observer.handshake();
                r = observer.readToEnd();
            } catch (Exception e) {
                seen.completeExceptionally(e);
                throw e;
            }
            seen.complete(r);
            if (!observer.outboundDone()) {
                observer.write(("got " + new String(r.data(), StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII));
            }
            s.close();
        }); SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.getOutputStream().write("req".getBytes(StandardCharsets.US_ASCII));
                s.shutdownOutput();
                assertTrue(s.isOutputShutdown());
                assertFalse(s.isClosed());
                assertTrue(seen.get(20, TimeUnit.SECONDS).closeNotify());
                if (version.equals("TLSv1.2")) {
                    assertEquals(-1, s.getInputStream().read());
                } else {
                    assertEquals("got req", new String(Tls.read(s, 7), StandardCharsets.US_ASCII));
                }
            });
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void shutdownInputBeforeThePeersCloseNotifyThrows(String provider, String version) throws Exception {
        try (SocketServer server = SocketServer.tls(Tls.server(provider), SocketServer.echo());
                SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.startHandshake();
                InputStream in = s.getInputStream();
                assertThrows(SSLException.class, s::shutdownInput);
                assertTrue(s.isInputShutdown());
                assertEquals(-1, in.read());
                assertThrows(SocketException.class, s::getInputStream);
            });
        }
    }

    /**
     * A SunJSSE server's close() ends the connection in both directions: in TLS 1.3 it sends
     * user_canceled before close_notify (SunJSSE's duplex close), and in TLS 1.2 close_notify
     * always closes both. The client reads the end of the data, and its next write fails
     * instead of going out to a peer that has gone.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void aSunJsseServersCloseClosesTheClientsWriteSide(String provider, String version) throws Exception {
        try (SocketServer server = SocketServer.tls(Tls.server("SunJSSE"), s -> {
            ((SSLSocket) s).startHandshake();
            s.close();
        }); SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.startHandshake();
                s.setSoTimeout(10_000);
                assertEquals(-1, s.getInputStream().read());
                assertThrows(SocketException.class, () -> s.getOutputStream().write(new byte[] {1}));
            });
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void peersCloseEndsTheData(String provider, String version) throws Exception {
        try (SocketServer server = SocketServer.tls(Tls.server(provider), s -> {
            s.getOutputStream().write("last words".getBytes(StandardCharsets.US_ASCII));
            s.close();
        }); SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                InputStream in = s.getInputStream();
                assertEquals("last words", new String(Tls.read(s, 10), StandardCharsets.US_ASCII));
                assertEquals(-1, in.read());
                assertEquals(-1, in.read(new byte[5]));
                assertThrows(SocketException.class, s::getInputStream, "input is shut down after close_notify");
            });
        }
    }

    /** One thread blocks reading while another writes 1 MiB; the echo comes back whole. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void fullDuplex(String provider, String version) throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(3).nextBytes(data);
        try (SocketServer server = SocketServer.tls(Tls.server(provider), SocketServer.echo());
                SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.startHandshake();
                CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> {
                    try {
                        return Tls.read(s, data.length);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Thread.sleep(100); // the reader is blocked now
                OutputStream out = s.getOutputStream();
                for (int off = 0; off < data.length; off += 8192) {
                    out.write(data, off, 8192);
                }
                assertArrayEquals(data, echoed.get(25, TimeUnit.SECONDS));
            });
        }
    }

    /** After the handshake, startHandshake asks for a KeyUpdate (TLS 1.3); data keeps flowing both ways. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void startHandshakeAgainUpdatesKeys(String provider, String version) throws Exception {
        try (SocketServer server = SocketServer.tls(Tls.server(provider), SocketServer.echo());
                SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.startHandshake();
                s.getOutputStream().write(1);
                assertEquals(1, s.getInputStream().read());
                s.startHandshake();
                s.getOutputStream().write(2);
                assertEquals(2, s.getInputStream().read());
            });
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void misuseIsRefusedAsSunJsseRefusesIt(String provider, String version) throws Exception {
        try (SocketServer server = SocketServer.tls(Tls.server(provider), SocketServer.echo());
                SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertThrows(IllegalArgumentException.class, () -> s.addHandshakeCompletedListener(null));
            assertThrows(IllegalArgumentException.class, () -> s.removeHandshakeCompletedListener(e -> { }));
            assertThrows(IllegalArgumentException.class, () -> s.setEnabledProtocols(new String[] {"TLSv9"}));
            assertThrows(IllegalArgumentException.class, () -> s.setEnabledCipherSuites(new String[] {"TLS_NOPE"}));
            assertThrows(SocketException.class, () -> s.setOOBInline(true));
            assertThrows(SocketException.class, () -> s.sendUrgentData(1));
            assertTimeoutPreemptively(LIMIT, () -> s.startHandshake());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.setUseClientMode(false));
            assertEquals("Cannot change mode after SSL traffic has started", e.getMessage());
        }
    }

    /** A SunJSSE engine as the neutral observer. */
    private static SSLEngine observerEngine() throws Exception {
        SSLEngine e = Tls.server("SunJSSE").createSSLEngine();
        e.setUseClientMode(false);
        return e;
    }
}
