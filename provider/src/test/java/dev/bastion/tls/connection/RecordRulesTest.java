package dev.bastion.tls.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.connection.config.KeyLimits;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.KeyUpdate;
import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.Tls13Protection;
import dev.bastion.tls.testutil.Hex;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TLS 1.3 rules the core enforces at the record level (RFC 8446 §5, §6) and the KeyUpdate hooks. */
class RecordRulesTest {

    /** Seals records the way a peer holding {@code keys} would. */
    private static final class Peer {
        final Tls13Protection protection;
        final ByteBuffer net = ByteBuffer.allocate(1 << 16);

        Peer(TrafficKeys keys) {
            protection = new Tls13Protection(keys);
        }

        Peer record(ContentType type, byte... content) {
            protection.seal(type, ByteBuffer.wrap(content), net);
            return this;
        }
    }

    private static int readEach(Connection to, ByteBuffer net) throws SSLException {
        return CorePair.readAll(to, net, ByteBuffer.allocate(1 << 16));
    }

    @Test
    void emptyApplicationDataRecordsAreBoundedButDataResetsTheCount() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        Peer client = new Peer(FakeHandshaker.appKeys(true, 0));
        for (int i = 0; i < Limits.MAX_CONSECUTIVE_EMPTY_RECORDS; i++) {
            client.record(ContentType.APPLICATION_DATA);
        }
        client.record(ContentType.APPLICATION_DATA, (byte) 'x');
        for (int i = 0; i < Limits.MAX_CONSECUTIVE_EMPTY_RECORDS; i++) {
            client.record(ContentType.APPLICATION_DATA);
        }
        assertEquals(1, readEach(p.server, client.net));
        client.record(ContentType.APPLICATION_DATA);
        SSLException e = assertThrows(SSLProtocolException.class, () -> readEach(p.server, client.net));
        assertTrue(e.getMessage().contains("too many records without content"), e.getMessage());
    }

    @Test
    void compatibilityCcsAfterTheHandshakeIsUnexpected() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        ByteBuffer ccs = ByteBuffer.allocate(6).put(new byte[] {20, 3, 3, 0, 1, 1});
        SSLException e = assertThrows(SSLProtocolException.class, () -> readEach(p.server, ccs));
        assertTrue(e.getMessage().contains("change_cipher_spec received, but"), e.getMessage());
    }

    @Test
    void compatibilityCcsMustBeTheByteOne() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        ByteBuffer ccs = ByteBuffer.allocate(6).put(new byte[] {20, 3, 3, 0, 1, 2});
        SSLException e = assertThrows(SSLHandshakeException.class, () -> readEach(p.client, ccs));
        assertTrue(e.getMessage().contains("single byte 0x01"), e.getMessage());
    }

    @Test
    void compatibilityCcsRecordsAreBounded() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        ByteBuffer net = ByteBuffer.allocate(1000);
        for (int i = 0; i < Limits.MAX_CONSECUTIVE_EMPTY_RECORDS; i++) {
            net.put(new byte[] {20, 3, 3, 0, 1, 1});
        }
        readEach(p.client, net);
        net.put(new byte[] {20, 3, 3, 0, 1, 1});
        assertThrows(SSLHandshakeException.class, () -> readEach(p.client, net));
    }

    @Test
    void serverRefusesCcsBeforeTheClientHello() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        ByteBuffer ccs = ByteBuffer.allocate(6).put(new byte[] {20, 3, 1, 0, 1, 1});
        assertThrows(SSLHandshakeException.class, () -> readEach(p.server, ccs));
    }

    /**
     * RFC 8446 §6: the server reads the client's handshake key as soon as its flight is out, but
     * a client that cannot use that flight has no key yet and sends its alert in the clear —
     * with the record version 0x0303, or the 0x0301 it used for its ClientHello, as testssl.sh's
     * clients do (RFC 8446 §5.1: the field is ignored): reported as the client's alert.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0303", "0301"})
    void plaintextAlertBeforeThePeersFirstProtectedRecordIsReported(String recordVersion) throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        CorePair.flushAll(p.client, p.toServer);
        readEach(p.server, p.toServer);
        CorePair.flushAll(p.server, p.toClient);
        ByteBuffer alert = ByteBuffer.allocate(64).put(Hex.bytes("15" + recordVersion + "00020228"));
        SSLException e = assertThrows(SSLHandshakeException.class, () -> readEach(p.server, alert));
        assertEquals("Received fatal alert: handshake_failure", e.getMessage());
    }

    @Test
    void plaintextAlertAfterTheHandshakeIsUnexpected() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        ByteBuffer alert = ByteBuffer.allocate(64).put(Hex.bytes("15030300020228"));
        SSLException e = assertThrows(SSLProtocolException.class, () -> readEach(p.server, alert));
        assertTrue(e.getMessage().contains("unprotected alert"), e.getMessage());
    }

    @Test
    void userCanceledWarningsAreIgnoredButBounded() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        Peer server = new Peer(FakeHandshaker.appKeys(false, 0));
        for (int i = 0; i < Limits.MAX_CONSECUTIVE_EMPTY_RECORDS; i++) {
            server.record(ContentType.ALERT, (byte) 1, (byte) 90);
        }
        readEach(p.client, server.net);
        assertFalse(p.client.inboundDone());
        server.record(ContentType.ALERT, (byte) 1, (byte) 90);
        assertThrows(SSLProtocolException.class, () -> readEach(p.client, server.net));
    }

    @Test
    void warningLevelErrorAlertIsFatalInTls13() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        Peer server = new Peer(FakeHandshaker.appKeys(false, 0)).record(ContentType.ALERT, (byte) 1, (byte) 40);
        SSLException e = assertThrows(SSLException.class, () -> readEach(p.client, server.net));
        assertEquals("Received fatal alert: handshake_failure", e.getMessage());
    }

    @Test
    void alertInsideAHandshakeMessageIsUnexpected() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        Peer server = new Peer(FakeHandshaker.appKeys(false, 0))
                .record(ContentType.HANDSHAKE, (byte) 24, (byte) 0)
                .record(ContentType.ALERT, (byte) 1, (byte) 0);
        SSLException e = assertThrows(SSLProtocolException.class, () -> readEach(p.client, server.net));
        assertTrue(e.getMessage().contains("pending at an alert record"), e.getMessage());
    }

    @Test
    void applicationDataBeforeTheHandshakeCompletedIsUnexpected() throws Exception {
        CorePair p = CorePair.withFakes();
        p.begin();
        CorePair.flushAll(p.client, p.toServer);
        readEach(p.server, p.toServer); // server now reads with C_HS
        Peer client = new Peer(FakeHandshaker.C_HS).record(ContentType.APPLICATION_DATA, (byte) 'x');
        SSLException e = assertThrows(SSLHandshakeException.class, () -> readEach(p.server, client.net));
        assertTrue(e.getMessage().contains("before the handshake completed"), e.getMessage());
    }

    @Test
    void keyUpdatesWithoutDataAreBounded() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        ByteBuffer net = ByteBuffer.allocate(1 << 16);
        byte[] keyUpdate = HandshakeMessage.frame(new KeyUpdate(false));
        for (int g = 0; g <= Limits.MAX_CONSECUTIVE_KEY_UPDATES; g++) {
            new Tls13Protection(FakeHandshaker.appKeys(true, g)).seal(ContentType.HANDSHAKE, ByteBuffer.wrap(keyUpdate), net);
        }
        SSLException e = assertThrows(SSLProtocolException.class, () -> readEach(p.server, net));
        assertTrue(e.getMessage().contains("KeyUpdate messages without application data"), e.getMessage());
        assertEquals(Limits.MAX_CONSECUTIVE_KEY_UPDATES, p.serverHandshaker().received.size() - 2, "the 33rd never reaches the handshaker");
    }

    @Test
    void writeKeyLimitTriggersAKeyUpdateThroughTheHook() throws Exception {
        CorePair p = CorePair.withFakes(false, KeyLimits.parse("AES/GCM/NoPadding KeyUpdate 100"));
        p.handshake();
        ByteBuffer net = p.toServer;
        assertEquals(150, p.client.write(new ByteBuffer[] {ByteBuffer.allocate(150)}, 0, 1, net));
        assertTrue(p.client.hasOutput(), "KeyUpdate queued");
        CorePair.flushAll(p.client, net);
        assertEquals(150, readEach(p.server, net));
        assertEquals(List.of(false), p.serverHandshaker().keyUpdateRequests);
        p.client.write(new ByteBuffer[] {ByteBuffer.wrap("after".getBytes())}, 0, 1, net);
        assertEquals(5, readEach(p.server, net), "the server follows the new key");
    }

    @Test
    void writeKeyLimitWithoutHookFailsClosed() throws Exception {
        List<FakeHandshaker> made = new ArrayList<>();
        CorePair p = new CorePair(FakeHandshaker.basicFactory(made), made, KeyLimits.parse("AES/GCM/NoPadding KeyUpdate 100"));
        p.handshake();
        SSLException e = assertThrows(SSLException.class,
                () -> p.client.write(new ByteBuffer[] {ByteBuffer.allocate(150)}, 0, 1, ByteBuffer.allocate(1000)));
        assertTrue(e.getMessage().contains("cannot send a KeyUpdate"), e.getMessage());
        assertInstanceOf(SSLException.class, p.client.failure());
    }

    @Test
    void readKeyLimitAsksThePeerToUpdate() throws Exception {
        CorePair p = CorePair.withFakes(false, KeyLimits.parse("AES/GCM/NoPadding KeyUpdate 100"));
        p.handshake();
        // the server writes under its limit, the client writes over: only the server's read side is affected
        p.client.setMaxFragmentLength(60);
        for (int i = 0; i < 2; i++) {
            p.client.write(new ByteBuffer[] {ByteBuffer.allocate(60)}, 0, 1, p.toServer);
            CorePair.flushAll(p.client, p.toServer);
        }
        assertEquals(120, readEach(p.server, p.toServer));
        assertTrue(p.server.hasOutput(), "KeyUpdate(update_requested) queued");
        CorePair.flushAll(p.server, p.toClient);
        readEach(p.client, p.toClient);
        assertEquals(List.of(true), p.clientHandshaker().keyUpdateRequests);
        CorePair.flushAll(p.client, p.toServer);
        readEach(p.server, p.toServer);
        assertTrue(p.serverHandshaker().keyUpdateRequests.contains(false), "the client answered with its own KeyUpdate");
    }

    @Test
    void requestKeyUpdateAfterTheHandshakeAsksThePeer() throws Exception {
        CorePair p = CorePair.withFakes();
        p.handshake();
        p.client.requestKeyUpdate();
        CorePair.flushAll(p.client, p.toServer);
        readEach(p.server, p.toServer);
        assertEquals(List.of(true), p.serverHandshaker().keyUpdateRequests);
    }

    @Test
    void newSessionTicketIsProcessedInline() throws Exception {
        CorePair p = CorePair.withFakes(true, KeyLimits.NONE);
        p.handshake();
        assertEquals(1, p.clientHandshaker().tickets);
        assertEquals(1, p.finishedServer, "FINISHED once, when the ticket was written");
        assertFalse(p.client.taskPending());
    }
}
