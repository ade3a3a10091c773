package dev.bastion.tls.connection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.Tls12KeyBlock;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.LocalCredential;
import dev.bastion.tls.handshake.TestCerts;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.handshake.TestCredentials;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ClientKeyExchange;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.HelloRequest;
import dev.bastion.tls.message.KeyExchangeKind;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.Tls12AeadProtection;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS 1.2 through the connection core with whole records: record versions, the
 * ChangeCipherSpec rules (RFC 5246 §7.1), heartbeat refused, renegotiation refused with a
 * warning while the connection carries on, and RSA key transport's countermeasure seen from
 * the wire (RFC 5246 §7.4.7.1).
 */
class Tls12ConnectionTest {
    private static final LocalCredential EC = TestCerts.credential(Kind.EC_P256, "server");
    private static final LocalCredential RSA = TestCerts.credential(Kind.RSA_2048, "server");
    private static final String ECDHE = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    private static final byte[] CCS = {20, 3, 3, 0, 1, 1};

    @TempDir
    Path dir;

    private Tls12Pair pair(String suite) {
        return new Tls12Pair(dir, suite, new TestCredentials(), new TestCredentials().server(EC, RSA), ClientAuth.NONE);
    }

    /** RFC 5246 §6.2.1: every record after the ClientHello carries 0x0303; data flows both ways. */
    @Test
    void recordsCarryTls12AndDataFlows() throws Exception {
        Tls12Pair p = pair(ECDHE).handshake();
        List<byte[]> all = new ArrayList<>();
        p.fromServer.forEach(w -> all.addAll(Tls12Pair.records(w)));
        p.fromClient.subList(1, p.fromClient.size()).forEach(w -> all.addAll(Tls12Pair.records(w)));
        for (byte[] r : all) {
            assertEquals(0x0303, ((r[1] & 0xFF) << 8) | (r[2] & 0xFF), "record type " + r[0]);
        }
        assertEquals(List.of(22, 20, 22), Tls12Pair.records(p.fromClient.get(1)).stream().map(r -> (int) r[0]).toList(),
                "ClientKeyExchange, ChangeCipherSpec, Finished");
        assertEquals(dev.bastion.tls.handshake.HandshakeConfig.TLS12, p.client.version());
        assertArrayEquals(bytes("hello"), Tls12Pair.deliver(p.server, write(p.client, "hello")));
        assertArrayEquals(bytes("world"), Tls12Pair.deliver(p.client, write(p.server, "world")));
    }

    /** A ChangeCipherSpec the server does not await (here right after the ClientHello) is unexpected_message. */
    @Test
    void ccsAtTheWrongTimeIsUnexpectedMessage() throws Exception {
        Tls12Pair p = pair(ECDHE);
        p.begin();
        Tls12Pair.deliver(p.server, p.flush(p.client));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Tls12Pair.deliver(p.server, CCS));
        assertTrue(e.getMessage().contains("change_cipher_spec"), e.getMessage());
        assertArrayEquals(new byte[] {21, 3, 3, 0, 2, 2, 10}, lastRecord(p.flush(p.server)), "fatal unexpected_message");
    }

    /** After the handshake a ChangeCipherSpec is unexpected_message too. */
    @Test
    void ccsAfterTheHandshakeIsUnexpectedMessage() throws Exception {
        Tls12Pair p = pair(ECDHE).handshake();
        Tls12KeyBlock keys = p.keys();
        byte[] ccs = seal(new Tls12AeadProtection(keys.clientWrite()), 1, ContentType.CHANGE_CIPHER_SPEC, new byte[] {1});
        SSLException e = assertThrows(SSLProtocolException.class, () -> Tls12Pair.deliver(p.server, ccs));
        assertTrue(e.getMessage().contains("change_cipher_spec"), e.getMessage());
    }

    /** RFC 6520 is not implemented: a heartbeat record is unexpected_message, before or after the handshake. */
    @Test
    void heartbeatIsUnexpectedMessage() throws Exception {
        byte[] heartbeat = {24, 3, 3, 0, 3, 1, 0, 0};
        Tls12Pair during = pair(ECDHE);
        during.begin();
        Tls12Pair.deliver(during.server, during.flush(during.client));
        SSLException e = assertThrows(SSLHandshakeException.class, () -> Tls12Pair.deliver(during.server, heartbeat));
        assertTrue(e.getMessage().contains("heartbeat"), e.getMessage());
        Tls12Pair after = pair(ECDHE).handshake();
        e = assertThrows(SSLProtocolException.class, () -> Tls12Pair.deliver(after.client, heartbeat));
        assertTrue(e.getMessage().contains("heartbeat"), e.getMessage());
    }

    /**
     * RFC 5246 §7.2.2, RFC 5746 §4.4: a renegotiating ClientHello gets a no_renegotiation warning
     * and the connection carries on; the client ignores the warning.
     */
    @Test
    void serverRefusesRenegotiationWithAWarning() throws Exception {
        Tls12Pair p = pair(ECDHE).handshake();
        Tls12KeyBlock keys = p.keys();
        ClientHello renegotiation = new ClientHello(0x0303, Opaque.of(new byte[32]), Opaque.EMPTY, List.of(0xC02B),
                List.of(0), Extensions.EMPTY);
        Tls12AeadProtection clientWrite = new Tls12AeadProtection(keys.clientWrite());
        Tls12Pair.deliver(p.server, seal(clientWrite, 1, ContentType.HANDSHAKE, renegotiation.encoding()));
        byte[] finished = lastRecord(p.fromServer.get(p.fromServer.size() - 1));
        byte[] answer = p.flush(p.server);
        assertArrayEquals(new byte[] {1, 100}, open(new Tls12AeadProtection(keys.serverWrite()), finished, answer),
                "warning no_renegotiation");
        assertEquals(0, Tls12Pair.deliver(p.client, answer).length, "the client ignores the warning");
        assertArrayEquals(bytes("still here"), Tls12Pair.deliver(p.client, write(p.server, "still here")));
        byte[] more = seal(clientWrite, 0, ContentType.APPLICATION_DATA, bytes("me too"));
        assertArrayEquals(bytes("me too"), Tls12Pair.deliver(p.server, more));
        assertTrue(p.server.handshakeComplete() && p.server.failure() == null);
    }

    /** RFC 5246 §7.4.1.1: the client answers a HelloRequest with a no_renegotiation warning and carries on. */
    @Test
    void clientRefusesHelloRequestWithAWarning() throws Exception {
        Tls12Pair p = pair(ECDHE).handshake();
        Tls12KeyBlock keys = p.keys();
        Tls12AeadProtection serverWrite = new Tls12AeadProtection(keys.serverWrite());
        Tls12Pair.deliver(p.client, seal(serverWrite, 1, ContentType.HANDSHAKE, new HelloRequest().encoding()));
        byte[] finished = lastRecord(p.fromClient.get(p.fromClient.size() - 1));
        byte[] answer = p.flush(p.client);
        assertArrayEquals(new byte[] {1, 100}, open(new Tls12AeadProtection(keys.clientWrite()), finished, answer),
                "warning no_renegotiation");
        assertEquals(0, Tls12Pair.deliver(p.server, answer).length, "the server ignores the warning");
        assertArrayEquals(bytes("ok"), Tls12Pair.deliver(p.server, write(p.client, "ok")));
        assertArrayEquals(bytes("ok too"), Tls12Pair.deliver(p.client,
                seal(serverWrite, 0, ContentType.APPLICATION_DATA, bytes("ok too"))));
    }

    /**
     * A peer that insists on renegotiating ends the connection with a bare handshake_failure; the
     * client's exception says it came after the refusal. Without a refusal the message is SunJSSE's.
     */
    @Test
    void aFatalAlertAfterARefusedRenegotiationSaysSo() throws Exception {
        Tls12Pair p = pair(ECDHE).handshake();
        Tls12AeadProtection serverWrite = new Tls12AeadProtection(p.keys().serverWrite());
        Tls12Pair.deliver(p.client, seal(serverWrite, 1, ContentType.HANDSHAKE, new HelloRequest().encoding()));
        p.flush(p.client);
        byte[] fatal = seal(serverWrite, 0, ContentType.ALERT, new byte[] {2, 40});
        SSLException e = assertThrows(SSLHandshakeException.class, () -> Tls12Pair.deliver(p.client, fatal));
        assertEquals("Received fatal alert: handshake_failure" + Failure.RENEGOTIATION_REFUSED, e.getMessage());
    }

    @Test
    void aFatalAlertWithoutARefusedRenegotiationIsSunJssesMessage() throws Exception {
        Tls12Pair q = pair(ECDHE).handshake();
        Tls12AeadProtection otherWrite = new Tls12AeadProtection(q.keys().serverWrite());
        byte[] plain = seal(otherWrite, 1, ContentType.ALERT, new byte[] {2, 40});
        SSLException f = assertThrows(SSLHandshakeException.class, () -> Tls12Pair.deliver(q.client, plain));
        assertEquals("Received fatal alert: handshake_failure", f.getMessage());
    }

    /** Refused renegotiation requests are bounded like KeyUpdates; application data resets the count. */
    @Test
    void endlessHelloRequestsAreBounded() throws Exception {
        Tls12Pair p = pair(ECDHE).handshake();
        Tls12AeadProtection serverWrite = new Tls12AeadProtection(p.keys().serverWrite());
        byte[] helloRequest = new HelloRequest().encoding();
        for (int i = 0; i < Limits.MAX_CONSECUTIVE_RENEGOTIATION_REQUESTS; i++) {
            // the first one follows the server's Finished (sequence 0)
            Tls12Pair.deliver(p.client, seal(serverWrite, i == 0 ? 1 : 0, ContentType.HANDSHAKE, helloRequest));
        }
        Tls12Pair.deliver(p.client, seal(serverWrite, 0, ContentType.APPLICATION_DATA, bytes("data")));
        for (int i = 0; i < Limits.MAX_CONSECUTIVE_RENEGOTIATION_REQUESTS; i++) {
            Tls12Pair.deliver(p.client, seal(serverWrite, 0, ContentType.HANDSHAKE, helloRequest));
        }
        byte[] one = seal(serverWrite, 0, ContentType.HANDSHAKE, helloRequest);
        SSLException e = assertThrows(SSLProtocolException.class, () -> Tls12Pair.deliver(p.client, one));
        assertTrue(e.getMessage().contains("more than 32"), e.getMessage());
    }

    /**
     * RFC 5246 §7.4.7.1: an EncryptedPreMasterSecret with wrong padding, of the wrong length, or
     * carrying the wrong version all end the same way: the server accepts the ClientKeyExchange
     * and fails on the client's Finished record, which its (random) keys cannot open —
     * bad_record_mac, with the same message each time.
     */
    @Test
    void rsaKeyTransportFailuresLookAlike() throws Exception {
        RSAPublicKey key = (RSAPublicKey) RSA.chain().get(0).getPublicKey();
        int k = (key.getModulus().bitLength() + 7) / 8;
        SecureRandom r = new SecureRandom();
        byte[] wrongVersion = premaster(0x0301, r);
        byte[][] variants = {
            rawRsa(key, pkcs1Block(k, premaster(0x0303, r), 1, r)),     // block type 1: wrong padding
            rawRsa(key, pkcs1Block(k, Arrays.copyOf(premaster(0x0303, r), 47), 2, r)), // 47-byte secret
            Arrays.copyOf(rawRsa(key, pkcs1Block(k, premaster(0x0303, r), 2, r)), k - 1), // truncated ciphertext
            rawRsa(key, pkcs1Block(k, wrongVersion, 2, r)),             // version 0x0301, not ClientHello's 0x0303
        };
        List<String> outcomes = new ArrayList<>();
        for (byte[] encrypted : variants) {
            outcomes.add(tamperedKeyExchange(encrypted));
        }
        assertEquals(4, outcomes.size());
        assertTrue(outcomes.get(0).startsWith(AlertDescription.BAD_RECORD_MAC + ": "), outcomes.get(0));
        assertEquals(1, outcomes.stream().distinct().count(), "every failure looks the same: " + outcomes);
    }

    /** Runs an RSA handshake whose ClientKeyExchange carries {@code encrypted}; returns "alert: message". */
    private String tamperedKeyExchange(byte[] encrypted) throws Exception {
        Tls12Pair p = pair("TLS_RSA_WITH_AES_128_GCM_SHA256");
        p.begin();
        Tls12Pair.deliver(p.server, p.flush(p.client));
        Tls12Pair.deliver(p.client, p.flush(p.server));
        List<byte[]> records = Tls12Pair.records(p.flush(p.client));
        DecodeContext ctx = DecodeContext.tls12(Side.SERVER, KeyExchangeKind.RSA);
        List<byte[]> messages = new ArrayList<>();
        for (HandshakeMessage m : Tls12Pair.messages(records.get(0), ctx)) {
            messages.add(m instanceof ClientKeyExchange
                    ? new ClientKeyExchange(KeyExchangeKind.RSA, Opaque.of(encrypted)).encoding() : m.encoding());
        }
        Tls12Pair.deliver(p.server, Tls12Pair.handshakeRecord(messages));
        assertEquals(null, p.server.failure(), "the ClientKeyExchange itself is accepted");
        assertEquals(false, p.server.hasOutput(), "and answered with nothing");
        Tls12Pair.deliver(p.server, records.get(1)); // ChangeCipherSpec
        SSLException e = assertThrows(SSLException.class, () -> Tls12Pair.deliver(p.server, records.get(2)));
        byte[] alert = lastRecord(p.flush(p.server));
        assertEquals(21, alert[0]);
        assertEquals(2, alert[5], "fatal");
        TlsAlert cause = assertInstanceOf(TlsAlert.class, e.getCause() instanceof TlsAlert ? e.getCause() : e);
        assertEquals(AlertDescription.of(alert[6]), cause.alert());
        return cause.alert() + ": " + e.getMessage();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static byte[] premaster(int version, SecureRandom r) {
        byte[] pm = new byte[48];
        r.nextBytes(pm);
        pm[0] = (byte) (version >>> 8);
        pm[1] = (byte) version;
        return pm;
    }

    /** EM = 00 || blockType || PS (nonzero) || 00 || message (RFC 8017 §7.2.1). */
    private static byte[] pkcs1Block(int k, byte[] message, int blockType, SecureRandom r) {
        byte[] em = new byte[k];
        em[1] = (byte) blockType;
        for (int i = 2; i < k - message.length - 1; i++) {
            em[i] = (byte) (1 + r.nextInt(255));
        }
        System.arraycopy(message, 0, em, k - message.length, message.length);
        return em;
    }

    private static byte[] rawRsa(RSAPublicKey key, byte[] em) {
        int k = (key.getModulus().bitLength() + 7) / 8;
        byte[] c = new BigInteger(1, em).modPow(key.getPublicExponent(), key.getModulus()).toByteArray();
        byte[] out = new byte[k];
        int n = Math.min(c.length, k);
        System.arraycopy(c, c.length - n, out, k - n, n);
        return out;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] write(Connection from, String text) throws SSLException {
        ByteBuffer net = ByteBuffer.allocate(1024);
        from.write(new ByteBuffer[] {ByteBuffer.wrap(bytes(text))}, 0, 1, net);
        return Arrays.copyOf(net.array(), net.position());
    }

    private static byte[] lastRecord(byte[] wire) {
        List<byte[]> records = Tls12Pair.records(wire);
        return records.get(records.size() - 1);
    }

    /** Seals {@code content} as the record after {@code skip} others under {@code p}. */
    private static byte[] seal(Tls12AeadProtection p, int skip, ContentType type, byte[] content) {
        ByteBuffer scratch = ByteBuffer.allocate(1 << 15);
        for (int i = 0; i < skip; i++) {
            p.seal(ContentType.APPLICATION_DATA, ByteBuffer.wrap(new byte[1]), scratch);
        }
        ByteBuffer out = ByteBuffer.allocate(content.length + 64);
        p.seal(type, ByteBuffer.wrap(content), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    /** Opens the single record of {@code wire} under {@code p}, after {@code earlier} (the sender's Finished). */
    private static byte[] open(Tls12AeadProtection p, byte[] earlier, byte[] wire) {
        p.open(ByteBuffer.wrap(earlier), ByteBuffer.allocate(1 << 15));
        ByteBuffer out = ByteBuffer.allocate(1 << 15);
        assertEquals(ContentType.ALERT, p.open(ByteBuffer.wrap(wire), out));
        return Arrays.copyOf(out.array(), out.position());
    }
}
