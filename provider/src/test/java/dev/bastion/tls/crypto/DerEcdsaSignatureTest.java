package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.Hex;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Strict DER (X.690 §10) for {@code Ecdsa-Sig-Value}, RFC 3279 §2.2.3. */
class DerEcdsaSignatureTest {
    private static final BigInteger N256 = EcdsaCurve.SECP256R1.domain().getN();

    @Test
    void parsesMinimalEncodings() {
        DerEcdsaSignature sig = DerEcdsaSignature.parse(Hex.bytes("3006 020101 02017f"), N256);
        assertEquals(BigInteger.ONE, sig.r());
        assertEquals(BigInteger.valueOf(127), sig.s());
        // 0x80 needs its leading zero byte to stay positive
        assertEquals(BigInteger.valueOf(128), DerEcdsaSignature.parse(Hex.bytes("3007 02020080 020101"), N256).r());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",                            // nothing
        "30",                          // no length
        "3006 020101 0201",            // truncated
        "3106 020101 020101",          // SET, not SEQUENCE
        "3006 030101 020101",          // BIT STRING for r
        "3006 020101 040101",          // OCTET STRING for s
        "308106 020101 020101",        // long-form length for 6
        "3080 020101 020101 0000",     // indefinite length (BER)
        "3007 020101 020101",          // SEQUENCE longer than its contents
        "3005 020101 020101",          // SEQUENCE shorter than its contents
        "3006 020101 020101 00",       // a byte after the SEQUENCE
        "3009 020101 020101 050100",   // a third element inside the SEQUENCE
        "3005 0200 020101",            // empty INTEGER
        "3007 02020001 020101",        // superfluous leading zero
        "3007 020101 0202007f",        // superfluous leading zero in s
        "3006 020180 020101",          // negative r (0x80 without its zero byte)
        "3006 020101 0201ff",          // negative s
        "3006 020100 020101",          // r = 0
        "3006 020101 020100",          // s = 0
        "30820006 020101 020101",      // 2-byte length for 6
        "3007 028101 01 020101",       // long-form INTEGER length
    })
    void rejectsNonDer(String hex) {
        expectDecryptError(Hex.bytes(hex), N256);
    }

    @Test
    void rangeIsOneToNMinusOne() {
        BigInteger nMinus1 = N256.subtract(BigInteger.ONE);
        DerEcdsaSignature ok = DerEcdsaSignature.parse(new DerEcdsaSignature(nMinus1, nMinus1).encode(), N256);
        assertEquals(nMinus1, ok.r());
        expectDecryptError(new DerEcdsaSignature(N256, BigInteger.ONE).encode(), N256);
        expectDecryptError(new DerEcdsaSignature(BigInteger.ONE, N256).encode(), N256);
        expectDecryptError(new DerEcdsaSignature(BigInteger.ONE, N256.add(BigInteger.TWO)).encode(), N256);
        // without a known order only positivity is checked here
        assertEquals(N256, DerEcdsaSignature.parse(new DerEcdsaSignature(N256, BigInteger.ONE).encode(), null).r());
    }

    @Test
    void encodeAndParseRoundTripIncludingLongFormLengths() {
        Random random = new Random(8446);
        BigInteger n521 = EcdsaCurve.SECP521R1.domain().getN();
        for (int i = 0; i < 500; i++) {
            BigInteger r = new BigInteger(1 + random.nextInt(521), random).add(BigInteger.ONE).mod(n521);
            BigInteger s = new BigInteger(521, random).mod(n521);
            if (r.signum() == 0 || s.signum() == 0) {
                continue;
            }
            byte[] der = new DerEcdsaSignature(r, s).encode();
            DerEcdsaSignature back = DerEcdsaSignature.parse(der, n521);
            assertEquals(r, back.r());
            assertEquals(s, back.s());
            assertArrayEquals(der, back.encode());
        }
        // a typical P-521 signature needs the 0x81 length form
        byte[] big = new DerEcdsaSignature(n521.subtract(BigInteger.ONE), n521.subtract(BigInteger.TWO)).encode();
        assertEquals(0x81, big[1] & 0xFF);
        assertEquals(big.length - 3, big[2] & 0xFF);
    }

    /** Every prefix, and every one-byte change, of a valid signature: decrypt_error or a value, nothing else. */
    @Test
    void truncationsAndMutationsNeverThrowAnythingElse() {
        byte[] der = new DerEcdsaSignature(N256.shiftRight(1), N256.subtract(BigInteger.TEN)).encode();
        for (int len = 0; len < der.length; len++) {
            expectDecryptError(Arrays.copyOf(der, len), N256);
        }
        Random random = new Random(5246);
        for (int i = 0; i < der.length; i++) {
            for (int v = 0; v < 256; v += 1 + random.nextInt(8)) {
                byte[] m = der.clone();
                m[i] = (byte) v;
                try {
                    DerEcdsaSignature.parse(m, N256);
                } catch (TlsAlert e) {
                    assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
                }
            }
        }
        for (int i = 0; i < 2000; i++) {
            byte[] noise = new byte[random.nextInt(90)];
            random.nextBytes(noise);
            if (noise.length > 0 && random.nextBoolean()) {
                noise[0] = 0x30;
            }
            try {
                DerEcdsaSignature.parse(noise, N256);
            } catch (TlsAlert e) {
                assertEquals(AlertDescription.DECRYPT_ERROR, e.alert());
            }
        }
    }

    private static void expectDecryptError(byte[] der, BigInteger order) {
        TlsAlert e = assertThrows(TlsAlert.class, () -> DerEcdsaSignature.parse(der, order));
        assertEquals(AlertDescription.DECRYPT_ERROR, e.alert(), e.getMessage());
    }
}
