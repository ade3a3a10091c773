package dev.bastion.tls.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.connection.config.CloseRules;
import dev.bastion.tls.connection.config.HandshakeConfigs;
import dev.bastion.tls.connection.config.KeyLimits;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.connection.config.TlsPolicy;
import dev.bastion.tls.diag.KeyLog;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.handshake.TestCerts;
import dev.bastion.tls.handshake.TestCredentials;
import dev.bastion.tls.handshake.tls13.client.EarlyDataClient;
import dev.bastion.tls.record.RecordLimits;
import dev.bastion.tls.testutil.Hex;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 *
 * <p>After a HelloRetryRequest the server has no keys until the second ClientHello and skips
 * "all records with an external content type of application_data" within the same budget; past
 * it, or when the first ClientHello offered no early_data, such a record is unexpected_message.
 */
class EarlyDataSkipTest {
    private final SecureRandom random = new SecureRandom();
    private final Connection client = new Connection(EarlyDataClient::handshaker, new TestCredentials(), random,
            KeyLog.OFF, KeyLimits.NONE, CloseRules.DEFAULT, ConnectionListener.NONE);
    /** A server that supports only secp256r1, so the client's default key share draws a HelloRetryRequest. */
    private static final TlsPolicy P256_ONLY = TlsPolicy.load(
            PropertySource.of(Map.of("jdk.tls.namedGroups", "secp256r1"), Map.of()), "TLS");

    private final Connection server = new Connection(Handshakers.STANDARD,
            new TestCredentials().server(TestCerts.credential(Kind.EC_P256, "server")), random, KeyLog.OFF,
            KeyLimits.NONE, CloseRules.DEFAULT, ConnectionListener.NONE);
    private final ByteBuffer toServer = ByteBuffer.allocate(1 << 18);
    private final ByteBuffer toClient = ByteBuffer.allocate(1 << 17);
    private final ByteBuffer app = ByteBuffer.allocate(1 << 16);

    /** The handshake runs to its end, and application data then reaches the server. */
    private void completesAndCarriesData() throws Exception {
        pump();
        assertTrue(client.handshakeComplete() && server.handshakeComplete());
        byte[] hello = "after the handshake".getBytes(StandardCharsets.US_ASCII);
        client.write(new ByteBuffer[] {ByteBuffer.wrap(hello)}, 0, 1, toServer);
        app.clear();
        assertEquals(hello.length, CorePair.readAll(server, toServer, app));
    }

    @Test
    void rejectedEarlyDataIsSkippedAndTheHandshakeCompletes() throws Exception {
        begin();
        CorePair.flushAll(client, toServer);
        earlyData(3, 1000);
        completesAndCarriesData();
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

    @Test
    void earlyDataBeforeAHelloRetryRequestIsSkippedAndTheHandshakeCompletes() throws Exception {
        begin(client, P256_ONLY);
        CorePair.flushAll(client, toServer);
        // as OpenSSL's s_client -early_data sends it: ClientHello, compatibility CCS, 0-RTT records
        toServer.put(new byte[] {20, 3, 3, 0, 1, 1});
        earlyData(1, 1000);
        earlyData(1, RecordLimits.MAX_PLAINTEXT + 17); // a full 0-RTT record: 2^14 bytes, content type, tag
        earlyData(1, 1);
        app.clear();
        CorePair.readAll(server, toServer, app);
        assertEquals(0, toServer.position(), "every early data record was consumed");
        assertHelloRetryRequest();
        completesAndCarriesData();
    }

    @Test
    void tooMuchEarlyDataBeforeAHelloRetryRequestIsUnexpectedMessage() throws Exception {
        begin(client, P256_ONLY);
        CorePair.flushAll(client, toServer);
        app.clear();
        CorePair.readAll(server, toServer, app);
        assertHelloRetryRequest();
        earlyData(4, 16_000); // 64,000 bytes: within the budget, dropped
        app.clear();
        CorePair.readAll(server, toServer, app);
        assertEquals(0, toServer.position(), "the records within the budget were consumed");
        earlyData(1, 16_000); // past it
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, "application_data record received before any keys");
    }

    @Test
    void applicationDataAfterAHelloRetryRequestWithoutAnEarlyDataOfferIsUnexpectedMessage() throws Exception {
        Connection plain = new Connection(Handshakers.STANDARD, new TestCredentials(), random, KeyLog.OFF,
                KeyLimits.NONE, CloseRules.DEFAULT, ConnectionListener.NONE);
        begin(plain, P256_ONLY);
        CorePair.flushAll(plain, toServer);
        app.clear();
        CorePair.readAll(server, toServer, app);
        assertHelloRetryRequest();
        earlyData(1, 100);
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, "application_data record received before any keys");
    }

    @Test
    void applicationDataBeforeTheClientHelloIsUnexpectedMessage() throws Exception {
        begin(client, P256_ONLY);
        earlyData(1, 100);
        CorePair.flushAll(client, toServer);
        assertAlert(AlertDescription.UNEXPECTED_MESSAGE, "application_data record received before any keys");
    }

    private void begin() throws SSLException {
        begin(client, CorePair.POLICY);
    }

    private void begin(Connection clientSide, TlsPolicy serverPolicy) throws SSLException {
        SSLParameters p = new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256"}, new String[] {"TLSv1.3"});
        clientSide.begin(() -> HandshakeConfigs.build(CorePair.POLICY, true, p, "localhost", 443, ClientAuth.NONE));
        server.begin(() -> HandshakeConfigs.build(serverPolicy, false, p, null, -1, ClientAuth.NONE));
    }

    /** The server's answer so far is a HelloRetryRequest (RFC 8446 §4.1.3: the special ServerHello.random). */
    private void assertHelloRetryRequest() throws SSLException {
        CorePair.flushAll(server, toClient);
        byte[] random = new byte[32];
        toClient.get(11, random); // record header (5), handshake header (4), legacy_version (2)
        assertEquals(22, toClient.get(0), "a handshake record");
        assertEquals(2, toClient.get(5), "a ServerHello");
        assertArrayEquals(Hex.bytes("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C"), random,
                "HelloRetryRequest");
    }

    /** The server reads what is in {@code toServer} and fails with {@code alert}. */
    private void assertAlert(AlertDescription alert, String message) {
        app.clear();
        SSLException e = assertThrows(SSLException.class, () -> CorePair.readAll(server, toServer, app));
        assertEquals(server.failure(), e, "the server failed");
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertEquals(alert, ((dev.bastion.tls.codec.TlsAlert) e.getCause()).alert());
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
