package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.SocketServer;
import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS started on a connection that already carried plain bytes, as STARTTLS (SMTP, IMAP,
 * POP3) and PostgreSQL's SSLRequest do, between every pair of providers; the server-side
 * variant whose first bytes were already read; and the server socket's settings reaching the
 * sockets it accepts.
 */
class SocketLayeringTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    static Stream<Arguments> pairs() {
        return Versions.pairsAndVersions();
    }

    /**
     * Plain "STARTTLS"/"OK", TLS over the same connection (client {@code autoClose=false}),
     * and after the TLS close the plain connection carries "BYE": neither side read a byte
     * past the TLS records.
     */
    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairs")
    void startTlsAndBackToPlain(String clientProvider, String serverProvider, String version) throws Exception {
        SSLContext serverCtx = Tls.server(serverProvider);
        CompletableFuture<String> afterTls = new CompletableFuture<>();
        try (SocketServer server = SocketServer.plain(plain -> {
            InputStream in = plain.getInputStream();
            assertEquals("STARTTLS\r\n", line(in));
            plain.getOutputStream().write("OK\r\n".getBytes(StandardCharsets.US_ASCII));
            SSLSocket tls = (SSLSocket) serverCtx.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
            tls.setUseClientMode(false);
            tls.setEnabledProtocols(new String[] {version});
            InputStream tin = tls.getInputStream();
            byte[] hello = new byte[5];
            new DataInputStream(tin).readFully(hello);
            tls.getOutputStream().write(hello);
            assertEquals(-1, tin.read(), "client's close_notify");
            tls.close(); // close_notify back; the plain socket stays open (autoClose=false)
            assertFalse(plain.isClosed());
            afterTls.complete(line(in));
            plain.close();
        }); Socket plain = new Socket()) {
            assertTimeoutPreemptively(LIMIT, () -> {
                plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 10_000);
                plain.getOutputStream().write("STARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("OK\r\n", line(plain.getInputStream()));
                SSLSocketFactory f = Tls.client(clientProvider).getSocketFactory();
                SSLSocket tls = (SSLSocket) f.createSocket(plain, "localhost", server.port(), false);
                tls.setEnabledProtocols(new String[] {version});
                SSLParameters p = tls.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(p);
                assertTrue(tls.isConnected());
                assertEquals(plain.getPort(), tls.getPort());
                tls.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
                assertEquals("hello", new String(Tls.read(tls, 5), StandardCharsets.US_ASCII));
                assertEquals("localhost", tls.getSession().getPeerHost());
                tls.close();
                assertTrue(tls.isClosed());
                assertFalse(plain.isClosed(), "autoClose=false keeps the plain socket");
                plain.getOutputStream().write("BYE\r\n".getBytes(StandardCharsets.US_ASCII));
                assertEquals("BYE\r\n", afterTls.get(20, TimeUnit.SECONDS));
            });
            assertTrue(server.errors().isEmpty(), () -> "server: " + server.errors());
        }
    }

    /** A server that read the record header itself (to sniff the protocol) hands it back as {@code consumed}. */
    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairs")
    void serverLayeredOverBytesAlreadyRead(String clientProvider, String serverProvider, String version)
            throws Exception {
        SSLContext serverCtx = Tls.server(serverProvider);
        CompletableFuture<Byte> sniffed = new CompletableFuture<>();
        try (SocketServer server = SocketServer.plain(plain -> {
            byte[] header = new byte[5];
            new DataInputStream(plain.getInputStream()).readFully(header);
            sniffed.complete(header[0]);
            SSLSocket tls = (SSLSocket) serverCtx.getSocketFactory()
                    .createSocket(plain, new ByteArrayInputStream(header), true);
            assertFalse(tls.getUseClientMode(), "a server socket");
            SocketServer.echo().handle(tls);
        }); SSLSocket s = Tls.connect(Tls.client(clientProvider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.getOutputStream().write("sniffed".getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals("sniffed".getBytes(StandardCharsets.US_ASCII), Tls.read(s, 7));
                assertEquals((byte) 22, sniffed.get(), "a handshake record");
                assertEquals(version, s.getSession().getProtocol());
            });
            assertTrue(server.errors().isEmpty(), () -> "server: " + server.errors());
        }
    }

    /** What the server socket is told reaches every socket it accepts. */
    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairs")
    void serverSocketSettingsReachAcceptedSockets(String clientProvider, String serverProvider, String version)
            throws Exception {
        SSLServerSocket listener = (SSLServerSocket) Tls.server(serverProvider).getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        listener.setNeedClientAuth(true);
        listener.setEnabledProtocols(new String[] {version});
        SSLParameters p = listener.getSSLParameters();
        p.setApplicationProtocols(new String[] {"imap"});
        listener.setSSLParameters(p);
        assertTrue(listener.getNeedClientAuth());
        CompletableFuture<SSLSocket> accepted = new CompletableFuture<>();
        try (SocketServer server = new SocketServer(listener, s -> {
            accepted.complete((SSLSocket) s);
            SocketServer.echo().handle(s);
        })) {
            assertTimeoutPreemptively(LIMIT, () -> {
                SSLContext withCert = Credentials.get().context(clientProvider, KeyType.EC_P256, false);
                try (SSLSocket s = Tls.connect(withCert, server.port(), version)) {
                    SSLParameters cp = s.getSSLParameters();
                    cp.setApplicationProtocols(new String[] {"imap"});
                    s.setSSLParameters(cp);
                    s.startHandshake();
                    assertEquals("imap", s.getApplicationProtocol());
                }
                SSLSocket a = accepted.get(10, TimeUnit.SECONDS);
                assertTrue(a.getNeedClientAuth());
                assertFalse(a.getUseClientMode());
                assertArrayEquals(new String[] {version}, a.getEnabledProtocols());
                try (SSLSocket noCert = Tls.connect(Tls.client(clientProvider), server.port(), version)) {
                    // without a certificate the server refuses: the client learns it at the handshake or its first read
                    assertThrows(IOException.class, () -> {
                        noCert.startHandshake();
                        noCert.getOutputStream().write(1);
                        noCert.getInputStream().read();
                    });
                }
            });
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c >= 0; c = in.read()) {
            sb.append((char) c);
            if (c == '\n') {
                break;
            }
        }
        return sb.toString();
    }
}
