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
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.junit.jupiter.api.Test;

/** ML-KEM-768 against Wycheproof (FIPS 203 and C2SP/CCTV vectors). */
class MlKem768Test {

    /**
     * mlkem_768_test.json: key generation from the 64-byte seed must give {@code ek}, and
     * decapsulating {@code c} must give {@code K} (including the implicit-rejection cases:
     * random and bit-flipped ciphertexts, the strcmp case). Invalid cases: seeds of the wrong
     * length are refused with IllegalArgumentException (the seed is our own input, never a
     * peer's); ciphertexts of the wrong length with illegal_parameter.
     */
    @Test
    void wycheproofKeyGenerationAndDecapsulation() {
        List<String> failures = new ArrayList<>();
        int valid = 0;
        int badSeeds = 0;
        int badCiphertexts = 0;
        for (Wycheproof.Case c : Wycheproof.cases("mlkem_768_test.json")) {
            byte[] seed = c.hex("seed");
            if (seed.length != MlKem768.SEED_LENGTH) {
                badSeeds++;
                if (c.valid()) {
                    failures.add(c + ": valid case with a " + seed.length + "-byte seed");
                }
                assertThrows(IllegalArgumentException.class, () -> MlKem768.fromSeed(seed), c.toString());
                continue;
            }
            MLKEMPrivateKeyParameters dk = MlKem768.fromSeed(seed);
            if (!Arrays.equals(c.hex("ek"), MlKem768.encapsulationKey(dk))) {
                failures.add(c + ": encapsulation key differs");
            }
            try {
                byte[] k = MlKem768.decapsulate(dk, c.hex("c"), "ciphertext");
                if (!c.valid()) {
                    failures.add(c + ": accepted");
                } else if (!Arrays.equals(c.hex("K"), k)) {
                    failures.add(c + ": got K = " + Hex.string(k));
                }
                valid++;
            } catch (TlsAlert e) {
                badCiphertexts++;
                if (c.valid() || e.alert() != AlertDescription.ILLEGAL_PARAMETER) {
                    failures.add(c + ": " + e);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(153, valid);
        assertEquals(20, badSeeds);
        assertEquals(20, badCiphertexts);
    }

    /**
     * mlkem_768_encaps_test.json: encapsulating to {@code ek} with the given {@code m} must
     * give {@code c} and {@code K}; keys that fail the FIPS 203 §7.2 check (coefficients
     * not reduced mod q, wrong lengths) must be refused with illegal_parameter.
     */
    @Test
    void wycheproofEncapsulation() {
        List<String> failures = new ArrayList<>();
        int valid = 0;
        int refused = 0;
        for (Wycheproof.Case c : Wycheproof.cases("mlkem_768_encaps_test.json")) {
            try {
                Encapsulation e = MlKem768.encapsulate(MlKem768.checkEncapsulationKey(c.hex("ek"), "ek"), c.hex("m"));
                if (!c.valid()) {
                    failures.add(c + ": accepted");
                } else if (!Arrays.equals(c.hex("c"), e.publicValue()) || !Arrays.equals(c.hex("K"), e.sharedSecret())) {
                    failures.add(c + ": different c or K");
                }
                valid++;
            } catch (TlsAlert e) {
                refused++;
                if (c.valid() || e.alert() != AlertDescription.ILLEGAL_PARAMETER) {
                    failures.add(c + ": " + e);
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
        assertEquals(133, valid);
        assertEquals(132, refused);
    }

    @Test
    void modulusCheckNamesTheOffendingCoefficient() {
        byte[] ek = MlKem768.encapsulationKey(MlKem768.fromSeed(new byte[64]));
        // the second coefficient of the first pair is (b1 >> 4) | b2 << 4: make it 0xFFF = 4095
        ek[301] = (byte) (ek[301] | 0xF0);
        ek[302] = (byte) 0xFF;
        TlsAlert e = assertThrows(TlsAlert.class, () -> MlKem768.checkEncapsulationKey(ek, "client's key"));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
        assertTrue(e.getMessage().contains("modulus check") && e.getMessage().contains("4095"), e.getMessage());
    }

    @Test
    void roundTripWithRandomKeys() {
        java.security.SecureRandom random = new java.security.SecureRandom();
        MLKEMPrivateKeyParameters dk = MlKem768.generate(random);
        byte[] ek = MlKem768.encapsulationKey(dk);
        assertEquals(MlKem768.ENCAPSULATION_KEY_LENGTH, ek.length);
        Encapsulation e = MlKem768.encapsulate(MlKem768.checkEncapsulationKey(ek, "ek"), random);
        assertEquals(MlKem768.CIPHERTEXT_LENGTH, e.publicValue().length);
        assertArrayEquals(e.sharedSecret(), MlKem768.decapsulate(dk, e.publicValue(), "c"));
    }
}
