package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.Hex;
import dev.bastion.tls.testutil.Wycheproof;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** ECDH on the NIST curves: Wycheproof ecpoint vectors and encoding rules. */
class EcdhKeyExchangeTest {

    /**
     * ecdh_secp*_ecpoint_test.json: public keys are bare X9.62 points. {@code valid} cases
     * must give {@code shared}; {@code invalid} ones (points off the curve, wrong curve,
     * bad encodings, compressed points) must be refused with illegal_parameter. The
     * {@code acceptable} cases are compressed points, which TLS forbids (RFC 8446 §4.2.8.2:
     * uncompressed only), so they are refused too.
     */
    @ParameterizedTest
    @CsvSource({
        "SECP256R1, ecdh_secp256r1_ecpoint_test.json, 355, 25",
        "SECP384R1, ecdh_secp384r1_ecpoint_test.json, 790, 19",
        "SECP521R1, ecdh_secp521r1_ecpoint_test.json, 661, 29",
    })
    void wycheproof(NamedGroup group, String file, int expectedCases, int expectedRefusals) {
        EcdhKeyExchange exchange = (EcdhKeyExchange) group.exchange();
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int refused = 0;
        for (Wycheproof.Case c : Wycheproof.cases(file)) {
            cases++;
            boolean mustRefuse = !c.valid();
            try (KeyShare share = exchange.fromPrivate(new BigInteger(1, c.hex("private")))) {
                byte[] result = share.agree(c.hex("public"));
                if (mustRefuse) {
                    failures.add(c + ": accepted");
                } else if (!Arrays.equals(c.hex("shared"), result)) {
                    failures.add(c + ": got " + Hex.string(result));
                }
            } catch (TlsAlert e) {
                refused++;
                if (!mustRefuse || e.alert() != AlertDescription.ILLEGAL_PARAMETER) {
                    failures.add(c + ": " + e);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
        assertEquals(expectedCases, cases);
        assertEquals(expectedRefusals, refused, "invalid and acceptable (compressed) cases refused");
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"SECP256R1", "SECP384R1", "SECP521R1"})
    void publicValueIsAnUncompressedPointOfFixedLengthAndSecretIsFixedLength(NamedGroup group) {
        SecureRandom random = new SecureRandom();
        int coordinate = (group.clientShareLength() - 1) / 2;
        for (int i = 0; i < 20; i++) {
            try (KeyShare a = group.generate(random); KeyShare b = group.generate(random)) {
                byte[] pub = a.publicValue();
                assertEquals(group.clientShareLength(), pub.length);
                assertEquals(0x04, pub[0]);
                byte[] secret = a.agree(b.publicValue());
                assertEquals(coordinate, secret.length, "RFC 8446 §7.4.2: X coordinate, field length");
                assertArrayEquals(secret, b.agree(a.publicValue()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = NamedGroup.class, names = {"SECP256R1", "SECP384R1", "SECP521R1"})
    void malformedPointsAreRefusedWithIllegalParameter(NamedGroup group) {
        SecureRandom random = new SecureRandom();
        try (KeyShare own = group.generate(random); KeyShare peer = group.generate(random)) {
            byte[] good = peer.publicValue();
            int coordinate = (good.length - 1) / 2;
            byte[] compressed = Arrays.copyOf(good, 1 + coordinate);
            compressed[0] = (byte) (2 + (good[good.length - 1] & 1));
            byte[] hybrid = good.clone();
            hybrid[0] = 0x06;
            byte[] offCurve = good.clone();
            offCurve[good.length - 1] ^= 1;
            byte[] yTooLarge = good.clone();
            Arrays.fill(yTooLarge, 1 + coordinate, good.length, (byte) 0xFF);
            byte[] infinity = {0x00};
            byte[] zeros = new byte[good.length];
            zeros[0] = 0x04;
            for (byte[] bad : new byte[][] {compressed, hybrid, offCurve, yTooLarge, infinity, zeros,
                    Arrays.copyOf(good, good.length - 1), Arrays.copyOf(good, good.length + 1), new byte[0]}) {
                TlsAlert e = assertThrows(TlsAlert.class, () -> own.agree(bad), Hex.string(bad));
                assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
                assertTrue(e.getMessage().contains(group.jsseName()), e.getMessage());
            }
        }
    }
}
