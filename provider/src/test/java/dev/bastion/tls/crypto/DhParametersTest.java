package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 7919 groups, TLS 1.2 DHE with server-chosen parameters, and peer value checks. */
class DhParametersTest {
    private static final BigInteger TWO = BigInteger.valueOf(2);
    private final SecureRandom random = new SecureRandom();

    /**
     * RFC 7919 Appendix A: p = 2^b - 2^(b-64) + ([2^(b-130) e] + X) * 2^64 - 1, g = 2. The
     * constants were pasted from the RFC's hex; this recomputes them from the formula.
     */
    @ParameterizedTest
    @CsvSource({"FFDHE2048, 2048, 560316, 225", "FFDHE3072, 3072, 2625351, 275", "FFDHE4096, 4096, 5736041, 325",
        "FFDHE6144, 6144, 15705020, 375", "FFDHE8192, 8192, 10965728, 400"})
    void rfc7919PrimesFollowTheirFormula(NamedGroup group, int b, long x, int exponentBits) {
        BigInteger expected = BigInteger.ONE.shiftLeft(b).subtract(BigInteger.ONE.shiftLeft(b - 64))
                .add(floorTimesE(b - 130).add(BigInteger.valueOf(x)).shiftLeft(64)).subtract(BigInteger.ONE);
        DhParameters params = group.dhParameters().orElseThrow();
        assertEquals(expected, params.p());
        assertEquals(TWO, params.g());
        assertEquals(b / 8, params.primeLength());
        assertEquals(exponentBits, params.privateExponentBits(), "RFC 7919 Appendix A short exponent");
    }

    /** floor(2^shift * e), from e = sum 1/k! with 64 guard bits. */
    private static BigInteger floorTimesE(int shift) {
        BigInteger term = BigInteger.ONE.shiftLeft(shift + 64);
        BigInteger sum = BigInteger.ZERO;
        for (int k = 1; term.signum() > 0; k++) {
            sum = sum.add(term);
            term = term.divide(BigInteger.valueOf(k));
        }
        return sum.shiftRight(64);
    }

    @Test
    void serverParametersAreChecked() {
        byte[] ffdhe = BigIntegers.asUnsignedByteArray(DhParameters.FFDHE2048.p());
        assertEquals(Optional.of(NamedGroup.FFDHE2048), DhParameters.fromServer(ffdhe, new byte[] {2}, 2048).namedGroup());

        BigInteger small = BigInteger.ONE.shiftLeft(1023).add(BigInteger.ONE);
        assertAlert(AlertDescription.INSUFFICIENT_SECURITY, "1024 bits; at least 2048",
                () -> DhParameters.fromServer(small.toByteArray(), new byte[] {2}, 2048));
        BigInteger huge = BigInteger.ONE.shiftLeft(8192).add(BigInteger.ONE);
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, "8193 bits",
                () -> DhParameters.fromServer(huge.toByteArray(), new byte[] {2}, 2048));
        byte[] even = ffdhe.clone();
        even[even.length - 1] ^= 1;
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, "even", () -> DhParameters.fromServer(even, new byte[] {2}, 2048));
        BigInteger pMinusOne = DhParameters.FFDHE2048.p().subtract(BigInteger.ONE);
        for (byte[] g : new byte[][] {new byte[0], {1}, BigIntegers.asUnsignedByteArray(pMinusOne), ffdhe}) {
            assertAlert(AlertDescription.ILLEGAL_PARAMETER, "generator", () -> DhParameters.fromServer(ffdhe, g, 2048));
        }
        BigInteger composite = BigInteger.ONE.shiftLeft(2046).add(BigInteger.ONE).multiply(BigInteger.valueOf(3));
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, "not prime",
                () -> DhParameters.fromServer(composite.toByteArray(), new byte[] {2}, 2048));
        assertAlert(AlertDescription.ILLEGAL_PARAMETER, "zero", () -> DhParameters.fromServer(new byte[] {0}, new byte[] {2}, 2048));
    }

    /** A server's own prime (not an RFC 7919 group) works end to end, with full-size exponents. */
    @Test
    void tls12DheWithAServerChosenPrime() {
        BigInteger p = BigInteger.probablePrime(1024, new Random(7919));
        DhParameters params = DhParameters.fromServer(p.toByteArray(), new byte[] {5}, 1024);
        assertEquals(Optional.empty(), params.namedGroup());
        assertEquals(1024, params.privateExponentBits());
        try (DhKeyPair server = params.generate(random); DhKeyPair client = params.generate(random)) {
            byte[] ys = server.publicValue();
            assertNotEquals(0, ys[0], "TLS 1.2 public values carry no leading zero byte");
            assertArrayEquals(server.agree(client.publicValue()), client.agree(ys));
        }
    }

    /**
     * The same agreement has two encodings: TLS 1.2 strips leading zero bytes from the
     * premaster secret (RFC 5246 §8.1.2), TLS 1.3 pads to the prime's length (RFC 8446
     * §7.4.1). A small prime makes a result with a leading zero byte quick to find.
     */
    @Test
    void tls12StripsLeadingZerosWhereTls13Pads() {
        DhParameters params = new DhParameters(BigInteger.probablePrime(256, new Random(8446)), BigInteger.valueOf(3));
        boolean sawLeadingZero = false;
        for (int i = 0; i < 5000 && !sawLeadingZero; i++) {
            try (DhKeyPair a = params.generate(random); DhKeyPair b = params.generate(random)) {
                BigInteger peer = new BigInteger(1, b.publicValue());
                byte[] padded = a.agreePadded(peer, "peer");
                byte[] premaster = a.agree(b.publicValue());
                assertEquals(params.primeLength(), padded.length);
                assertArrayEquals(DhParameters.stripLeadingZeros(padded), premaster);
                sawLeadingZero = padded[0] == 0;
                if (sawLeadingZero) {
                    assertTrue(premaster.length < padded.length);
                    assertNotEquals(0, premaster[0]);
                }
            }
        }
        assertTrue(sawLeadingZero, "no result with a leading zero byte in 5000 tries");
    }

    @Test
    void stripLeadingZeros() {
        assertArrayEquals(new byte[] {1, 0}, DhParameters.stripLeadingZeros(new byte[] {0, 0, 1, 0}));
        assertArrayEquals(new byte[] {(byte) 0x80}, DhParameters.stripLeadingZeros(new byte[] {(byte) 0x80}));
        assertArrayEquals(new byte[] {0}, DhParameters.stripLeadingZeros(new byte[] {0, 0}));
    }

    /** RFC 7919 §5.1: a peer value must be in [2, p-2]; TLS 1.3 values must be exactly as long as p. */
    @Test
    void peerValuesOutsideTheRangeAreIllegalParameter() {
        DhParameters params = DhParameters.FFDHE2048;
        BigInteger p = params.p();
        try (KeyShare share = NamedGroup.FFDHE2048.generate(random); DhKeyPair tls12 = params.generate(random)) {
            for (BigInteger y : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, p.subtract(BigInteger.ONE), p}) {
                byte[] padded = BigIntegers.asUnsignedByteArray(256, y);
                assertAlert(AlertDescription.ILLEGAL_PARAMETER, "[2, p-2]", () -> share.agree(padded));
                assertAlert(AlertDescription.ILLEGAL_PARAMETER, "[2, p-2]", () -> tls12.agree(padded));
            }
            byte[] valid = BigIntegers.asUnsignedByteArray(256, TWO);
            byte[] unpadded = {2};
            assertEquals(256, share.agree(valid).length);
            assertAlert(AlertDescription.ILLEGAL_PARAMETER, "1 bytes; expected 256", () -> share.agree(unpadded));
            assertTrue(tls12.agree(unpadded).length > 0, "TLS 1.2 accepts the unpadded form");
            assertAlert(AlertDescription.ILLEGAL_PARAMETER, "257 bytes", () -> tls12.agree(new byte[257]));
        }
    }

    @Test
    void localParametersAreCheckedToo() {
        assertThrows(IllegalArgumentException.class, () -> new DhParameters(BigInteger.valueOf(1024), TWO));
        assertThrows(IllegalArgumentException.class, () -> new DhParameters(DhParameters.FFDHE2048.p(), BigInteger.ONE));
        assertTrue(DhParameters.FFDHE3072.toString().contains("ffdhe3072"));
    }

    private static void assertAlert(AlertDescription alert, String messagePart, org.junit.jupiter.api.function.Executable call) {
        TlsAlert e = assertThrows(TlsAlert.class, call);
        assertEquals(alert, e.alert(), e.toString());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
