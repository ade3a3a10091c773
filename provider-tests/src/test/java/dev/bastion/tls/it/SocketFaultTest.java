package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.RecordRelay;
import dev.bastion.tls.it.support.SocketServer;
import dev.bastion.tls.it.support.Threads;
import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sockets under faults, each scenario against SunJSSE and Bastion: a handshake the client
 * refuses, a peer that closes TCP in the middle of the handshake or of a record, a peer that
 * stops sending. Nothing hangs (every case has a time limit) and the exceptions are
 * {@link SSLException}s or the socket timeout.
 */
class SocketFaultTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private Set<Thread> threadsBefore;

    @BeforeEach
    void rememberThreads() {
        threadsBefore = Threads.snapshot();
    }

    /** Every fault ends without a leaked thread (issue 5): the test's own servers and relays included. */
    @AfterEach
    void noThreadOutlivesTheFault() throws InterruptedException {
        Threads.assertNoNewThreads(threadsBefore);
    }

    static Stream<Arguments> pairs() {
        return Versions.pairsAndVersions();
    }

    static Stream<Arguments> providers() {
        return Versions.providersAndVersions();
    }

    /**
     * The client trusts no CA: its handshake fails, its session is the null session, the
     * socket is closed, and the server learns why from the client's alert
     * (certificate_unknown), which must be readable, so protected with the handshake keys. (A
     * relay in between drains the server's flight after the client left: a server that writes
     * its flight in several pieces would otherwise meet a broken pipe before reading the alert.)
     */
    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairs")
    void refusedServerCertificate(String clientProvider, String serverProvider, String version) throws Exception {
        CompletableFuture<Throwable> atServer = new CompletableFuture<>();
        try (SocketServer server = SocketServer.tls(Tls.server(serverProvider), s -> {
            try {
                ((SSLSocket) s).startHandshake();
                s.getInputStream().read();
                atServer.complete(null);
            } catch (IOException e) {
                atServer.complete(e);
            }
        }); RecordRelay relay = new RecordRelay(server.port(), RecordRelay.Mode.FORWARD);
                SSLSocket s = Tls.connect(Credentials.get().contextWith(clientProvider, null, false), relay.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                assertThrows(SSLHandshakeException.class, s::startHandshake);
                SSLSession session = s.getSession();
                assertEquals("SSL_NULL_WITH_NULL_NULL", session.getCipherSuite());
                assertTrue(s.isClosed(), "a failed handshake closes the socket");
                assertThrows(SocketException.class, s::startHandshake);
                Throwable e = atServer.get(20, TimeUnit.SECONDS);
                assertInstanceOf(SSLException.class, e, String.valueOf(e));
                assertTrue(e.getMessage().contains("certificate_unknown"), e.getMessage());
            });
        }
    }

    /** The server reads the ClientHello and closes the connection. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void serverClosesDuringTheHandshake(String provider, String version) throws Exception {
        try (SocketServer server = SocketServer.plain(s -> {
            readRecord(s.getInputStream());
            s.close();
        }); SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                SSLException e = assertThrows(SSLException.class, s::startHandshake);
                assertTrue(e.getMessage().contains("terminated the handshake"), e.getMessage());
                assertEquals(SSLHandshakeException.class, e.getClass());
                assertInstanceOf(EOFException.class, e.getCause(), "SunJSSE's cause: the end of the stream");
                assertEquals("SSL_NULL_WITH_NULL_NULL", s.getSession().getCipherSuite());
            });
        }
    }

    /** The client sends half a ClientHello record and closes: the server's socket fails, no hang, SunJSSE's exception. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void clientClosesDuringTheHandshake(String provider, String version) throws Exception {
        CompletableFuture<Throwable> atServer = new CompletableFuture<>();
        try (SocketServer server = SocketServer.tls(Tls.server(provider), s -> {
            try {
                ((SSLSocket) s).startHandshake();
                atServer.complete(null);
            } catch (IOException e) {
                atServer.complete(e);
            }
        }); Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertTimeoutPreemptively(LIMIT, () -> {
                byte[] halfHello = new byte[60];
                halfHello[0] = 22; // handshake
                halfHello[1] = 3;
                halfHello[2] = 1;
                halfHello[4] = (byte) 200; // 200 bytes announced, 55 sent
                halfHello[5] = 1; // client_hello
                plain.getOutputStream().write(halfHello);
                plain.close();
                // as SunJSSE: a handshake failure whose cause is the end of the stream
                Throwable e = atServer.get(20, TimeUnit.SECONDS);
                assertEquals(SSLHandshakeException.class, e == null ? null : e.getClass(), String.valueOf(e));
                assertInstanceOf(EOFException.class, e.getCause());
            });
        }
    }

    /**
     * The connection ends in the middle of an application data record. Bastion reports the
     * truncation ({@link SSLException}); SunJSSE 17, by default, treats it like an end of data
     * without close_notify and returns -1.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void connectionEndsInsideARecord(String provider, String version) throws Exception {
        try (SocketServer server = SocketServer.tls(Tls.server(provider), s -> {
            s.getOutputStream().write(new byte[4000]);
            SocketServer.echo().handle(s);
        }); RecordRelay relay = new RecordRelay(server.port(), RecordRelay.Mode.CUT_MID_RECORD).threshold(3000);
                SSLSocket s = Tls.connect(Tls.client(provider), relay.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                InputStream in = s.getInputStream();
                if (provider.equals("Bastion")) {
                    SSLException e = assertThrows(SSLException.class, () -> in.read(new byte[100]));
                    assertTrue(e.getMessage().contains("middle of a record"), e.getMessage());
                    assertTrue(s.isClosed());
                } else {
                    assertEquals(-1, in.read(new byte[100]));
                }
            });
        }
    }

    /** A server that accepts and never answers: the handshake ends with the socket timeout, not a hang. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providers")
    void silentServerTimesOutTheHandshake(String provider, String version) throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (SocketServer server = SocketServer.plain(s -> {
            readRecord(s.getInputStream());
            done.await(20, TimeUnit.SECONDS);
            s.close();
        }); SSLSocket s = Tls.connect(Tls.client(provider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                s.setSoTimeout(500);
                assertThrows(SocketTimeoutException.class, s::startHandshake);
                assertFalse(s.isClosed(), "a timeout does not close the socket");
                assertThrows(SocketTimeoutException.class, s::startHandshake, "the handshake goes on waiting");
            });
        } finally {
            done.countDown();
        }
    }

    private static void readRecord(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        byte[] header = new byte[5];
        d.readFully(header);
        d.readFully(new byte[((header[3] & 0xff) << 8) | (header[4] & 0xff)]);
    }
}
