package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.testutil.NamedHex;
import java.security.MessageDigest;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TranscriptHashTest {
    private static final NamedHex S3 = NamedHex.load("/rfc8448/section3.txt");
    private static final NamedHex S5 = NamedHex.load("/rfc8448/section5.txt");

    /**
     * RFC 8448 §5: after a HelloRetryRequest, ClientHello1 is replaced by message_hash
     * (RFC 8446 §4.4.1). The client learns the hash from the HRR; the server knows it at once.
     * The RFC prints the resulting hash used for the handshake traffic secrets, and those.
     */
    @Test
    void helloRetryRequestSection5() {
        TranscriptHash client = new TranscriptHash();
        client.update(S5.get("client_hello_1"));
        client.selectHash(HashAlgorithm.SHA256); // HRR selects TLS_AES_128_GCM_SHA256
        client.replaceWithMessageHash();
        TranscriptHash server = TranscriptHash.of(HashAlgorithm.SHA256);
        server.update(S5.get("client_hello_1"));
        server.replaceWithMessageHash();
        for (TranscriptHash t : new TranscriptHash[] {client, server}) {
            t.update(S5.get("hello_retry_request"));
            t.update(S5.get("client_hello_2"));
            t.update(S5.get("server_hello"));
            assertArrayEquals(S5.get("hello_hash"), t.current());
        }

        HandshakeSecret hs = EarlySecret.withoutPsk(HashAlgorithm.SHA256).handshakeSecret(S5.get("ecdhe_shared_secret"));
        assertArrayEquals(S5.get("client_handshake_traffic_secret"),
                hs.clientHandshakeTrafficSecret(client.current()).copyForKeyLog());
        assertArrayEquals(S5.get("server_handshake_traffic_secret"),
                hs.serverHandshakeTrafficSecret(client.current()).copyForKeyLog());
    }

    /** The message_hash construction itself: 254 || 00 00 32 || SHA-256(ClientHello1). */
    @Test
    void messageHashLayout() throws Exception {
        byte[] ch1 = S5.get("client_hello_1");
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(new byte[] {(byte) 254, 0, 0, 32});
        sha.update(MessageDigest.getInstance("SHA-256").digest(ch1));
        TranscriptHash t = TranscriptHash.of(HashAlgorithm.SHA256);
        t.update(ch1);
        t.replaceWithMessageHash();
        assertArrayEquals(sha.digest(), t.current());
    }

    @Test
    void bufferedBeforeSelectionEqualsHashedFromStart() {
        TranscriptHash late = new TranscriptHash();
        TranscriptHash early = TranscriptHash.of(HashAlgorithm.SHA384);
        for (String m : new String[] {"client_hello", "server_hello"}) {
            late.update(S3.get(m));
            early.update(S3.get(m));
        }
        assertEquals(Optional.empty(), late.hash());
        late.selectHash(HashAlgorithm.SHA384);
        assertArrayEquals(early.current(), late.current());
        late.update(S3.get("encrypted_extensions"));
        early.update(S3.get("encrypted_extensions"));
        assertArrayEquals(early.current(), late.current());
        assertThrows(IllegalStateException.class, late::messages, "not retained");
    }

    @Test
    void currentWithDoesNotChangeTheTranscript() {
        byte[] ch = S3.get("client_hello");
        byte[] sh = S3.get("server_hello");
        TranscriptHash buffering = new TranscriptHash();
        buffering.update(ch);
        TranscriptHash selected = TranscriptHash.of(HashAlgorithm.SHA256);
        selected.update(ch);
        TranscriptHash both = TranscriptHash.of(HashAlgorithm.SHA256);
        both.update(ch);
        both.update(sh);
        assertArrayEquals(both.current(), buffering.currentWith(HashAlgorithm.SHA256, sh, 0, sh.length));
        assertArrayEquals(both.current(), selected.currentWith(HashAlgorithm.SHA256, sh, 0, sh.length));
        byte[] before = selected.current();
        selected.currentWith(HashAlgorithm.SHA256, sh, 0, 10);
        assertArrayEquals(before, selected.current());
        assertThrows(IllegalArgumentException.class, () -> selected.currentWith(HashAlgorithm.SHA384, sh, 0, 1));
    }

    @Test
    void retainedMessagesForTls12CertificateVerify() {
        TranscriptHash t = new TranscriptHash();
        t.retainMessages();
        byte[] ch = S3.get("client_hello");
        byte[] sh = S3.get("server_hello");
        t.update(ch);
        t.selectHash(HashAlgorithm.SHA256);
        t.update(sh);
        byte[] expected = new byte[ch.length + sh.length];
        System.arraycopy(ch, 0, expected, 0, ch.length);
        System.arraycopy(sh, 0, expected, ch.length, sh.length);
        assertArrayEquals(expected, t.messages());
        t.dropMessages();
        assertThrows(IllegalStateException.class, t::messages);
        assertFalse(t.current().length == 0);
    }

    @Test
    void misuseIsRefused() {
        TranscriptHash t = new TranscriptHash();
        assertThrows(IllegalStateException.class, t::current, "hash not selected");
        assertThrows(IllegalStateException.class, t::replaceWithMessageHash);
        t.selectHash(HashAlgorithm.SHA256);
        t.selectHash(HashAlgorithm.SHA256); // same again: fine
        assertThrows(IllegalArgumentException.class, () -> t.selectHash(HashAlgorithm.SHA384));
        assertThrows(IllegalStateException.class, t::retainMessages);
    }
}
