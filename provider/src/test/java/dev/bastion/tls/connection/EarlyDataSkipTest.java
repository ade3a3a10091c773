package dev.bastion.tls.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.connection.config.HandshakeConfigs;
import dev.bastion.tls.connection.config.KeyLimits;
import dev.bastion.tls.diag.KeyLog;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.TestCerts;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.handshake.TestCredentials;
import dev.bastion.tls.handshake.tls13.client.EarlyDataClient;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

/**
 * RFC 8446 §4.2.10: a server that does not accept early data "skip[s] past early data by
 * attempting to deprotect received records using the handshake traffic key, discarding records
 * which fail deprotection (up to the configured max_early_data_size)". A client offers
 * early_data and sends 0-RTT records (opaque to the server, which never issued a ticket
 * allowing them) right after its ClientHello: the handshake completes and application data then
 * flows; a client that sends more than {@link Limits#MAX_SKIPPED_EARLY_DATA} bytes of it fails
 * with bad_record_mac.
 */
class EarlyDataSkipTest {
    private final SecureRandom random = new SecureRandom();
    private final Connection client = new Connection(EarlyDataClient::handshaker, new TestCredentials(), random,
            KeyLog.OFF, KeyLimits.NONE, ConnectionListener.NONE);
    private final Connection server = new Connection(Handshakers.STANDARD,
            new TestCredentials().server(TestCerts.credential(Kind.EC_P256, "server")), random, KeyLog.OFF,
            KeyLimits.NONE, ConnectionListener.NONE);
    private final ByteBuffer toServer = ByteBuffer.allocate(1 << 18);
    private final ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer app = ByteBuffer.allocate(1 << 16);

    @Test
    void rejectedEarlyDataIsSkippedAndTheHandshakeCompletes() throws Exception {
        begin();
        CorePair.flushAll(client, toServer);
        earlyData(3, 1000);
        pump();
        assertTrue(client.handshakeComplete() && server.handshakeComplete());
        byte[] hello = "after the handshake".getBytes(StandardCharsets.US_ASCII);
        client.write(new ByteBuffer[] {ByteBuffer.wrap(hello)}, 0, 1, toServer);
        app.clear();
        assertEquals(hello.length, CorePair.readAll(server, toServer, app));
    }

    @Test
    void tooMuchEarlyDataIsBadRecordMac() throws Exception {
        begin();
        CorePair.flushAll(client, toServer);
        earlyData(5, 16_000);
        SSLException e = assertThrows(SSLException.class, this::pump);
        assertEquals(server.failure(), e, "the server failed");
        assertTrue(e.getMessage().contains("record failed authentication"), e.getMessage());
        assertEquals(AlertDescription.BAD_RECORD_MAC, ((dev.bastion.tls.codec.TlsAlert) e.getCause()).alert());
    }

    private void begin() throws SSLException {
        SSLParameters p = new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256"}, new String[] {"TLSv1.3"});
        client.begin(() -> HandshakeConfigs.build(CorePair.POLICY, true, p, "localhost", 443, ClientAuth.NONE));
        server.begin(() -> HandshakeConfigs.build(CorePair.POLICY, false, p, null, -1, ClientAuth.NONE));
    }

    /** {@code n} records of {@code size} random bytes each, as 0-RTT records look on the wire (outer type 23). */
    private void earlyData(int n, int size) {
        for (int i = 0; i < n; i++) {
            byte[] body = new byte[size];
            random.nextBytes(body);
            toServer.put((byte) 23).put((byte) 3).put((byte) 3).putShort((short) size).put(body);
        }
    }

    private void pump() throws SSLException {
        for (int i = 0; i < 10; i++) {
            app.clear();
            CorePair.readAll(server, toServer, app);
            CorePair.flushAll(server, toClient);
            app.clear();
            CorePair.readAll(client, toClient, app);
            CorePair.flushAll(client, toServer);
        }
        app.clear();
        CorePair.readAll(server, toServer, app);
    }
}
