package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.bastion.tls.testutil.NamedHex;
import org.junit.jupiter.api.Test;

/**
 * The RFC 8448 key schedules spelled out with {@link Hkdf} (RFC 8446 §7.1), so every
 * intermediate value the RFC prints is compared byte for byte, including those the typed
 * stages keep private (early, derived, handshake, master, resumption master secrets; finished
 * and binder keys).
 */
class Rfc8448HkdfChainTest {
    private static final NamedHex S3 = NamedHex.load("/rfc8448/section3.txt");
    private static final NamedHex S4 = NamedHex.load("/rfc8448/section4.txt");
    private static final NamedHex S5 = NamedHex.load("/rfc8448/section5.txt");
    private final Hkdf hkdf = new Hkdf(HashAlgorithm.SHA256);

    @Test
    void section3() {
        byte[] early = hkdf.extract(new byte[0], new byte[32]);
        assertArrayEquals(S3.get("early_secret"), early);
        byte[] derived = hkdf.deriveSecret(early, "derived", hkdf.emptyHash());
        assertArrayEquals(S3.get("derived_for_handshake"), derived);
        byte[] hs = hkdf.extract(derived, S3.get("ecdhe_shared_secret"));
        assertArrayEquals(S3.get("handshake_secret"), hs);
        byte[] derived2 = hkdf.deriveSecret(hs, "derived", hkdf.emptyHash());
        assertArrayEquals(S3.get("derived_for_master"), derived2);
        byte[] master = hkdf.extract(derived2, new byte[32]);
        assertArrayEquals(S3.get("master_secret"), master);

        assertArrayEquals(S3.get("server_finished_key"),
                hkdf.expandLabel(S3.get("server_handshake_traffic_secret"), "finished", new byte[0], 32));
        assertArrayEquals(S3.get("client_finished_key"),
                hkdf.expandLabel(S3.get("client_handshake_traffic_secret"), "finished", new byte[0], 32));

        TranscriptHash t = TranscriptHash.of(HashAlgorithm.SHA256);
        for (String m : new String[] {"client_hello", "server_hello", "encrypted_extensions", "certificate",
                "certificate_verify", "server_finished", "client_finished"}) {
            t.update(S3.get(m));
        }
        assertArrayEquals(S3.get("resumption_master_secret"), hkdf.deriveSecret(master, "res master", t.current()));
        assertArrayEquals(S3.get("resumption_psk"),
                hkdf.expandLabel(S3.get("resumption_master_secret"), "resumption", new byte[2], 32));
    }

    @Test
    void section4() {
        byte[] early = hkdf.extract(new byte[0], S3.get("resumption_psk"));
        assertArrayEquals(S4.get("early_secret"), early);
        byte[] binderKey = hkdf.deriveSecret(early, "res binder", hkdf.emptyHash());
        assertArrayEquals(S4.get("binder_key"), binderKey);
        assertArrayEquals(S4.get("binder_finished_key"), hkdf.expandLabel(binderKey, "finished", new byte[0], 32));
        byte[] derived = hkdf.deriveSecret(early, "derived", hkdf.emptyHash());
        assertArrayEquals(S4.get("derived_for_handshake"), derived);
        byte[] hs = hkdf.extract(derived, S4.get("ecdhe_shared_secret"));
        assertArrayEquals(S4.get("handshake_secret"), hs);
        byte[] derived2 = hkdf.deriveSecret(hs, "derived", hkdf.emptyHash());
        assertArrayEquals(S4.get("derived_for_master"), derived2);
        byte[] master = hkdf.extract(derived2, new byte[32]);
        assertArrayEquals(S4.get("master_secret"), master);

        TranscriptHash t = TranscriptHash.of(HashAlgorithm.SHA256);
        for (String m : new String[] {"client_hello", "server_hello", "encrypted_extensions", "server_finished",
                "end_of_early_data", "client_finished"}) {
            t.update(S4.get(m));
        }
        assertArrayEquals(S4.get("resumption_master_secret"), hkdf.deriveSecret(master, "res master", t.current()));
    }

    @Test
    void section5HandshakeSecret() {
        byte[] early = hkdf.extract(new byte[0], new byte[32]);
        byte[] hs = hkdf.extract(hkdf.deriveSecret(early, "derived", hkdf.emptyHash()), S5.get("ecdhe_shared_secret"));
        assertArrayEquals(S5.get("handshake_secret"), hs);
    }
}
