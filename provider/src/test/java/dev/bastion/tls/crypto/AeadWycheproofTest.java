package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.Hex;
import dev.bastion.tls.testutil.Wycheproof;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Wycheproof AEAD vectors against every implementation and every buffer layout. */
class AeadWycheproofTest {
    private static final int TAG = AeadAlgorithm.TAG_LENGTH;


    /**
     * aes_gcm_test.json: TLS uses AES-128/256 with 12-byte IVs and 16-byte tags. The 103
     * AES-192 cases are skipped (no TLS suite uses AES-192). The 80 cases with other IV
     * sizes cannot be expressed (our API takes 12-byte nonces only); each is checked to be
     * refused with IllegalArgumentException, a local programming error. 133 cases run.
     */
    @ParameterizedTest
    @MethodSource("dev.bastion.tls.crypto.AeadTest#gcmImplementations")
    void wycheproofAesGcm(Aeads.Implementation impl) {
        int[] counts = runWycheproof(impl, "aes_gcm_test.json");
        assertEquals(133, counts[0], "cases run");
        assertEquals(80, counts[1], "cases with an IV size other than 12 bytes");
        assertEquals(103, counts[2], "AES-192 cases skipped");
    }

    /**
     * chacha20_poly1305_test.json: 316 cases run; the 9 cases with a nonce size other than
     * 12 bytes (all invalid) are checked to be refused with IllegalArgumentException.
     */
    @ParameterizedTest
    @MethodSource("dev.bastion.tls.crypto.AeadTest#chachaImplementations")
    void wycheproofChaCha20Poly1305(Aeads.Implementation impl) {
        int[] counts = runWycheproof(impl, "chacha20_poly1305_test.json");
        assertEquals(316, counts[0], "cases run");
        assertEquals(9, counts[1], "cases with a nonce size other than 12 bytes");
        assertEquals(0, counts[2], "cases skipped");
    }

    /** Returns {run, refused nonce size, skipped}; fails listing every case that went wrong. */
    private static int[] runWycheproof(Aeads.Implementation impl, String file) {
        int run = 0;
        int refused = 0;
        int skipped = 0;
        List<String> failures = new ArrayList<>();
        for (Wycheproof.Case c : Wycheproof.cases(file)) {
            int keyBits = c.group().get("keySize").asInt();
            if (keyBits == 192) {
                skipped++;
                continue;
            }
            AeadAlgorithm alg = file.startsWith("aes") ? (keyBits == 128 ? AeadAlgorithm.AES_128_GCM : AeadAlgorithm.AES_256_GCM)
                    : AeadAlgorithm.CHACHA20_POLY1305;
            assertEquals(128, c.group().get("tagSize").asInt(), c.toString());
            if (c.group().get("ivSize").asInt() != 96) {
                refused++;
                try (Aead aead = impl.create(alg, c.hex("key"))) {
                    assertThrows(IllegalArgumentException.class, () -> aead.seal(c.hex("iv"), new byte[0], 0,
                            ByteBuffer.allocate(0), ByteBuffer.allocate(TAG)), c.toString());
                }
                continue;
            }
            run++;
            for (AeadBufferLayout layout : AeadBufferLayout.values()) {
                String problem = checkCase(impl, alg, c, layout);
                if (problem != null) {
                    failures.add(c + " " + layout + ": " + problem);
                }
            }
        }
        assertTrue(failures.isEmpty(), impl + " failed " + failures.size() + " checks:\n" + String.join("\n", failures));
        return new int[] {run, refused, skipped};
    }

    /** Null if the case behaves as Wycheproof says, otherwise what went wrong. */
    private static String checkCase(Aeads.Implementation impl, AeadAlgorithm alg, Wycheproof.Case c, AeadBufferLayout layout) {
        byte[] key = c.hex("key");
        byte[] iv = c.hex("iv");
        byte[] aad = c.hex("aad");
        byte[] msg = c.hex("msg");
        byte[] sealed = AeadTest.concat(c.hex("ct"), c.hex("tag"));
        try (Aead aead = impl.create(alg, key)) {
            if (c.valid()) {
                AeadBufferLayout.Pair p = layout.prepare(msg, sealed.length);
                aead.seal(iv, aad, aad.length, p.src(), p.dst());
                if (!Arrays.equals(sealed, p.output(sealed.length))) {
                    return "seal gave " + Hex.string(p.output(sealed.length));
                }
            }
            AeadBufferLayout.Pair p = layout.prepare(sealed, msg.length);
            try {
                aead.open(iv, aad, aad.length, p.src(), p.dst());
            } catch (TlsAlert e) {
                if (c.valid()) {
                    return "open refused a valid record: " + e;
                }
                if (e.alert() != AlertDescription.BAD_RECORD_MAC) {
                    return "wrong alert " + e.alert();
                }
                return AeadTest.checkFailedOpen(p, msg.length);
            }
            if (!c.valid()) {
                return "open accepted an invalid record";
            }
            if (!Arrays.equals(msg, p.output(msg.length))) {
                return "open gave " + Hex.string(p.output(msg.length));
            }
        }
        return null;
    }
}
