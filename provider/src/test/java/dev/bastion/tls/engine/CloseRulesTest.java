package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.connection.Handshakers;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.spi.BastionSSLContext;
import dev.bastion.tls.testutil.TestCert;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLProtocolException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SunJSSE's two switches for the end of a connection: {@code jdk.tls.acknowledgeCloseNotify}
 * (a TLS 1.3 engine answers close_notify at once, as TLS 1.2 always does) and
 * {@code com.sun.net.ssl.requireCloseNotify} (a socket whose peer ends the stream without
 * close_notify fails instead of reading -1).
 */
@Timeout(60)
class CloseRulesTest {
    private static final char[] PW = "pw".toCharArray();
    private static TestCert.Issued ca;
    private static TestCert.Issued leaf;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestCert.ca("CN=Close Rules CA");
        leaf = TestCert.of("CN=localhost").issuer(ca).dns("localhost").issue();
    }

    @Test
    void tls13HalfCloseByDefault() throws Exception {
        SSLEngine[] pair = closedByClient(Map.of(), "TLSv1.3");
        SSLEngine server = pair[1];
        assertTrue(server.isInboundDone());
        assertFalse(server.isOutboundDone(), "RFC 8446 §6.1: the server may go on writing");
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, server.getHandshakeStatus());
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        SSLEngineResult r = server.wrap(ByteBuffer.wrap("late".getBytes(StandardCharsets.US_ASCII)), net);
        assertEquals(SSLEngineResult.Status.OK, r.getStatus());
        net.flip();
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        pair[0].unwrap(net, app);
        assertArrayEquals("late".getBytes(StandardCharsets.US_ASCII), java.util.Arrays.copyOf(app.array(), app.position()),
                "the client, which closed only its own side, still reads");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void acknowledgeCloseNotifyAnswersAtOnce(String protocol) throws Exception {
        SSLEngine[] pair = closedByClient(Map.of("jdk.tls.acknowledgeCloseNotify", "true"), protocol);
        SSLEngine client = pair[0];
        SSLEngine server = pair[1];
        assertEquals(HandshakeStatus.NEED_WRAP, server.getHandshakeStatus(), "the answer is due");
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        SSLEngineResult r = server.wrap(Engines.EMPTY, net);
        assertEquals(SSLEngineResult.Status.CLOSED, r.getStatus());
        assertTrue(r.bytesProduced() > 0, "close_notify written");
        assertTrue(server.isOutboundDone());
        net.flip();
        assertEquals(SSLEngineResult.Status.CLOSED, client.unwrap(net, ByteBuffer.allocate(1 << 16)).getStatus());
        assertTrue(client.isInboundDone());
    }

    @Test
    void tls12AnswersCloseNotifyWithoutTheSwitch() throws Exception {
        SSLEngine server = closedByClient(Map.of(), "TLSv1.2")[1];
        assertEquals(HandshakeStatus.NEED_WRAP, server.getHandshakeStatus(), "RFC 5246 §7.2.1");
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void endOfStreamWithoutCloseNotify(boolean require) throws Exception {
        Map<String, String> props = new HashMap<>();
        if (require) {
            props.put("com.sun.net.ssl.requireCloseNotify", "true");
        }
        SSLContext serverCtx = context(Map.of(), true);
        SSLContext clientCtx = context(props, false);
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket plain = listener.accept()) {
                    // layered without autoClose: closing the plain socket ends TCP without close_notify
                    SSLSocket tls = (SSLSocket) serverCtx.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
                    tls.setUseClientMode(false);
                    tls.getOutputStream().write("hi".getBytes(StandardCharsets.US_ASCII));
                    tls.getOutputStream().flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SSLSocket client = (SSLSocket) clientCtx.getSocketFactory().createSocket("localhost", listener.getLocalPort())) {
                InputStream in = client.getInputStream();
                assertEquals('h', in.read());
                assertEquals('i', in.read());
                served.get(20, TimeUnit.SECONDS);
                if (require) {
                    SSLProtocolException e = assertThrows(SSLProtocolException.class, in::read);
                    assertTrue(e.getMessage().contains("close_notify"), e.getMessage());
                } else {
                    assertEquals(-1, in.read(), "SunJSSE's default: the end of the stream is the end of the data");
                }
            }
        }
    }

    /** A handshake, then the client's close_notify unwrapped by the server; returns {client, server}. */
    private static SSLEngine[] closedByClient(Map<String, String> serverProps, String protocol) throws Exception {
        SSLEngine client = context(Map.of(), false).createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = context(serverProps, true).createSSLEngine();
        server.setUseClientMode(false);
        Engines.pump(client, server);
        assertEquals(protocol, client.getSession().getProtocol());
        client.closeOutbound();
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        assertEquals(SSLEngineResult.Status.CLOSED, client.wrap(Engines.EMPTY, net).getStatus());
        net.flip();
        assertEquals(SSLEngineResult.Status.CLOSED, server.unwrap(net, ByteBuffer.allocate(1 << 16)).getStatus());
        return new SSLEngine[] {client, server};
    }

    private static SSLContext context(Map<String, String> props, boolean server) throws Exception {
        SSLContext ctx = new SSLContext(new BastionSSLContext("TLS", PropertySource.of(props, Map.of()), Handshakers.STANDARD),
                new BastionProvider(), "TLS") { };
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(leaf.keyStore("k", PW, ca.cert()), PW);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ca.trustStore("ca"));
        ctx.init(server ? kmf.getKeyManagers() : null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
