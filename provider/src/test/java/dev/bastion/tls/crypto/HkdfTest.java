package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.testutil.Hex;
import dev.bastion.tls.testutil.Wycheproof;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HkdfTest {

    /** RFC 5869 Appendix A, test cases 1-3 (SHA-256): PRK and OKM. */
    static Stream<Arguments> rfc5869() {
        String ikm80 = range(0x00, 80);
        return Stream.of(
                Arguments.of("A.1", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "000102030405060708090a0b0c",
                        "f0f1f2f3f4f5f6f7f8f9", 42,
                        "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
                Arguments.of("A.2", ikm80, range(0x60, 80), range(0xb0, 80), 82,
                        "06a6b88c5853361a06104c9ceb35b45cef760014904671014a193f40c15fc244",
                        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                                + "cc30c58179ec3e87c14c01d5c1f3434f1d87"),
                Arguments.of("A.3", "0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "", "", 42,
                        "19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04",
                        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    }

    @ParameterizedTest(name = "RFC 5869 {0}")
    @MethodSource("rfc5869")
    void rfc5869(String name, String ikm, String salt, String info, int length, String prk, String okm) {
        Hkdf hkdf = new Hkdf(HashAlgorithm.SHA256);
        byte[] gotPrk = hkdf.extract(Hex.bytes(salt), Hex.bytes(ikm));
        assertArrayEquals(Hex.bytes(prk), gotPrk);
        assertArrayEquals(Hex.bytes(okm), hkdf.expand(gotPrk, Hex.bytes(info), length));
    }

    static List<Wycheproof.Case> wycheproof() {
        List<Wycheproof.Case> all = new ArrayList<>(Wycheproof.cases("hkdf_sha256_test.json"));
        all.addAll(Wycheproof.cases("hkdf_sha384_test.json"));
        return all;
    }

    /**
     * Wycheproof HKDF: valid cases must give the OKM; the invalid ones ask for more than
     * 255 * HashLen bytes and must be refused. (These files have no "acceptable" cases.)
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("wycheproof")
    void wycheproof(Wycheproof.Case c) {
        HashAlgorithm hash = c.file().contains("sha384") ? HashAlgorithm.SHA384 : HashAlgorithm.SHA256;
        Hkdf hkdf = new Hkdf(hash);
        int size = c.test().get("size").asInt();
        byte[] prk = hkdf.extract(c.hex("salt"), c.hex("ikm"));
        if (c.valid()) {
            assertArrayEquals(c.hex("okm"), hkdf.expand(prk, c.hex("info"), size));
        } else {
            assertTrue(c.invalid() && c.hasFlag("SizeTooLarge"), "unexpected case kind " + c);
            assertThrows(IllegalArgumentException.class, () -> hkdf.expand(prk, c.hex("info"), size));
        }
    }

    @Test
    void expandAllowsExactly255Blocks() {
        Hkdf hkdf = new Hkdf(HashAlgorithm.SHA384);
        assertEquals(255 * 48, hkdf.expand(new byte[48], new byte[0], 255 * 48).length);
        assertThrows(IllegalArgumentException.class, () -> hkdf.expand(new byte[48], new byte[0], 255 * 48 + 1));
        assertThrows(IllegalArgumentException.class, () -> hkdf.expand(new byte[48], new byte[0], -1));
        assertEquals(0, hkdf.expand(new byte[48], new byte[0], 0).length);
    }

    /** RFC 8446 §7.1 HkdfLabel: uint16 length, opaque label<7..255> ("tls13 " + label), opaque context<0..255>. */
    @Test
    void hkdfLabelEncoding() {
        byte[] info = Hkdf.hkdfLabel("key".getBytes(StandardCharsets.US_ASCII), new byte[] {7}, 16);
        assertArrayEquals(Hex.bytes("0010 09 746c73313320 6b6579 01 07"), info);
        assertThrows(IllegalArgumentException.class, () -> Hkdf.hkdfLabel(new byte[250], new byte[0], 16));
        assertThrows(IllegalArgumentException.class, () -> Hkdf.hkdfLabel(new byte[1], new byte[256], 16));
    }

    @Test
    void emptyHashIsHashOfNothing() {
        assertArrayEquals(Hex.bytes("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
                new Hkdf(HashAlgorithm.SHA256).emptyHash());
        assertArrayEquals(Hex.bytes("38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da"
                + "274edebfe76f65fbd51ad2f14898b95b"), new Hkdf(HashAlgorithm.SHA384).emptyHash());
    }

    private static String range(int first, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append(String.format("%02x", first + i));
        }
        return sb.toString();
    }
}
