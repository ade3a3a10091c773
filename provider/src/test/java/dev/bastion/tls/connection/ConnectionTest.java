package dev.bastion.tls.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.connection.config.CloseRules;
import dev.bastion.tls.connection.config.KeyLimits;
import dev.bastion.tls.message.EndOfEarlyData;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.HandshakeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The connection core driven by the scripted handshakers: flow, epochs, tasks, failure, close. */
class ConnectionTest {

    @Test
    void handshakeCompletesAndReportsFinishedOncePerSide() throws Exception {
        CorePair p = CorePair.withFakes();
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, p.client.handshakeStatus());
        p.handshake();
        assertTrue(p.client.handshakeComplete());
        assertTrue(p.server.handshakeComplete());
        assertEquals(1, p.finishedClient);
        assertEquals(1, p.finishedServer);
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, p.client.handshakeStatus());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, p.server.handshakeStatus());
        assertFalse(p.client.takeFinished(), "FINISHED exactly once");
    }

    @Test
    void statusAfterBeginIsNeedWrapForTheClientAndNeedUnwrapForTheServer() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        assertEquals(HandshakeStatus.NEED_WRAP, p.client.handshakeStatus());
        assertEquals(HandshakeStatus.NEED_UNWRAP, p.server.handshakeStatus());
        assertTrue(p.client.handshaking());
    }

    /** Go's chokepoint habit: both sides hash exactly the messages on the wire, in order. */
    @Test
    void transcriptHoldsEveryMessageSentAndReceivedInOrder() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (HandshakeMessage m : List.of(new EndOfEarlyData(),
                new dev.bastion.tls.message.EncryptedExtensions(dev.bastion.tls.message.ext.Extensions.EMPTY),
                new dev.bastion.tls.message.EncryptedExtensions(dev.bastion.tls.message.ext.Extensions.EMPTY),
                FakeHandshaker.finished(3))) {
            all.writeBytes(HandshakeMessage.frame(m));
        }
        all.writeBytes(HandshakeMessage.frame(FakeHandshaker.finished(5)));
        byte[] expected = sha.digest(all.toByteArray());
        assertArrayEquals(expected, p.clientHandshaker().transcriptAtComplete, "sent messages added by send()");
        assertArrayEquals(expected, p.serverHandshaker().transcriptAtComplete, "received messages added by the core");
    }

    @Test
    void serverFlightLeavesInThreeChunksUnderTheRightProtection() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        CorePair.flushAll(p.client, p.toServer);
        CorePair.readAll(p.server, p.toServer, ByteBuffer.allocate(100));
        ByteBuffer net = ByteBuffer.allocate(1000);
        int first = p.server.flush(net);
        assertEquals(5 + 6, first, "plaintext EncryptedExtensions");
        assertEquals(22, net.get(0));
        int second = p.server.flush(net);
        assertArrayEquals(new byte[] {20, 3, 3, 0, 1, 1}, java.util.Arrays.copyOfRange(net.array(), first, first + second));
        int third = p.server.flush(net);
        assertEquals(5 + (6 + 36) + 1 + 16, third, "EncryptedExtensions and Finished coalesced into one protected record");
        assertEquals(23, net.get(first + second));
        assertFalse(p.server.hasOutput());
        assertEquals(0, p.server.flush(net));
    }

    @Test
    void flushIntoTooSmallBufferWritesNothing() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        ByteBuffer tiny = ByteBuffer.allocate(8);
        assertEquals(-1, p.client.flush(tiny));
        assertEquals(0, tiny.position());
        assertTrue(p.client.hasOutput());
    }

    @Test
    void firstMessagesAreDelegatedAndFinishedIsInline() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        CorePair.flushAll(p.client, p.toServer);
        p.toServer.flip();
        assertEquals(0, p.server.missing(p.toServer));
        assertEquals(0, p.server.read(p.toServer, new ByteBuffer[] {ByteBuffer.allocate(0)}, 0, 1),
                "handshake records need no application room");
        assertTrue(p.server.taskPending());
        assertEquals(HandshakeStatus.NEED_TASK, p.server.handshakeStatus());
        Runnable task = p.server.delegatedTask();
        assertNotNull(task);
        assertNull(p.server.delegatedTask(), "handed out once");
        Thread t = new Thread(task, "bastion-task-thread");
        t.start();
        t.join();
        assertEquals(List.of("bastion-task-thread"), p.serverHandshaker().threads);
        assertEquals(HandshakeStatus.NEED_WRAP, p.server.handshakeStatus());
        p.toServer.compact();
        CorePair.flushAll(p.server, p.toClient);
        CorePair.readAll(p.client, p.toClient, ByteBuffer.allocate(100));
        CorePair.flushAll(p.client, p.toServer);
        p.toServer.flip();
        p.server.read(p.toServer, new ByteBuffer[] {ByteBuffer.allocate(100)}, 0, 1); // CCS
        p.server.read(p.toServer, new ByteBuffer[] {ByteBuffer.allocate(100)}, 0, 1); // Finished
        assertFalse(p.server.taskPending(), "Finished is processed inline, as SunJSSE does");
        assertTrue(p.server.handshakeComplete());
        assertEquals(Thread.currentThread().getName(), p.serverHandshaker().threads.get(1));
    }

    @Test
    void localAlertDuringHandshakeIsAHandshakeExceptionAndTheAlertIsSent() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        CorePair.flushAll(p.client, p.toServer);
        CorePair.readAll(p.server, p.toServer, ByteBuffer.allocate(100));
        CorePair.flushAll(p.server, p.toClient);
        CorePair.readAll(p.client, p.toClient, ByteBuffer.allocate(100));
        CorePair.flushAll(p.client, p.toServer);
        p.serverHandshaker().failOn(m -> m instanceof Finished, TlsAlert.decryptError("client Finished does not verify"));
        SSLException e = assertThrows(SSLException.class, () -> CorePair.readAll(p.server, p.toServer, ByteBuffer.allocate(100)));
        assertInstanceOf(SSLHandshakeException.class, e);
        assertEquals("client Finished does not verify", e.getMessage());
        assertInstanceOf(TlsAlert.class, e.getCause());
        assertSame(e, p.server.failure(), "sticky");
        assertTrue(p.server.inboundDone());
        assertEquals(HandshakeStatus.NEED_WRAP, p.server.handshakeStatus(), "the alert waits to be written");
        assertFalse(p.server.outboundDone());
        ByteBuffer net = ByteBuffer.allocate(100);
        assertEquals(5 + 2 + 1 + 16, p.server.flush(net), "alert under the server's application keys");
        assertTrue(p.server.outboundDone());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, p.server.handshakeStatus());
        net.flip();
        SSLException received = assertThrows(SSLException.class, () -> {
            p.client.missing(net);
            p.client.read(net, new ByteBuffer[] {ByteBuffer.allocate(100)}, 0, 1);
        });
        assertEquals("Received fatal alert: decrypt_error", received.getMessage());
        assertInstanceOf(SSLHandshakeException.class, received,
                "decrypt_error belongs to handshakes: SunJSSE's type, although this client had completed");
        assertFalse(p.client.hasOutput(), "no alert answers an alert");
        assertTrue(p.client.outboundDone() && p.client.inboundDone());
    }

    @Test
    void aReceivedAlertsExceptionTypeIsSunJssesForThatAlert() {
        for (boolean handshaking : new boolean[] {true, false}) {
            assertEquals(javax.net.ssl.SSLProtocolException.class, Failure.peerException(10, "m", handshaking).getClass());
            for (int code : new int[] {40, 42, 46, 48, 50, 51, 70, 71, 109, 112, 116, 120}) {
                assertEquals(SSLHandshakeException.class, Failure.peerException(code, "m", handshaking).getClass(), "" + code);
            }
            for (int code : new int[] {0, 20, 22, 80, 86, 90}) {
                assertEquals(SSLException.class, Failure.peerException(code, "m", handshaking).getClass(), "" + code);
            }
        }
        assertEquals(SSLHandshakeException.class, Failure.peerException(200, "m", true).getClass(), "unknown: by state");
        assertEquals(SSLException.class, Failure.peerException(200, "m", false).getClass());
    }

    @Test
    void failureInADelegatedTaskIsReportedOnceByTheNextCall() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        p.created.get(1).failOn(m -> m instanceof EndOfEarlyData, TlsAlert.handshakeFailure("no cipher suites in common"));
        CorePair.flushAll(p.client, p.toServer);
        p.toServer.flip();
        p.server.missing(p.toServer);
        p.server.read(p.toServer, new ByteBuffer[] {ByteBuffer.allocate(100)}, 0, 1);
        p.server.delegatedTask().run(); // does not throw
        assertEquals(HandshakeStatus.NEED_WRAP, p.server.handshakeStatus());
        SSLException e = p.server.takeDelegatedFailure();
        assertInstanceOf(SSLHandshakeException.class, e);
        assertEquals("no cipher suites in common", e.getMessage());
        assertNull(p.server.takeDelegatedFailure(), "once");
        ByteBuffer net = ByteBuffer.allocate(100);
        assertEquals(7, p.server.flush(net));
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, 40}, java.util.Arrays.copyOf(net.array(), 7),
                "plaintext fatal handshake_failure");
    }

    @Test
    void anyOtherRuntimeExceptionBecomesInternalError() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        NullPointerException bug = new NullPointerException("oops");
        p.created.get(1).failOn(m -> true, bug);
        CorePair.flushAll(p.client, p.toServer);
        SSLException e = assertThrows(SSLException.class, () -> CorePair.readAll(p.server, p.toServer, ByteBuffer.allocate(100)));
        assertSame(bug, e.getCause());
        assertTrue(e.getMessage().contains("internal error"), e.getMessage());
        ByteBuffer net = ByteBuffer.allocate(100);
        p.server.flush(net);
        assertEquals(80, net.get(6), "internal_error");
    }

    @Test
    void handshakerThatCannotBeCreatedFailsTheHandshake() {
        HandshakerFactory broken = config -> {
            throw dev.bastion.tls.codec.TlsAlert.internalError("no handshaker for this configuration", null);
        };
        Connection c = new Connection(broken, NoCredentials.INSTANCE, new java.security.SecureRandom(),
                dev.bastion.tls.diag.KeyLog.OFF, dev.bastion.tls.connection.config.KeyLimits.NONE, CloseRules.DEFAULT,
                ConnectionListener.NONE);
        SSLException e = assertThrows(SSLHandshakeException.class, () -> c.begin(() -> CorePair.config(true)));
        assertTrue(e.getMessage().contains("no handshaker for this configuration"), e.getMessage());
    }

    @Test
    void configurationFailureGoesThroughTheCatchSite() {
        CorePair p = CorePair.withFakes();
        SSLException e = assertThrows(SSLHandshakeException.class, () -> p.client.begin(() -> {
            throw TlsAlert.handshakeFailure("No appropriate protocol");
        }));
        assertSame(e, p.client.failure());
        assertEquals(HandshakeStatus.NEED_WRAP, p.client.handshakeStatus());
    }

    @Test
    void applicationDataFlowsBothWaysAfterTheHandshake() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        ByteBuffer net = ByteBuffer.allocate(1000);
        int consumed = p.client.write(new ByteBuffer[] {ByteBuffer.wrap("hel".getBytes()), ByteBuffer.wrap("lo".getBytes())}, 0, 2, net);
        assertEquals(5, consumed);
        assertEquals(5 + 5 + 1 + 16, net.position(), "gathered into one record");
        net.flip();
        ByteBuffer a = ByteBuffer.allocate(3);
        ByteBuffer b = ByteBuffer.allocate(3);
        assertEquals(0, p.server.missing(net));
        assertTrue(p.server.fits(new ByteBuffer[] {a, b}, 0, 2));
        assertFalse(p.server.fits(new ByteBuffer[] {a}, 0, 1));
        assertEquals(5, p.server.read(net, new ByteBuffer[] {a, b}, 0, 2), "scattered through staging");
        assertEquals("hello", new String(a.array()) + new String(b.array(), 0, 2));
    }

    @Test
    void writeLimitsRecordsToTheMaximumFragmentLength() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        p.client.setMaxFragmentLength(100);
        ByteBuffer net = ByteBuffer.allocate(1000);
        assertEquals(100, p.client.write(new ByteBuffer[] {ByteBuffer.allocate(250)}, 0, 1, net));
        assertEquals(5 + 100 + 17, net.position());
        assertEquals(-1, p.client.write(new ByteBuffer[] {ByteBuffer.allocate(250)}, 0, 1, ByteBuffer.allocate(121)));
    }

    @Test
    void applicationDataReadBeforeAFailureIsKept() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        ByteBuffer net = ByteBuffer.allocate(1000);
        p.client.write(new ByteBuffer[] {ByteBuffer.wrap("data".getBytes())}, 0, 1, net);
        int end = net.position();
        p.client.write(new ByteBuffer[] {ByteBuffer.wrap("more".getBytes())}, 0, 1, net);
        net.put(end + 7, (byte) (net.get(end + 7) ^ 1)); // tamper with the second record
        net.flip();
        ByteBuffer app = ByteBuffer.allocate(100);
        p.server.missing(net);
        assertEquals(4, p.server.read(net, new ByteBuffer[] {app}, 0, 1));
        p.server.missing(net);
        SSLException e = assertThrows(SSLException.class, () -> p.server.read(net, new ByteBuffer[] {app}, 0, 1));
        assertTrue(e.getMessage().toLowerCase().contains("bad_record_mac") || e.getCause() instanceof TlsAlert, e.getMessage());
        assertEquals("data", new String(app.array(), 0, app.position()));
    }

    @Test
    void closeAfterHandshakeSendsCloseNotifyAndHalfCloses() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        p.client.closeOutbound();
        assertEquals(HandshakeStatus.NEED_WRAP, p.client.handshakeStatus());
        assertFalse(p.client.outboundDone());
        assertEquals(1, CorePair.flushAll(p.client, p.toServer));
        assertTrue(p.client.outboundDone());
        assertFalse(p.client.inboundDone());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, p.client.handshakeStatus());
        CorePair.readAll(p.server, p.toServer, ByteBuffer.allocate(100));
        assertTrue(p.server.inboundDone());
        assertFalse(p.server.outboundDone(), "TLS 1.3 half-close: no automatic reply");
        assertFalse(p.server.hasOutput());
        p.server.closeInbound(); // after close_notify: no exception
        SSLException e = assertThrows(SSLException.class, p.client::closeInbound);
        assertEquals("closing inbound before receiving peer's close_notify", e.getMessage());
        p.client.closeInbound(); // once
        assertNull(p.client.failure(), "closeInbound does not fail the connection");
    }

    @Test
    void duplexCloseAfterTls13HandshakeSendsUserCanceledThenCloseNotify() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        p.client.closeDuplex();
        assertEquals(2, CorePair.flushAll(p.client, p.toServer), "user_canceled, then close_notify, each its own record");
        assertTrue(p.client.outboundDone());
        CorePair.readAll(p.server, p.toServer, ByteBuffer.allocate(100));
        assertTrue(p.server.inboundDone());
        assertNull(p.server.failure(), "user_canceled after the handshake is a closure alert, not an error");
    }

    @Test
    void duplexCloseAfterThePeersCloseNotifySendsCloseNotifyAlone() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        p.server.closeOutbound();
        CorePair.flushAll(p.server, p.toClient);
        CorePair.readAll(p.client, p.toClient, ByteBuffer.allocate(100));
        assertTrue(p.client.inboundDone());
        p.client.closeDuplex();
        assertEquals(1, CorePair.flushAll(p.client, p.toServer));
        assertTrue(p.client.outboundDone());
    }

    @Test
    void aFatalAlertSentOrReceivedTellsBothListeners() throws Exception {
        int[] failed = new int[2];
        CorePair p = CorePair.withListeners(listener(() -> failed[0]++), listener(() -> failed[1]++));
        p.handshake();
        assertArrayEquals(new int[] {0, 0}, failed);
        ByteBuffer forged = ByteBuffer.wrap(new byte[] {23, 3, 3, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
                16, 17, 18, 19, 20});
        assertThrows(SSLException.class, () -> p.client.read(forged, new ByteBuffer[] {ByteBuffer.allocate(100)}, 0, 1));
        assertArrayEquals(new int[] {1, 0}, failed, "the side that found the bad record");
        CorePair.flushAll(p.client, p.toServer);
        assertThrows(SSLException.class, () -> CorePair.readAll(p.server, p.toServer, ByteBuffer.allocate(100)));
        assertArrayEquals(new int[] {1, 1}, failed, "the side that received the fatal alert");
    }

    private static ConnectionListener listener(Runnable onFailure) {
        return new ConnectionListener() {
            @Override
            public void handshakeSession(dev.bastion.tls.handshake.Negotiated sofar) {
            }

            @Override
            public void complete(dev.bastion.tls.handshake.Negotiated result) {
            }

            @Override
            public void failed() {
                onFailure.run();
            }
        };
    }

    @Test
    void closeDuringHandshakeSendsUserCanceledThenCloseNotify() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        CorePair.flushAll(p.client, p.toServer);
        p.client.closeOutbound();
        ByteBuffer net = ByteBuffer.allocate(100);
        assertEquals(7, p.client.flush(net));
        assertFalse(p.client.outboundDone());
        assertEquals(7, p.client.flush(net));
        assertTrue(p.client.outboundDone());
        // RFC 8446 §5.1: only the initial ClientHello may carry 0x0301; these alerts follow it
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 1, 90, 21, 3, 3, 0, 2, 1, 0}, java.util.Arrays.copyOf(net.array(), 14));
        assertEquals(HandshakeStatus.NEED_UNWRAP, p.client.handshakeStatus());
    }

    @Test
    void closeBeforeBeginSendsNothingAndForbidsBegin() throws Exception {
        CorePair p = CorePair.withFakes();
        p.client.closeOutbound();
        assertTrue(p.client.outboundDone());
        assertFalse(p.client.hasOutput());
        p.client.closeInbound(); // nothing began: no exception
        SSLException e = assertThrows(SSLException.class, () -> p.client.begin(() -> CorePair.config(true)));
        assertEquals("Cannot kickstart, the connection is broken or closed", e.getMessage());
    }

    /**
     * A peer that cancels its handshake (user_canceled, then close_notify) closes both
     * directions, as SunJSSE takes it: no exception, and this side answers with close_notify
     * alone (no user_canceled of its own).
     */
    @Test
    void cancelledHandshakeClosesBothSides() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        CorePair.flushAll(p.client, p.toServer);
        p.server.closeOutbound(); // before reading the ClientHello: user_canceled, close_notify
        assertEquals(2, CorePair.flushAll(p.server, p.toClient));
        CorePair.readAll(p.client, p.toClient, ByteBuffer.allocate(100));
        assertTrue(p.client.inboundDone());
        assertEquals(null, p.client.failure());
        assertEquals(HandshakeStatus.NEED_WRAP, p.client.handshakeStatus());
        ByteBuffer net = ByteBuffer.allocate(100);
        p.client.flush(net);
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 1, 0}, java.util.Arrays.copyOf(net.array(), net.position()));
        assertTrue(p.client.outboundDone());
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, p.client.handshakeStatus());
    }

    /**
     * closeOutbound while a delegated task waits: the alerts are to be wrapped at once
     * (NEED_WRAP first, as SunJSSE reports), and the task stays: it still runs the handshake
     * (so the peer's keys are installed and its close_notify can be read), as SunJSSE's does,
     * while nothing the handshake sends follows the close_notify.
     */
    @Test
    void closingWithATaskPendingWrapsTheAlertsAtOnceAndKeepsTheTask() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        CorePair.flushAll(p.client, p.toServer);
        p.toServer.flip();
        p.server.missing(p.toServer);
        p.server.read(p.toServer, new ByteBuffer[] {ByteBuffer.allocate(0)}, 0, 1);
        Runnable task = p.server.delegatedTask();
        assertEquals(HandshakeStatus.NEED_TASK, p.server.handshakeStatus());
        p.server.closeOutbound();
        assertEquals(HandshakeStatus.NEED_WRAP, p.server.handshakeStatus());
        ByteBuffer net = ByteBuffer.allocate(100);
        while (p.server.hasOutput()) {
            p.server.flush(net);
        }
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 1, 90, 21, 3, 3, 0, 2, 1, 0},
                java.util.Arrays.copyOf(net.array(), net.position()), "user_canceled, close_notify");
        assertTrue(p.server.outboundDone());
        assertEquals(HandshakeStatus.NEED_TASK, p.server.handshakeStatus(), "the task is still to run");
        task.run();
        assertEquals(1, p.serverHandshaker().threads.size(), "the task ran the handshake");
        assertFalse(p.server.hasOutput(), "nothing follows the close_notify");
    }

    @Test
    void closeNotifyWithoutUserCanceledDuringHandshakeIsUnexpected() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        ByteBuffer closeNotify = ByteBuffer.wrap(new byte[] {21, 3, 3, 0, 2, 1, 0});
        p.client.missing(closeNotify);
        SSLException e = assertThrows(SSLHandshakeException.class,
                () -> p.client.read(closeNotify, new ByteBuffer[] {ByteBuffer.allocate(10)}, 0, 1));
        assertEquals("Received close_notify during handshake", e.getMessage());
    }

    @Test
    void peerAlertDuringHandshakeNamesTheAlert() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        ByteBuffer alert = ByteBuffer.wrap(new byte[] {21, 3, 3, 0, 2, 2, 40});
        p.client.missing(alert);
        SSLException e = assertThrows(SSLHandshakeException.class, () -> p.client.read(alert, new ByteBuffer[] {ByteBuffer.allocate(10)}, 0, 1));
        assertEquals("Received fatal alert: handshake_failure", e.getMessage());
        assertNotEquals(null, p.client.failure());
    }

    @Test
    void closeDuringHandshakeQueuesNothingAfterCloseNotify() throws Exception {
        // Another thread closes a server socket while its handshake thread waits for the
        // client's Finished: the close_notify goes out under the application keys and they
        // are wiped; the Finished read afterwards completes the handshake, whose
        // NewSessionTicket must be dropped, not sealed under the wiped keys.
        CorePair p = CorePair.withFakes(true, KeyLimits.NONE);
        p.begin();
        ByteBuffer app = ByteBuffer.allocate(1000);
        CorePair.flushAll(p.client, p.toServer);
        CorePair.readAll(p.server, p.toServer, app);
        CorePair.flushAll(p.server, p.toClient);
        CorePair.readAll(p.client, p.toClient, app);
        CorePair.flushAll(p.client, p.toServer); // the client's Finished, not read yet
        assertFalse(p.server.handshakeComplete());
        p.server.closeOutbound();
        assertEquals(2, CorePair.flushAll(p.server, p.toClient), "user_canceled, close_notify");
        assertTrue(p.server.outboundDone());
        CorePair.readAll(p.server, p.toServer, app);
        assertTrue(p.server.handshakeComplete());
        assertFalse(p.server.hasOutput(), "nothing is queued after close_notify");
        assertEquals(0, p.server.flush(ByteBuffer.allocate(1000)));
        assertNull(p.server.failure());
    }
}
