package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.Versions;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Engine behaviours found by a differential probe of SunJSSE 17 and 25 against Bastion (every
 * pairing, TLS 1.3 and 1.2), each asserted as SunJSSE answers, on SunJSSE and on Bastion:
 *
 * <ul>
 * <li>An engine whose write side was closed before its handshake began still answers
 *     {@code unwrap} with a result: SunJSSE reads the record (a ClientHello, an alert); no
 *     {@code IllegalStateException} escapes. A failed {@code beginHandshake} on such an engine
 *     closes its read side too.</li>
 * <li>{@code beginHandshake()} after {@code closeOutbound()} throws "Cannot kickstart" even
 *     while the close_notify is still queued, and the close_notify still goes out.</li>
 * <li>TLS 1.3: {@code closeOutbound()} while a delegated task is pending (the client has read
 *     the server's whole flight) keeps the task: it runs, and the client reads the server's
 *     answering close_notify and ends CLOSED, without an exception.</li>
 * <li>Behaviours that already agree and no other test pins: application data in the same
 *     buffer as a peer's last handshake flight is delivered; a close_notify behind data in one
 *     buffer; a read-only destination is refused before anything is consumed.</li>
 * </ul>
 */
class EngineParityTest {
    private static final byte[] NOTHING = new byte[0];

    @BeforeAll
    static void install() {
        Providers.install();
    }

    static Stream<Arguments> providersAndVersions() {
        return Versions.providersAndVersions();
    }

    static Stream<Arguments> pairsAndVersions() {
        return Versions.pairsAndVersions();
    }

    static Stream<Arguments> pairs() {
        return Providers.pairs().stream().map(p -> Arguments.of(p[0], p[1]));
    }

    // ---- closed before the handshake began ---------------------------------------------------

    /**
     * SunJSSE reads the ClientHello that reaches a server closed before its handshake (OK,
     * then a delegated task), wraps nothing more (CLOSED) and ends closed both ways after
     * {@code closeInbound}. Bastion threw {@code IllegalStateException("read before begin")}
     * from {@code unwrap}: an unchecked exception where Netty, for one, expects an SSLException.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void aServerClosedBeforeItsHandshakeReadsTheClientHello(String provider, String version) throws Exception {
        SSLEngine client = client(provider, version);
        SSLEngine server = server(provider, version);
        server.closeOutbound();
        assertTrue(server.isOutboundDone());
        ByteBuffer wire = ByteBuffer.allocate(1 << 16);
        client.wrap(ByteBuffer.allocate(0), wire);
        wire.flip();

        SSLEngineResult r = server.unwrap(wire, ByteBuffer.allocate(1 << 16)); // must not throw IllegalStateException
        assertEquals(Status.OK, r.getStatus(), "SunJSSE reads the ClientHello: " + r);
        assertFalse(wire.hasRemaining(), "the ClientHello was consumed");
        runTasks(server);
        SSLEngineResult w = server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 16));
        assertEquals(Status.CLOSED, w.getStatus());
        assertEquals(0, w.bytesProduced(), "nothing goes out: the write side was closed before anything");
        try {
            server.closeInbound();
        } catch (SSLException noCloseNotify) {
            // SunJSSE: "closing inbound before receiving peer's close_notify"
        }
        assertTrue(server.isInboundDone());
        assertEquals(Status.CLOSED, server.unwrap(ByteBuffer.allocate(0), ByteBuffer.allocate(100)).getStatus());
    }

    /** A client closed before its handshake takes a close_notify that arrives: CLOSED, its read side done. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void aClientClosedBeforeItsHandshakeTakesAnAlert(String provider, String version) throws Exception {
        SSLEngine client = client(provider, version);
        client.closeOutbound();
        ByteBuffer alert = ByteBuffer.wrap(new byte[] {21, 3, 3, 0, 2, 1, 0}); // a plaintext close_notify
        SSLEngineResult r = client.unwrap(alert, ByteBuffer.allocate(1 << 16)); // must not throw IllegalStateException
        assertEquals(Status.CLOSED, r.getStatus(), r.toString());
        assertTrue(client.isInboundDone());
        assertTrue(client.isOutboundDone());
    }

    /**
     * {@code beginHandshake} on an engine closed before it started fails ("Cannot kickstart"),
     * and SunJSSE then reports both sides done: {@code unwrap} and {@code wrap} answer CLOSED.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void aFailedBeginHandshakeOnAClosedEngineClosesBothSides(String provider, String version) throws Exception {
        SSLEngine client = client(provider, version);
        client.closeOutbound();
        assertFalse(client.isInboundDone(), "closeOutbound alone leaves the read side open");
        SSLException e = assertThrows(SSLException.class, client::beginHandshake);
        assertEquals("Cannot kickstart, the connection is broken or closed", e.getMessage());
        assertTrue(client.isInboundDone(), "SunJSSE closes the read side too");
        ByteBuffer handshake = ByteBuffer.wrap(new byte[] {22, 3, 3, 0, 4, 2, 0, 0, 0});
        assertEquals(Status.CLOSED, client.unwrap(handshake, ByteBuffer.allocate(1 << 16)).getStatus());
        assertEquals(Status.CLOSED, client.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 16)).getStatus());
    }

    // ---- beginHandshake after closeOutbound ----------------------------------------------------

    /**
     * After the handshake, {@code closeOutbound()} then {@code beginHandshake()} (close_notify
     * not yet wrapped): SunJSSE throws "Cannot kickstart"; Bastion accepted it, checking only
     * whether the close_notify had been written. The close_notify still goes out.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void beginHandshakeAfterCloseOutboundFails(String provider, String version) throws Exception {
        Wire w = connected(provider, provider, version);
        w.client.closeOutbound();
        SSLException e = assertThrows(SSLException.class, w.client::beginHandshake);
        assertEquals("Cannot kickstart, the connection is broken or closed", e.getMessage());
        SSLEngineResult r = w.client.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 16));
        assertEquals(Status.CLOSED, r.getStatus());
        assertTrue(r.bytesProduced() > 0, "the close_notify (or alert) goes out");
        assertTrue(w.client.isOutboundDone());
    }

    // ---- closeOutbound while a delegated task is pending (TLS 1.3) ----------------------------

    /**
     * The client has read the server's whole TLS 1.3 flight and holds the task that processes
     * it when the application closes. SunJSSE wraps user_canceled and close_notify (CLOSED,
     * then NEED_TASK), the task still runs, and the server's close_notify in answer (under its
     * application keys) ends the client CLOSED. Bastion cancelled the task, so it never had the
     * server's keys and threw SSLHandshakeException ("record failed authentication") on that
     * close_notify; cancelled earlier (after the ServerHello) it throws on the rest of the flight.
     */
    @ParameterizedTest(name = "client {0} server {1}")
    @MethodSource("pairs")
    void closeOutboundWithATaskPendingStillReadsThePeersCloseNotify(String clientProvider, String serverProvider)
            throws Exception {
        Wire w = new Wire(client(clientProvider, "TLSv1.3"), server(serverProvider, "TLSv1.3"));
        w.client.beginHandshake();
        w.server.beginHandshake();
        w.client.wrap(ByteBuffer.allocate(0), w.c2s);
        w.unwrapAll(w.server, true);
        while (w.server.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            w.server.wrap(ByteBuffer.allocate(0), w.s2c);
        }
        // the client reads the whole flight, running every task but the last (SunJSSE wraps a
        // change_cipher_spec after the ServerHello)
        w.s2c.flip();
        for (int i = 0; i < 20; i++) {
            if (w.client.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                if (!w.s2c.hasRemaining()) {
                    break;
                }
                runTasks(w.client);
            }
            if (w.client.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                w.client.wrap(ByteBuffer.allocate(0), w.c2s); // the compatibility change_cipher_spec
                continue;
            }
            assertEquals(Status.OK, w.client.unwrap(w.s2c, ByteBuffer.allocate(1 << 16)).getStatus());
        }
        w.s2c.compact();
        assertEquals(HandshakeStatus.NEED_TASK, w.client.getHandshakeStatus(), "the flight's last task is pending");

        w.client.closeOutbound();
        for (int i = 0; i < 6 && !w.client.isOutboundDone(); i++) {
            runTasks(w.client);
            w.client.wrap(ByteBuffer.allocate(0), w.c2s);
        }
        assertTrue(w.client.isOutboundDone(), "user_canceled and close_notify went out");
        runTasks(w.client); // as SunJSSE asks (NEED_TASK); nothing with Bastion's fix either way
        w.unwrapAll(w.server, false);
        assertTrue(w.server.isInboundDone(), "the server read the client's close_notify");
        for (int i = 0; i < 4 && !w.server.isOutboundDone(); i++) {
            w.server.wrap(ByteBuffer.allocate(0), w.s2c);
        }
        w.s2c.flip();
        SSLEngineResult r = w.client.unwrap(w.s2c, ByteBuffer.allocate(1 << 16)); // SunJSSE: no exception
        assertEquals(Status.CLOSED, r.getStatus(), r.toString());
        assertTrue(r.bytesConsumed() > 0, "the server's close_notify was read");
        assertTrue(w.client.isInboundDone());
    }

    // ---- behaviours that agree (not pinned elsewhere) ------------------------------------------

    /**
     * Each side wraps application data as soon as {@code wrap} takes it, into the buffer that
     * holds its last handshake flight; the peer unwraps that buffer as it comes and gets the data
     * exactly once (TLS 1.3: the client's data behind its Finished, the server's behind its
     * tickets; TLS 1.2: the server's behind its Finished).
     */
    @ParameterizedTest(name = "client {0} server {1} {2}")
    @MethodSource("pairsAndVersions")
    void dataBehindTheLastFlightIsDelivered(String clientProvider, String serverProvider, String version)
            throws Exception {
        Wire w = new Wire(client(clientProvider, version), server(serverProvider, version));
        w.client.beginHandshake();
        w.server.beginHandshake();
        byte[][] sent = {ascii("from-client"), ascii("from-server")};
        boolean[] wrapped = new boolean[2];
        ByteArrayOutputStream[] got = {new ByteArrayOutputStream(), new ByteArrayOutputStream()};
        for (int round = 0; round < 30 && !(wrapped[0] && wrapped[1] && w.c2s.position() == 0 && w.s2c.position() == 0);
                round++) {
            for (int i = 0; i < 2; i++) {
                SSLEngine e = i == 0 ? w.client : w.server;
                ByteBuffer out = i == 0 ? w.c2s : w.s2c;
                runTasks(e);
                while (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    assertEquals(Status.OK, e.wrap(ByteBuffer.allocate(0), out).getStatus());
                    runTasks(e);
                }
                if (!wrapped[i]) {
                    SSLEngineResult r = e.wrap(ByteBuffer.wrap(sent[i]), out);
                    assertTrue(r.bytesConsumed() == 0 || r.bytesConsumed() == sent[i].length, r.toString());
                    wrapped[i] = r.bytesConsumed() > 0;
                }
                ByteBuffer in = i == 0 ? w.s2c : w.c2s;
                in.flip();
                while (in.hasRemaining()) {
                    ByteBuffer app = ByteBuffer.allocate(1 << 16);
                    SSLEngineResult r = e.unwrap(in, app);
                    got[i].write(app.array(), 0, app.position());
                    if (r.getStatus() != Status.OK || r.bytesConsumed() == 0) {
                        break;
                    }
                    runTasks(e);
                    if (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        break;
                    }
                }
                in.compact();
            }
        }
        assertArrayEquals(sent[1], got[0].toByteArray(), "the client got the server's data once");
        assertArrayEquals(sent[0], got[1].toByteArray(), "the server got the client's data once");
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, w.client.getHandshakeStatus());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, w.server.getHandshakeStatus());
    }

    /**
     * Data, then close_notify, in one buffer: the first unwrap delivers the data (OK), the
     * second reads the close_notify (CLOSED); the peer's later records are not read.
     */
    @ParameterizedTest(name = "client {0} server {1} {2}")
    @MethodSource("pairsAndVersions")
    void closeNotifyBehindDataInOneBuffer(String clientProvider, String serverProvider, String version)
            throws Exception {
        Wire w = connected(clientProvider, serverProvider, version);
        w.client.wrap(ByteBuffer.wrap(ascii("bye")), w.c2s);
        w.client.closeOutbound();
        SSLEngineResult close = w.client.wrap(ByteBuffer.wrap(ascii("late")), w.c2s);
        assertEquals(Status.CLOSED, close.getStatus());
        assertEquals(0, close.bytesConsumed(), "no data after closeOutbound");
        w.c2s.flip();
        ByteBuffer app = ByteBuffer.allocate(1 << 16);
        SSLEngineResult data = w.server.unwrap(w.c2s, app);
        assertEquals(Status.OK, data.getStatus());
        assertEquals(3, data.bytesProduced());
        SSLEngineResult end = w.server.unwrap(w.c2s, app);
        assertEquals(Status.CLOSED, end.getStatus());
        assertEquals(0, end.bytesProduced());
        assertFalse(w.c2s.hasRemaining());
        assertTrue(w.server.isInboundDone());
        assertEquals(version.equals("TLSv1.2") ? HandshakeStatus.NEED_WRAP : HandshakeStatus.NOT_HANDSHAKING,
                w.server.getHandshakeStatus(), "TLS 1.2 answers close_notify with its own");
    }

    /**
     * A read-only destination: {@code ReadOnlyBufferException} before anything is read or
     * written (also before the handshake began, and while a record waits), and the engine goes
     * on; a read-only source is fine for wrap.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void readOnlyDestinationsAreRefusedBeforeAnythingMoves(String provider, String version) throws Exception {
        SSLEngine fresh = client(provider, version);
        assertThrows(ReadOnlyBufferException.class,
                () -> fresh.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(1 << 16).asReadOnlyBuffer()));
        Wire w = connected(provider, provider, version);
        assertThrows(ReadOnlyBufferException.class,
                () -> w.client.wrap(ByteBuffer.wrap(ascii("x")), ByteBuffer.allocate(1 << 16).asReadOnlyBuffer()));
        ByteBuffer src = ByteBuffer.wrap(ascii("hello")).asReadOnlyBuffer();
        assertEquals(Status.OK, w.client.wrap(src, w.c2s).getStatus());
        assertFalse(src.hasRemaining());
        w.c2s.flip();
        ByteBuffer[] mixed = {ByteBuffer.allocate(100), ByteBuffer.allocate(100).asReadOnlyBuffer()};
        assertThrows(ReadOnlyBufferException.class, () -> w.server.unwrap(w.c2s, mixed));
        assertEquals(0, w.c2s.position(), "nothing consumed");
        assertEquals(0, mixed[0].position());
        ByteBuffer app = ByteBuffer.allocate(100);
        assertEquals(Status.OK, w.server.unwrap(w.c2s, app).getStatus());
        assertEquals(5, app.position());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static SSLEngine client(String provider, String version) throws Exception {
        SSLEngine e = Credentials.get().context(provider, null, false).createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        e.setEnabledProtocols(new String[] {version});
        return e;
    }

    private static SSLEngine server(String provider, String version) throws Exception {
        SSLEngine e = Credentials.get().context(provider, KeyType.EC_P256, true).createSSLEngine();
        e.setUseClientMode(false);
        e.setEnabledProtocols(new String[] {version});
        return e;
    }

    private static void runTasks(SSLEngine e) {
        for (Runnable t = e.getDelegatedTask(); t != null; t = e.getDelegatedTask()) {
            t.run();
        }
    }

    private static Wire connected(String clientProvider, String serverProvider, String version) throws Exception {
        Wire w = new Wire(client(clientProvider, version), server(serverProvider, version));
        new dev.bastion.tls.it.support.EnginePair(w.client, w.server).handshake();
        return w;
    }

    /** Two engines and their wires (write mode). */
    private static final class Wire {
        final SSLEngine client;
        final SSLEngine server;
        final ByteBuffer c2s = ByteBuffer.allocate(1 << 17);
        final ByteBuffer s2c = ByteBuffer.allocate(1 << 17);

        Wire(SSLEngine client, SSLEngine server) {
            this.client = client;
            this.server = server;
        }

        /** {@code e} unwraps all that waits for it, running tasks when {@code tasks}. */
        void unwrapAll(SSLEngine e, boolean tasks) throws SSLException {
            ByteBuffer in = e == client ? s2c : c2s;
            in.flip();
            for (int i = 0; i < 20 && in.hasRemaining(); i++) {
                SSLEngineResult r = e.unwrap(in, ByteBuffer.allocate(1 << 16));
                if (tasks) {
                    runTasks(e);
                }
                if (r.getStatus() != Status.OK || r.bytesConsumed() == 0 && !tasks) {
                    break;
                }
            }
            in.compact();
        }
    }
}
