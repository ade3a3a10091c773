package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.Hex;
import dev.bastion.tls.testutil.Wycheproof;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * RSA key transport: Wycheproof RSAES-PKCS1-v1_5 vectors on the strict decryption, and the
 * RFC 5246 §7.4.7.1 countermeasure on both the raw-RSA path and the PKCS1Padding fallback.
 */
class RsaKeyTransportTest {
    private static final String FILE = "rsa_pkcs1_2048_test.json";
    private static final int TLS12 = 0x0303;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Map<String, PrivateKey> KEYS = new HashMap<>();

    /** Every valid case decrypts to {@code msg}; every invalid one is decrypt_error, never another exception. */
    @TestFactory
    Stream<DynamicTest> wycheproofStrictDecryption() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Wycheproof.Case c : Wycheproof.cases(FILE)) {
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> {
                PrivateKey key = key(c);
                byte[] ct = c.hex("ct");
                if (c.valid()) {
                    assertArrayEquals(c.hex("msg"), RsaKeyTransport.decryptPkcs1(key, ct));
                } else {
                    assertTrue(c.invalid(), "no acceptable cases expected: " + c);
                    TlsAlert e = assertThrows(TlsAlert.class, () -> RsaKeyTransport.decryptPkcs1(key, ct));
                    assertEquals(AlertDescription.DECRYPT_ERROR, e.alert(), e.getMessage());
                }
            }));
        }
        return tests.stream();
    }

    /**
     * The same ciphertexts as ClientKeyExchange: none carries a 48-byte premaster with our
     * version, so every one yields 48 random bytes, fresh each time, without an exception,
     * on both paths.
     */
    @TestFactory
    Stream<DynamicTest> wycheproofCiphertextsAsPremasterGiveRandomBytes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Wycheproof.Case c : Wycheproof.cases(FILE)) {
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> {
                PrivateKey key = key(c);
                byte[] ct = c.hex("ct");
                assertTrue(!c.valid() || c.hex("msg").length != 48);
                byte[] a = RsaKeyTransport.decryptPremaster(key, ct, TLS12, RANDOM);
                byte[] b = RsaKeyTransport.decryptPremaster(key, ct, TLS12, RANDOM);
                byte[] f = RsaKeyTransport.viaPkcs1Padding(key, ct, TLS12, random48());
                assertEquals(48, a.length);
                assertEquals(48, f.length);
                assertFalse(Arrays.equals(a, b), "two answers to one bad ciphertext must differ");
            }));
        }
        return tests.stream();
    }

    @Test
    void correctPremasterIsReturned() throws Exception {
        PrivateKey key = firstKey();
        byte[] premaster = premaster(0x03, 0x03);
        byte[] ct = RsaKeyTransport.encryptPremaster(publicOf(key), premaster, RANDOM);
        assertEquals(256, ct.length);
        assertArrayEquals(premaster, RsaKeyTransport.decryptPremaster(key, ct, TLS12, RANDOM));
        assertArrayEquals(premaster, RsaKeyTransport.viaPkcs1Padding(key, ct, TLS12, random48()));
        assertArrayEquals(premaster, RsaKeyTransport.decryptPkcs1(key, ct));
    }

    @Test
    void versionMismatchGivesRandomBytes() throws Exception {
        PrivateKey key = firstKey();
        for (byte[] premaster : new byte[][] {premaster(0x03, 0x01), premaster(0x03, 0x04), premaster(0x02, 0x03)}) {
            byte[] ct = RsaKeyTransport.encryptPremaster(publicOf(key), premaster, RANDOM);
            expectRandom(key, ct, premaster);
            // the very same ciphertext is accepted when the ClientHello named that version
            int version = ((premaster[0] & 0xFF) << 8) | (premaster[1] & 0xFF);
            assertArrayEquals(premaster, RsaKeyTransport.decryptPremaster(key, ct, version, RANDOM));
        }
    }

    @Test
    void badPaddingGivesRandomBytesNotAnException() throws Exception {
        PrivateKey key = firstKey();
        int k = 256;
        byte[] premaster = premaster(0x03, 0x03);
        byte[] good = block(k, premaster);
        byte[][] bad = {
            withByte(good, 0, 0x01),           // leading byte not zero
            withByte(good, 1, 0x01),           // block type 1 (signatures)
            withByte(good, 5, 0x00),           // a zero inside the padding string
            withByte(good, k - 49, 0x11),      // no separator where a 48-byte message needs it
            withByte(good, 2, 0x00),           // separator too early: message would be 253 bytes
        };
        for (byte[] em : bad) {
            expectRandom(key, rawEncrypt(key, em), premaster);
        }
        // well padded, but 47 and 49 bytes
        expectRandom(key, pkcs1Encrypt(key, Arrays.copyOf(premaster, 47)), premaster);
        expectRandom(key, pkcs1Encrypt(key, Arrays.copyOf(premaster, 49)), premaster);
        // and the untouched block decrypts, so the blocks above fail for the reason they claim
        assertArrayEquals(premaster, RsaKeyTransport.decryptPremaster(key, rawEncrypt(key, good), TLS12, RANDOM));
    }

    @Test
    void ciphertextOfTheWrongLengthOrNotBelowTheModulusGivesRandomBytes() throws Exception {
        PrivateKey key = firstKey();
        byte[] premaster = premaster(0x03, 0x03);
        byte[] ct = RsaKeyTransport.encryptPremaster(publicOf(key), premaster, RANDOM);
        expectRandom(key, Arrays.copyOf(ct, 255), premaster);
        expectRandom(key, Arrays.copyOf(ct, 257), premaster);
        expectRandom(key, new byte[0], premaster);
        byte[] prefixed = new byte[257];
        System.arraycopy(ct, 0, prefixed, 1, 256);
        expectRandom(key, prefixed, premaster);
        byte[] modulus = toBytes(((RSAPrivateCrtKey) key).getModulus(), 256);
        expectRandom(key, modulus, premaster);
    }

    @Test
    void paddingCheckFindsTheSeparator() {
        byte[] em = new byte[64];
        Arrays.fill(em, (byte) 0x5a);
        em[0] = 0;
        em[1] = 2;
        em[10] = 0; // eight padding bytes: the minimum
        assertEquals(11, RsaPkcs1Padding.messageStart(em));
        em[9] = 0; // seven padding bytes
        assertEquals(-1, RsaPkcs1Padding.messageStart(em));
        em[9] = 0x5a;
        em[10] = 0x5a;
        em[63] = 0; // empty message
        assertEquals(64, RsaPkcs1Padding.messageStart(em));
        em[63] = 0x5a; // no separator at all
        assertEquals(-1, RsaPkcs1Padding.messageStart(em));
    }

    @Test
    void encryptPremasterRejectsLocalMistakes() {
        PublicKey ec = SignatureTestKeys.ec(EcdsaCurve.SECP256R1).getPublic();
        assertThrows(IllegalArgumentException.class,
                () -> RsaKeyTransport.encryptPremaster(publicOf(firstKey()), new byte[47], RANDOM));
        assertThrows(IllegalArgumentException.class, () -> RsaKeyTransport.encryptPremaster(ec, new byte[48], RANDOM));
    }

    private static void expectRandom(PrivateKey key, byte[] ct, byte[] premaster) {
        byte[] a = RsaKeyTransport.decryptPremaster(key, ct, TLS12, RANDOM);
        byte[] b = RsaKeyTransport.decryptPremaster(key, ct, TLS12, RANDOM);
        byte[] r = random48();
        byte[] f = RsaKeyTransport.viaPkcs1Padding(key, ct, TLS12, r.clone());
        assertEquals(48, a.length);
        assertFalse(Arrays.equals(a, premaster), "bad input must not give the premaster");
        assertFalse(Arrays.equals(a, b), "each bad input gets fresh random bytes");
        assertArrayEquals(r, f, "fallback returns its R");
    }

    private static PrivateKey key(Wycheproof.Case c) {
        String pkcs8 = c.group().get("privateKeyPkcs8").asText();
        synchronized (KEYS) {
            return KEYS.computeIfAbsent(pkcs8, p -> {
                try {
                    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Hex.bytes(p)));
                } catch (GeneralSecurityException e) {
                    throw new AssertionError(e);
                }
            });
        }
    }

    private static PrivateKey firstKey() {
        return key(Wycheproof.cases(FILE).get(0));
    }

    private static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    }

    private static byte[] premaster(int major, int minor) {
        byte[] p = random48();
        p[0] = (byte) major;
        p[1] = (byte) minor;
        return p;
    }

    private static byte[] random48() {
        byte[] r = new byte[48];
        RANDOM.nextBytes(r);
        return r;
    }

    /** A correct type 2 block for {@code message} (RFC 8017 §7.2.1 step 2). */
    private static byte[] block(int k, byte[] message) {
        byte[] em = new byte[k];
        em[1] = 2;
        for (int i = 2; i < k - message.length - 1; i++) {
            em[i] = (byte) (1 + RANDOM.nextInt(255));
        }
        System.arraycopy(message, 0, em, k - message.length, message.length);
        return em;
    }

    private static byte[] withByte(byte[] em, int index, int value) {
        byte[] copy = em.clone();
        copy[index] = (byte) value;
        return copy;
    }

    private static byte[] rawEncrypt(PrivateKey key, byte[] em) throws GeneralSecurityException {
        Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.ENCRYPT_MODE, publicOf(key));
        return raw.doFinal(em);
    }

    private static byte[] pkcs1Encrypt(PrivateKey key, byte[] message) throws GeneralSecurityException {
        Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        rsa.init(Cipher.ENCRYPT_MODE, publicOf(key));
        return rsa.doFinal(message);
    }

    private static byte[] toBytes(BigInteger v, int length) {
        byte[] b = v.toByteArray();
        return Arrays.copyOfRange(b, b.length - length, b.length);
    }
}
