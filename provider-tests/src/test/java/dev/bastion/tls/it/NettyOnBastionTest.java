package dev.bastion.tls.it;

import static dev.bastion.tls.it.support.NettyEnds.providerEngine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionSessions;
import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.NettyEnds;
import dev.bastion.tls.it.support.NettyEnds.End;
import dev.bastion.tls.it.support.Providers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig.Protocol;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectedListenerFailureBehavior;
import io.netty.handler.ssl.ApplicationProtocolConfig.SelectorFailureBehavior;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Netty 4.2's {@code SslHandler}, unchanged, on NIO event loops with Bastion's engines: both
 * ends' {@code SslContext}s are built by {@code SslContextBuilder} with
 * {@code sslProvider(JDK)} and {@code sslContextProvider(Bastion)} (or, for the mixed cases,
 * one end on the JDK's default provider, SunJSSE). Netty reads several records per unwrap
 * buffer, wraps composite buffers, sizes its buffers from the session's packet and application
 * buffer sizes, runs delegated tasks on an executor, negotiates ALPN through
 * {@code setHandshakeApplicationProtocolSelector}/{@code setSSLParameters} and exchanges
 * close_notify on {@code close()}; each test checks the engine class that carried its side.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NettyOnBastionTest {
    private static final String ENGINE = "dev.bastion.tls.engine.BastionEngine";
    private static final String SUN_ENGINE = "sun.security.ssl.SSLEngineImpl";
    private static final int[] CHUNKS = {1, 5, 100, 1_000, 16_383, 16_384, 16_385, 40_000, 65_553, 3, 300_000};
    private static final Provider BASTION = bastion();

    /**
     * Echo of 1 MiB in chunks of 1 byte to 300 kB (some composite) both ways; the version and
     * the one suite the client offers (the server has three more) are the session's.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"TLSv1.3, EC_P256, TLS_AES_256_GCM_SHA384", "TLSv1.3, RSA, TLS_CHACHA20_POLY1305_SHA256",
        "TLSv1.2, EC_P256, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLSv1.2, RSA, TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"})
    void bastionOnBothEndsEchoesOneMebibyte(String version, KeyType key, String suite) throws Exception {
        // Netty's default list has no ChaCha20 suite: the server adds the one under test to AES-128-GCM
        SslContext server = server(BASTION, key).ciphers(List.of(suite, "TLS_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).build();
        SslContext client = client(BASTION, null).protocols(version).ciphers(List.of(suite)).build();
        try (NettyEnds netty = new NettyEnds()) {
            End[] ends = handshaken(netty, client, netty.serve(server, null, true));
            End c = ends[0];
            End s = ends[1];
            for (End e : List.of(c, s)) {
                assertEquals(ENGINE, providerEngine(e.ssl).getClass().getName());
                assertEquals(version, e.ssl.engine().getSession().getProtocol());
                assertEquals(suite, e.ssl.engine().getSession().getCipherSuite());
            }
            assertEquals(key == KeyType.RSA ? "RSA" : "EC",
                    c.ssl.engine().getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm());
            echo(c, s, payload(1 << 20));
        }
    }

    /** The server offers h2 and http/1.1; the client's first protocol the server has is chosen, seen by both. */
    @ParameterizedTest(name = "{0} client offers {1}")
    @CsvSource({"TLSv1.3, http/1.1, http/1.1", "TLSv1.3, h2;http/1.1, h2", "TLSv1.2, http/1.1, http/1.1",
        "TLSv1.2, h2;http/1.1, h2"})
    void alpnThroughApplicationProtocolConfig(String version, String offered, String chosen) throws Exception {
        SslContext server = server(BASTION, KeyType.EC_P256).applicationProtocolConfig(alpn("h2", "http/1.1")).build();
        SslContext client = client(BASTION, null).protocols(version).applicationProtocolConfig(alpn(offered.split(";")))
                .build();
        try (NettyEnds netty = new NettyEnds()) {
            End[] ends = handshaken(netty, client, netty.serve(server, null, true));
            End c = ends[0];
            End s = ends[1];
            for (End e : List.of(c, s)) {
                assertEquals(ENGINE, providerEngine(e.ssl).getClass().getName(), "under Netty's ALPN wrapper");
                assertEquals(chosen, e.ssl.applicationProtocol());
                assertEquals(chosen, providerEngine(e.ssl).getApplicationProtocol());
                assertEquals(version, e.ssl.engine().getSession().getProtocol());
            }
            echo(c, s, payload(50_000));
        }
    }

    /** ClientAuth.REQUIRE: a client with a certificate is seen by the server, and both sides see the other's chain. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void requiredClientCertificateIsSeenByTheServer(String version) throws Exception {
        SslContext server = server(BASTION, KeyType.EC_P256).clientAuth(ClientAuth.REQUIRE).build();
        SslContext client = client(BASTION, KeyType.EC_P256).protocols(version).build();
        try (NettyEnds netty = new NettyEnds()) {
            End[] ends = handshaken(netty, client, netty.serve(server, null, true));
            End c = ends[0];
            End s = ends[1];
            SSLSession session = s.ssl.engine().getSession();
            assertEquals("CN=Bastion Test Client",
                    ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName());
            assertEquals(session.getPeerPrincipal(), c.ssl.engine().getSession().getLocalPrincipal());
            echo(c, s, payload(70_000));
        }
    }

    /**
     * ClientAuth.REQUIRE and a client without a certificate: the server's handshake fails with an
     * SSLException; so does the client's (TLS 1.2), or, in TLS 1.3 where the client has finished
     * before the server reads its empty Certificate, the server's alert reaches the client's
     * pipeline as an SSLException naming the server's alert. Both channels close.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void missingClientCertificateFailsBothSides(String version) throws Exception {
        SslContext server = server(BASTION, KeyType.EC_P256).clientAuth(ClientAuth.REQUIRE).build();
        SslContext client = client(BASTION, null).protocols(version).build();
        try (NettyEnds netty = new NettyEnds()) {
            int port = netty.serve(server, null, true);
            End c = netty.connect(client, port, null);
            End s = netty.accepted();
            assertInstanceOf(SSLHandshakeException.class, sslCause(s.handshake()), "server handshake");
            Throwable clientFailure = c.handshake();
            if (clientFailure == null) {
                assertEquals("TLSv1.3", version, "only a TLS 1.3 client finishes before the server judges it");
                clientFailure = c.exception.get(20, TimeUnit.SECONDS);
            }
            Throwable ssl = sslCause(clientFailure);
            assertInstanceOf(SSLException.class, ssl, "client: " + clientFailure);
            // the alerts of RFC 8446 §4.4.2.4 and RFC 5246 §7.4.6
            String alert = version.equals("TLSv1.3") ? "certificate_required" : "handshake_failure";
            assertTrue(ssl.getMessage().contains(alert), "client got " + alert + ": " + ssl.getMessage());
            s.inactive.get(20, TimeUnit.SECONDS);
            c.inactive.get(20, TimeUnit.SECONDS);
        }
    }

    /** A Bastion server with a Netty client on SunJSSE, and a Bastion client with a Netty server on SunJSSE. */
    @ParameterizedTest(name = "{0}, Bastion server: {1}")
    @CsvSource({"TLSv1.3, true", "TLSv1.3, false", "TLSv1.2, true", "TLSv1.2, false"})
    void bastionAgainstSunJsseUnderNetty(String version, boolean bastionServer) throws Exception {
        SslContext server = server(bastionServer ? BASTION : null, KeyType.EC_P256).build();
        SslContext client = client(bastionServer ? null : BASTION, null).protocols(version).build();
        try (NettyEnds netty = new NettyEnds()) {
            End[] ends = handshaken(netty, client, netty.serve(server, null, true));
            End c = ends[0];
            End s = ends[1];
            assertEquals(bastionServer ? ENGINE : SUN_ENGINE, providerEngine(s.ssl).getClass().getName());
            assertEquals(bastionServer ? SUN_ENGINE : ENGINE, providerEngine(c.ssl).getClass().getName());
            assertEquals(version, s.ssl.engine().getSession().getProtocol());
            assertEquals(version, c.ssl.engine().getSession().getProtocol());
            echo(c, s, payload(300_000));
        }
    }

    /** {@code newHandler(alloc, executor)}: Bastion's NEED_TASK work (signatures, key agreement) runs on the executor. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void delegatedTasksRunOnTheGivenExecutor(String version) throws Exception {
        SslContext server = server(BASTION, KeyType.EC_P256).build();
        SslContext client = client(BASTION, null).protocols(version).build();
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> new Thread(r, "netty-tls-tasks"));
        AtomicInteger serverTasks = new AtomicInteger();
        AtomicInteger clientTasks = new AtomicInteger();
        AtomicInteger elsewhere = new AtomicInteger();
        try (NettyEnds netty = new NettyEnds()) {
            int port = netty.serve(server, r -> pool.execute(counted(r, serverTasks, elsewhere)), true);
            End c = netty.connect(client, port, r -> pool.execute(counted(r, clientTasks, elsewhere)));
            End s = netty.accepted();
            assertNull(c.handshake(), "client handshake");
            assertNull(s.handshake(), "server handshake");
            assertTrue(serverTasks.get() > 0, "server tasks run on the executor: " + serverTasks);
            assertTrue(clientTasks.get() > 0, "client tasks run on the executor: " + clientTasks);
            assertEquals(0, elsewhere.get(), "tasks ran on the executor's thread");
            assertEquals(ENGINE, providerEngine(s.ssl).getClass().getName());
            echo(c, s, payload(100_000));
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    /**
     * The client closes after data: its close_notify reaches the server (SslCloseCompletionEvent
     * SUCCESS, inbound done), the server answers with its own, which the client waits for
     * (close-notify read timeout) and gets (its sslCloseFuture succeeds); both channels close.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void closeNotifyExchangedOnClose(String version) throws Exception {
        SslContext server = server(BASTION, KeyType.EC_P256).build();
        SslContext client = client(BASTION, null).protocols(version).build();
        try (NettyEnds netty = new NettyEnds()) {
            End[] ends = handshaken(netty, client, netty.serve(server, null, true));
            End c = ends[0];
            End s = ends[1];
            echo(c, s, payload(20_000));
            c.ssl.setCloseNotifyReadTimeout(10, TimeUnit.SECONDS);
            assertTrue(c.channel().close().await(20_000), "client closed");
            s.inactive.get(20, TimeUnit.SECONDS);
            c.inactive.get(20, TimeUnit.SECONDS);
            assertTrue(s.events.contains(SslCloseCompletionEvent.SUCCESS), "server saw close_notify: " + s.events);
            assertTrue(s.ssl.sslCloseFuture().isSuccess(), "server's close future");
            assertTrue(s.ssl.engine().isInboundDone(), "server inbound done");
            assertTrue(c.ssl.sslCloseFuture().await(20_000) && c.ssl.sslCloseFuture().isSuccess(),
                    "client got the server's close_notify: " + c.ssl.sslCloseFuture().cause());
            assertTrue(c.ssl.engine().isOutboundDone() && c.ssl.engine().isInboundDone(), "client closed both ways");
            assertTrue(c.events.contains(SslCloseCompletionEvent.SUCCESS), "client saw close_notify: " + c.events);
            assertFalse(c.exception.isDone(), "client exception: " + c.exception.getNow(null));
            assertFalse(s.exception.isDone(), "server exception: " + s.exception.getNow(null));
        }
    }

    /** Two connections of one client SslContext to the same host and port: the second resumes the first's session. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void secondConnectionResumes(String version) throws Exception {
        SslContext server = server(BASTION, KeyType.EC_P256).build();
        SslContext client = client(BASTION, null).protocols(version).build();
        try (NettyEnds netty = new NettyEnds()) {
            int port = netty.serve(server, null, true);
            SSLSession[] first = connectAndClose(netty, client, port);
            Thread.sleep(5); // a new session would have another creation time
            SSLSession[] second = connectAndClose(netty, client, port);
            for (int i = 0; i < 2; i++) {
                String side = i == 0 ? "client" : "server";
                assertEquals(Optional.of(false), BastionSessions.resumed(first[i]), side + ": first is full");
                assertEquals(Optional.of(true), BastionSessions.resumed(second[i]), side + ": second resumes");
                assertEquals(first[i].getCreationTime(), second[i].getCreationTime(), side + ": creation time kept");
                if (version.equals("TLSv1.2")) {
                    assertArrayEquals(first[i].getId(), second[i].getId(), side + ": session id kept");
                }
            }
            assertArrayEquals(first[0].getPeerCertificates(), second[0].getPeerCertificates());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static Provider bastion() {
        Providers.install();
        return Security.getProvider("Bastion");
    }

    /** A server context with a {@code key} certificate for localhost on {@code provider} (null: the JDK's default). */
    private static SslContextBuilder server(Provider provider, KeyType key) throws Exception {
        return SslContextBuilder.forServer(Credentials.keyManagerFactory(Credentials.get().keyStore(key, true))).sslProvider(SslProvider.JDK)
                .sslContextProvider(provider).trustManager(Credentials.get().trustManagerFactory());
    }

    /** A client context trusting the test CA, with a {@code key} client certificate or none (null). */
    private static SslContextBuilder client(Provider provider, KeyType key) throws Exception {
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).sslContextProvider(provider)
                .trustManager(Credentials.get().trustManagerFactory());
        return key == null ? b : b.keyManager(Credentials.keyManagerFactory(Credentials.get().keyStore(key, false)));
    }


    private static ApplicationProtocolConfig alpn(String... protocols) {
        return new ApplicationProtocolConfig(Protocol.ALPN, SelectorFailureBehavior.NO_ADVERTISE,
                SelectedListenerFailureBehavior.ACCEPT, protocols);
    }

    private static byte[] payload(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    /**
     * The client writes {@code payload} in chunks of the sizes in {@link #CHUNKS}, every third as
     * a composite buffer of two parts, and flushes once; the server echoes what it reads. Both
     * must have received exactly the payload.
     */
    private static void echo(End client, End server, byte[] payload) throws Exception {
        Channel ch = client.channel();
        for (int off = 0, i = 0; off < payload.length; i++) {
            int n = Math.min(CHUNKS[i % CHUNKS.length], payload.length - off);
            ByteBuf buf;
            if (i % 3 == 2 && n > 1) {
                CompositeByteBuf composite = ch.alloc().compositeBuffer();
                composite.addComponents(true, Unpooled.copiedBuffer(payload, off, n / 2),
                        ch.alloc().buffer(n - n / 2).writeBytes(payload, off + n / 2, n - n / 2));
                buf = composite;
            } else {
                buf = Unpooled.copiedBuffer(payload, off, n);
            }
            ch.write(buf);
            off += n;
        }
        ch.flush();
        assertArrayEquals(payload, server.awaitBytes(payload.length), "server received the payload");
        assertArrayEquals(payload, client.awaitBytes(payload.length), "client received the echo");
    }

    /** Connects {@code client} to the server on {@code port}; client and server end, both handshakes succeeded. */
    private static End[] handshaken(NettyEnds netty, SslContext client, int port) throws Exception {
        End c = netty.connect(client, port, null);
        End s = netty.accepted();
        assertNull(c.handshake(), "client handshake");
        assertNull(s.handshake(), "server handshake");
        return new End[] {c, s};
    }

    /** Connects, exchanges a little data (so a TLS 1.3 ticket has arrived), closes; client and server sessions. */
    private static SSLSession[] connectAndClose(NettyEnds netty, SslContext client, int port) throws Exception {
        End[] ends = handshaken(netty, client, port);
        End c = ends[0];
        End s = ends[1];
        echo(c, s, payload(1_000));
        SSLSession[] sessions = {c.ssl.engine().getSession(), s.ssl.engine().getSession()};
        c.ssl.setCloseNotifyReadTimeout(10, TimeUnit.SECONDS);
        assertTrue(c.channel().close().await(20_000));
        s.inactive.get(20, TimeUnit.SECONDS);
        return sessions;
    }

    private static Runnable counted(Runnable task, AtomicInteger count, AtomicInteger elsewhere) {
        return () -> {
            count.incrementAndGet();
            if (!Thread.currentThread().getName().equals("netty-tls-tasks")) {
                elsewhere.incrementAndGet();
            }
            task.run();
        };
    }

    /** The first SSLException in {@code t}'s cause chain (Netty wraps unwrap failures in DecoderException). */
    private static Throwable sslCause(Throwable t) {
        assertNotNull(t, "a failure");
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException) {
                return c;
            }
        }
        return t;
    }
}
