package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.Hex;
import dev.bastion.tls.testutil.Wycheproof;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** X25519 and X448: RFC 7748 vectors and Wycheproof. */
class XdhKeyExchangeTest {
    private static final XdhKeyExchange X25519 = (XdhKeyExchange) NamedGroup.X25519.exchange();
    private static final XdhKeyExchange X448 = (XdhKeyExchange) NamedGroup.X448.exchange();

    /** RFC 7748 §5.2: scalar, input u-coordinate, output u-coordinate. */
    @ParameterizedTest
    @CsvSource({
        "x25519, a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4,"
                + " e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c,"
                + " c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552",
        "x25519, 4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d,"
                + " e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493,"
                + " 95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
        "x448, 3d262fddf9ec8e88495266fea19a34d28882acef045104d0d1aae121700a779c984c24f8cdd78fbff44943eba368f54b29259a4f1c600ad3,"
                + " 06fce640fa3487bfda5f6cf2d5263f8aad88334cbd07437f020f08f9814dc031ddbdc38c19c6da2583fa5429db94ada18aa7a7fb4ef8a086,"
                + " ce3e4ff95a60dc6697da1db1d85e6afbdf79b50a2412d7546d5f239fe14fbaadeb445fc66a01b0779d98223961111e21766282f73dd96b6f",
        "x448, 203d494428b8399352665ddca42f9de8fef600908e0d461cb021f8c538345dd77c3e4806e25f46d3315c44e0a5b4371282dd2c8d5be3095f,"
                + " 0fbcc2f993cd56d3305b0b7d9e55d4c1a8fb5dbb52f8e9a1e9b6201b165d015894e56c4d3570bee52fe205e28a78b91cdfbde71ce8d157db,"
                + " 884a02576239ff7a2f2f63b2db6a9ff37047ac13568e1e30fe63c4a7ad1b3ee3a5700df34321d62077e63633c575c1c954514e99da7c179d",
    })
    void rfc7748ScalarMultiplication(String group, String scalar, String u, String expected) {
        XdhKeyExchange exchange = group.equals("x25519") ? X25519 : X448;
        try (KeyShare share = exchange.fromPrivate(Hex.bytes(scalar))) {
            assertArrayEquals(Hex.bytes(expected), share.agree(Hex.bytes(u)));
        }
    }

    /** RFC 7748 §5.2: k = u = base point, then k, u = X(k, u), k; after 1 and 1,000 iterations. */
    @ParameterizedTest
    @CsvSource({
        "x25519, 1, 422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079",
        "x25519, 1000, 684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51",
        "x448, 1, 3f482c8a9f19b01e6c46ee9711d9dc14fd4bf67af30765c2ae2b846a4d23a8cd0db897086239492caf350b51f833868b9bc2b3bca9cf4113",
        "x448, 1000, aa3b4749d55b9daf1e5b00288826c467274ce3ebbdd5c17b975e09d4af6c67cf10d087202db88286e2b79fceea3ec353ef54faa26e219f38",
    })
    void rfc7748Iterations(String group, int iterations, String expected) {
        XdhKeyExchange exchange = group.equals("x25519") ? X25519 : X448;
        byte[] k = new byte[group.equals("x25519") ? 32 : 56];
        k[0] = (byte) (group.equals("x25519") ? 9 : 5);
        byte[] u = k.clone();
        for (int i = 0; i < iterations; i++) {
            byte[] next = exchange.agree(k, u);
            u = k;
            k = next;
        }
        assertArrayEquals(Hex.bytes(expected), k);
    }

    /** RFC 7748 §6.1 (X25519) and §6.2 (X448): both key pairs and the shared secret. */
    @ParameterizedTest
    @CsvSource({
        "x25519, 77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a,"
                + " 8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a,"
                + " 5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb,"
                + " de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f,"
                + " 4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742",
        "x448, 9a8f4925d1519f5775cf46b04b5800d4ee9ee8bae8bc5565d498c28dd9c9baf574a9419744897391006382a6f127ab1d9ac2d8c0a598726b,"
                + " 9b08f7cc31b7e3e67d22d5aea121074a273bd2b83de09c63faa73d2c22c5d9bbc836647241d953d40c5b12da88120d53177f80e532c41fa0,"
                + " 1c306a7ac2a0e2e0990b294470cba339e6453772b075811d8fad0d1d6927c120bb5ee8972b0d3e21374c9c921b09d1b0366f10b65173992d,"
                + " 3eb7a829b0cd20f5bcfc0b599b6feccf6da4627107bdb0d4f345b43027d8b972fc3e34fb4232a13ca706dcb57aec3dae07bdc1c67bf33609,"
                + " 07fff4181ac6cc95ec1c16a94a0f74d12da232ce40a77552281d282bb60c0b56fd2464c335543936521c24403085d59a449a5037514a879d",
    })
    void rfc7748DiffieHellman(String group, String alicePrivate, String alicePublic, String bobPrivate, String bobPublic,
            String shared) {
        XdhKeyExchange exchange = group.equals("x25519") ? X25519 : X448;
        try (KeyShare alice = exchange.fromPrivate(Hex.bytes(alicePrivate));
                KeyShare bob = exchange.fromPrivate(Hex.bytes(bobPrivate))) {
            assertArrayEquals(Hex.bytes(alicePublic), alice.publicValue());
            assertArrayEquals(Hex.bytes(bobPublic), bob.publicValue());
            assertArrayEquals(Hex.bytes(shared), alice.agree(bob.publicValue()));
            assertArrayEquals(Hex.bytes(shared), bob.agree(alice.publicValue()));
        }
    }

    /**
     * x25519_test.json and x448_test.json. {@code valid} cases must give {@code shared}.
     * {@code acceptable} cases (twist points, non-canonical and low-order values) are all
     * treated the RFC 7748 way: computed like any other value, and refused with
     * illegal_parameter exactly when the result is all zeros (RFC 8446 §7.4.2); otherwise
     * they must give {@code shared}. {@code invalid} cases (X448 keys of 57 bytes) must be
     * refused with illegal_parameter.
     */
    @ParameterizedTest
    @CsvSource({"x25519_test.json, 518, 31", "x448_test.json, 510, 23"})
    void wycheproof(String file, int expectedCases, int expectedRefusals) {
        XdhKeyExchange exchange = file.startsWith("x25519") ? X25519 : X448;
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int refused = 0;
        for (Wycheproof.Case c : Wycheproof.cases(file)) {
            cases++;
            byte[] shared = c.hex("shared");
            boolean mustRefuse = c.invalid() || isAllZero(shared);
            try (KeyShare share = exchange.fromPrivate(c.hex("private"))) {
                byte[] result = share.agree(c.hex("public"));
                if (mustRefuse) {
                    failures.add(c + ": accepted");
                } else if (!Arrays.equals(shared, result)) {
                    failures.add(c + ": got " + Hex.string(result));
                }
            } catch (TlsAlert e) {
                refused++;
                if (!mustRefuse || e.alert() != AlertDescription.ILLEGAL_PARAMETER) {
                    failures.add(c + ": " + e);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(expectedCases, cases);
        assertEquals(expectedRefusals, refused, "all-zero results and wrong lengths refused");
    }

    @Test
    void wrongLengthsAreRefused() {
        try (KeyShare share = NamedGroup.X25519.generate(new java.security.SecureRandom())) {
            for (int n : new int[] {0, 31, 33, 56}) {
                TlsAlert e = assertThrows(TlsAlert.class, () -> share.agree(new byte[n]));
                assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
                assertTrue(e.getMessage().contains(n + " bytes; expected 32"), e.getMessage());
            }
        }
    }

    private static boolean isAllZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
