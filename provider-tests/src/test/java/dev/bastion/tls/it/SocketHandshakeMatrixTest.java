package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.SocketServer;
import dev.bastion.tls.it.support.Versions;
import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.HandshakeCompletedEvent;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SSLSocket handshakes between every pair of providers under test (Bastion and SunJSSE as
 * client and as server), for every way an application makes a client socket, with ALPN,
 * endpoint identification and, in half the rows, client authentication; then 64 KiB each way
 * and the session as both sides see it.
 */
class SocketHandshakeMatrixTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    /** How the client socket comes to be. */
    enum Connect {
        HOST_AND_PORT, UNCONNECTED_THEN_CONNECT, INET_ADDRESS, LOCAL_ADDRESS, LAYERED_OVER_PLAIN
    }

    static Stream<Arguments> rows() {
        List<Arguments> out = new ArrayList<>();
        for (String[] pair : Providers.pairs()) {
            for (String version : Versions.SOCKETS) {
                for (Connect how : Connect.values()) {
                    out.add(Arguments.of(pair[0], pair[1], version, how));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}, {3}")
    @MethodSource("rows")
    void handshakeExchangeAndSession(String clientProvider, String serverProvider, String version, Connect how)
            throws Exception {
        boolean clientAuth = how.ordinal() % 2 == 0;
        SSLContext serverCtx = Credentials.get().context(serverProvider, KeyType.EC_P256, true);
        SSLContext clientCtx = Credentials.get().context(clientProvider, clientAuth ? KeyType.RSA : null, false);
        CompletableFuture<SSLSession> serverSession = new CompletableFuture<>();
        try (SocketServer server = SocketServer.tls(serverCtx, s -> {
            SSLSocket ssl = (SSLSocket) s;
            SSLParameters p = ssl.getSSLParameters();
            p.setProtocols(new String[] {version});
            p.setApplicationProtocols(new String[] {"http/1.1"});
            p.setNeedClientAuth(clientAuth);
            ssl.setSSLParameters(p);
            ssl.startHandshake();
            serverSession.complete(ssl.getSession());
            SocketServer.echo().handle(ssl);
        })) {
            Assertions.assertTimeoutPreemptively(LIMIT, () -> {
                try (SSLSocket client = connect(clientCtx.getSocketFactory(), how, server.port())) {
                    SSLParameters p = client.getSSLParameters();
                    p.setProtocols(new String[] {version});
                    p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
                    p.setEndpointIdentificationAlgorithm("HTTPS");
                    client.setSSLParameters(p);
                    CompletableFuture<HandshakeCompletedEvent> event = new CompletableFuture<>();
                    CompletableFuture<String> listenerThread = new CompletableFuture<>();
                    client.addHandshakeCompletedListener(e -> {
                        listenerThread.complete(Thread.currentThread().getName());
                        event.complete(e);
                    });
                    client.startHandshake();

                    SSLSession session = client.getSession();
                    assertEquals(version, session.getProtocol());
                    assertEquals("http/1.1", client.getApplicationProtocol());
                    assertEquals("localhost", session.getPeerHost());
                    assertEquals(server.port(), session.getPeerPort());
                    assertEquals("CN=localhost",
                            ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName());
                    assertNull(client.getHandshakeSession(), "no handshake session after the handshake");
                    HandshakeCompletedEvent e = event.get(10, TimeUnit.SECONDS);
                    assertSame(client, e.getSocket());
                    assertEquals(session.getCipherSuite(), e.getCipherSuite());
                    assertEquals("HandshakeCompletedNotify-Thread", listenerThread.get());

                    byte[] sent = new byte[65536];
                    new Random(how.ordinal()).nextBytes(sent);
                    CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> readFully(client, sent.length));
                    OutputStream out = client.getOutputStream();
                    out.write(sent, 0, 1000);
                    out.write(sent, 1000, sent.length - 1000);
                    out.flush();
                    assertArrayEquals(sent, echoed.get(20, TimeUnit.SECONDS));

                    SSLSession atServer = serverSession.get(10, TimeUnit.SECONDS);
                    assertEquals(session.getCipherSuite(), atServer.getCipherSuite());
                    assertEquals(version, atServer.getProtocol());
                    if (clientAuth) {
                        assertEquals("CN=Bastion Test Client", ((X509Certificate) atServer.getPeerCertificates()[0])
                                .getSubjectX500Principal().getName());
                    }
                }
            });
            assertTrue(server.errors().isEmpty(), () -> "server: " + server.errors());
        }
    }

    private static SSLSocket connect(SSLSocketFactory f, Connect how, int port) throws Exception {
        InetAddress loopback = InetAddress.getByName("localhost");
        switch (how) {
            case HOST_AND_PORT:
                return (SSLSocket) f.createSocket("localhost", port);
            case UNCONNECTED_THEN_CONNECT:
                SSLSocket s = (SSLSocket) f.createSocket();
                s.connect(new InetSocketAddress("localhost", port), 10_000);
                return s;
            case INET_ADDRESS:
                return (SSLSocket) f.createSocket(loopback, port);
            case LOCAL_ADDRESS:
                SSLSocket bound = (SSLSocket) f.createSocket("localhost", port, InetAddress.getLoopbackAddress(), 0);
                assertTrue(bound.getLocalPort() > 0);
                return bound;
            default:
                Socket plain = new Socket();
                plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
                SSLSocket layered = (SSLSocket) f.createSocket(plain, "localhost", port, true);
                assertEquals(plain.getLocalPort(), layered.getLocalPort());
                return layered;
        }
    }

    private static byte[] readFully(SSLSocket s, int n) {
        try {
            InputStream in = s.getInputStream();
            byte[] b = new byte[n];
            new DataInputStream(in).readFully(b);
            return b;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
