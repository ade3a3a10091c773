package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bytes a correct peer never sends, fed to a real engine of each provider: the engine fails
 * with the exception type SunJSSE uses, names the problem, queues the fatal alert the RFC
 * asks for, and never hangs or throws anything else.
 */
class HostileBytesTest {

    /** A flipped bit in the server's encrypted flight: the client's AEAD check fails. */
    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void tamperedEncryptedHandshakeRecordIsBadRecordMac(String provider) throws Exception {
        SSLEngine client = engine(provider, true);
        SSLEngine server = engine(provider, false);
        ByteBuffer hello = wrap(client);
        unwrapAll(server, hello);
        ByteBuffer flight = wrapAll(server);
        // the flight: ServerHello record, CCS record, then encrypted records; flip the last byte
        flight.put(flight.limit() - 1, (byte) (flight.get(flight.limit() - 1) ^ 1));
        SSLException e = assertThrows(SSLException.class, () -> unwrapAll(client, flight));
        if (provider.equals("Bastion")) {
            // DESIGN.md: a failure during the handshake is an SSLHandshakeException (SunJSSE 17
            // throws its plain SSLException "Tag mismatch!" here; both are SSLExceptions)
            assertTrue(e instanceof SSLHandshakeException, provider + ": " + e);
            assertTrue(e.getMessage().contains("failed authentication"), e.getMessage());
        } else {
            assertTrue(e.getMessage().contains("Tag mismatch"), e.getMessage());
        }
        assertPeerLearnsBadRecordMac(client, server, provider);
    }

    /**
     * Plain HTTP where a ClientHello should be: no hang, and a plain SSLException (SunJSSE's
     * "Unsupported or unrecognized SSL message"), not an SSLHandshakeException: the peer speaks
     * no TLS, so no handshake took place. Applications that catch SSLHandshakeException for
     * certificate and negotiation problems must not take this for one.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void plaintextHttpToServerFails(String provider) throws Exception {
        SSLEngine server = engine(provider, false);
        server.beginHandshake();
        ByteBuffer http = ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        SSLException e = assertThrows(SSLException.class,
                () -> server.unwrap(http, ByteBuffer.allocate(server.getSession().getApplicationBufferSize())));
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), provider);
        assertEquals(SSLException.class, e.getClass(), provider + ": " + e);
    }

    /**
     * The same for a client that gets a plain HTTP answer to its ClientHello. An SSLv2-format
     * hello, on the other hand, is a handshake in a format both refuse: an SSLHandshakeException.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void bytesThatAreNoTlsFailWithAPlainSslExceptionAnSslv2HelloWithAHandshakeOne(String provider) throws Exception {
        SSLEngine client = engine(provider, true);
        ByteBuffer hello = ByteBuffer.allocate(1 << 16);
        client.wrap(ByteBuffer.allocate(0), hello);
        ByteBuffer http = ByteBuffer.wrap("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer app = ByteBuffer.allocate(client.getSession().getApplicationBufferSize());
        SSLException e = assertThrows(SSLException.class, () -> {
            for (int i = 0; i < 4; i++) { // statuses before the engine reads (SunJSSE may ask for a wrap first)
                SSLEngineResult r = client.unwrap(http, app);
                assertEquals(SSLEngineResult.Status.OK, r.getStatus(), provider + ": " + r);
            }
        });
        assertEquals(SSLException.class, e.getClass(), provider + " client: " + e);

        SSLEngine server = engine(provider, false);
        server.beginHandshake();
        // msg_type 1, version 3.1, 21 bytes of cipher specs (7), no session id, a 16-byte challenge
        byte[] sslv2 = java.util.HexFormat.of().parseHex("802e" + "01" + "0301" + "0015" + "0000" + "0010"
                + "00002f" + "000035" + "00000a" + "00009c" + "00009d" + "0000ff" + "c02f00" + "00112233445566778899aabbccddeeff");
        SSLException v2 = assertThrows(SSLException.class,
                () -> server.unwrap(ByteBuffer.wrap(sslv2), ByteBuffer.allocate(server.getSession().getApplicationBufferSize())));
        // a handshake in a format neither accepts: SunJSSE's "SSLv2Hello is not enabled"
        assertEquals(SSLHandshakeException.class, v2.getClass(), provider + " server, SSLv2 hello: " + v2);
    }

    /** A tampered application record after the handshake: bad_record_mac, and data before it is kept. */
    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void tamperedApplicationRecordFailsAfterEarlierDataArrived(String provider) throws Exception {
        SSLEngine client = engine(provider, true);
        SSLEngine server = engine(provider, false);
        new dev.bastion.tls.it.support.EnginePair(client, server).handshake();
        ByteBuffer first = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.wrap("first".getBytes(StandardCharsets.US_ASCII)), first);
        ByteBuffer second = ByteBuffer.allocate(client.getSession().getPacketBufferSize());
        client.wrap(ByteBuffer.wrap("second".getBytes(StandardCharsets.US_ASCII)), second);
        first.flip();
        second.flip();
        second.put(second.limit() - 3, (byte) (second.get(second.limit() - 3) ^ 0x40));
        ByteBuffer app = ByteBuffer.allocate(server.getSession().getApplicationBufferSize());
        SSLEngineResult r = server.unwrap(first, app);
        assertEquals(5, r.bytesProduced(), provider);
        SSLException e = assertThrows(SSLException.class, () -> server.unwrap(second, app));
        assertTrue(!(e instanceof SSLHandshakeException), provider + ": after the handshake, not a handshake exception: " + e);
        assertEquals("first", new String(app.array(), 0, 5, StandardCharsets.US_ASCII), "data before the bad record stays");
        assertPeerLearnsBadRecordMac(server, client, provider);
    }

    private static SSLEngine engine(String provider, boolean client) throws Exception {
        SSLEngine e = client
                ? Credentials.get().context(provider, null, false).createSSLEngine()
                : Credentials.get().context(provider, KeyType.EC_P256, true).createSSLEngine();
        e.setUseClientMode(client);
        e.setEnabledProtocols(new String[] {"TLSv1.3"});
        return e;
    }

    private static ByteBuffer wrap(SSLEngine e) throws SSLException {
        e.beginHandshake();
        return wrapAll(e);
    }

    /** Everything {@code e} wants to send now, running its tasks. */
    private static ByteBuffer wrapAll(SSLEngine e) throws SSLException {
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        runTasks(e);
        while (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            e.wrap(ByteBuffer.allocate(0), out);
            runTasks(e);
        }
        return out.flip();
    }

    /** Feeds all of {@code in} to {@code e}, running tasks and letting it send what it wants in between. */
    private static void unwrapAll(SSLEngine e, ByteBuffer in) throws SSLException {
        ByteBuffer app = ByteBuffer.allocate(64 * 1024);
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        for (int i = 0; i < 50 && in.hasRemaining(); i++) {
            if (e.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                sink.clear();
                e.wrap(ByteBuffer.allocate(0), sink);
            } else {
                e.unwrap(in, app);
            }
            runTasks(e);
        }
    }

    private static void runTasks(SSLEngine e) {
        Runnable t;
        while ((t = e.getDelegatedTask()) != null) {
            t.run();
        }
    }

    /**
     * The fatal alert {@code failed} sends is bad_record_mac: read directly when it travels in
     * plaintext, else (TLS 1.3, encrypted under the current keys) by handing it to the peer,
     * which must report "bad_record_mac".
     */
    private static void assertPeerLearnsBadRecordMac(SSLEngine failed, SSLEngine peer, String provider) throws SSLException {
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        SSLEngineResult r = failed.wrap(ByteBuffer.allocate(0), out);
        assertTrue(r.bytesProduced() > 0, provider + ": a fatal alert record is sent: " + r);
        out.flip();
        if (out.get(0) == 21) {
            assertEquals(2, out.getShort(3), "alert record length");
            assertEquals(2, out.get(5), provider + ": fatal level");
            assertEquals(20, out.get(6), provider + ": bad_record_mac");
            return;
        }
        assertEquals(23, out.get(0), provider + ": an encrypted record");
        SSLException e = assertThrows(SSLException.class,
                () -> peer.unwrap(out, ByteBuffer.allocate(peer.getSession().getApplicationBufferSize())));
        assertTrue(e.getMessage().contains("bad_record_mac"), provider + ": " + e.getMessage());
    }
}
