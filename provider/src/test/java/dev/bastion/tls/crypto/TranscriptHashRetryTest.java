package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.testutil.NamedHex;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@link TranscriptHash#selectHashReplacingClientHello1}: the client's message_hash step when
 * the HelloRetryRequest is already in the transcript, against RFC 8448 §5's printed hash.
 */
class TranscriptHashRetryTest {
    private static final NamedHex S5 = NamedHex.load("/rfc8448/section5.txt");

    @Test
    void replacesClientHello1AfterTheRetryWasAdded() {
        byte[] ch1 = S5.get("client_hello_1");
        TranscriptHash t = new TranscriptHash();
        t.update(ch1);
        t.update(S5.get("hello_retry_request"));
        t.selectHashReplacingClientHello1(HashAlgorithm.SHA256, ch1.length);
        assertEquals(Optional.of(HashAlgorithm.SHA256), t.hash());
        t.update(S5.get("client_hello_2"));
        t.update(S5.get("server_hello"));
        assertArrayEquals(S5.get("hello_hash"), t.current());
    }

    @Test
    void refusedOnceTheHashIsSelected() {
        TranscriptHash t = TranscriptHash.of(HashAlgorithm.SHA256);
        t.update(S5.get("client_hello_1"));
        assertThrows(IllegalStateException.class, () -> t.selectHashReplacingClientHello1(HashAlgorithm.SHA256, 180));
    }

    @Test
    void lengthMustBeBuffered() {
        TranscriptHash t = new TranscriptHash();
        t.update(S5.get("client_hello_1"));
        assertThrows(IllegalArgumentException.class, () -> t.selectHashReplacingClientHello1(HashAlgorithm.SHA256, 181));
    }
}
