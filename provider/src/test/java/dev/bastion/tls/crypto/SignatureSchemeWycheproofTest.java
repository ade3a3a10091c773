package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.Hex;
import dev.bastion.tls.testutil.Wycheproof;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Wycheproof signature vector for the schemes we verify: each {@code valid} signature
 * verifies, each {@code invalid} one fails with {@code decrypt_error} and nothing else.
 *
 * <p>{@code acceptable} cases (only the PKCS#1 v1.5 "MissingNull" DigestInfo, one per
 * rsa_signature file) are handled one way: accepted, because RFC 4055 §2.1 says "All
 * implementations MUST accept both NULL and absent parameters as legal and equivalent
 * encodings" (and SunJSSE accepts them too). Any other acceptable case fails the test.
 *
 * <p>ECDSA and EdDSA run twice: on the default (Bouncy Castle) path, and on the JCA path that
 * keys from other providers take, behind the same strict DER/length checks.
 */
class SignatureSchemeWycheproofTest {
    /**
     * Valid ECDSA signatures whose x(kG) is at least n (the "x = n + r" reductions) that SunEC
     * in JDK 17 wrongly rejects; JDK 25 accepts them, and so does our default Bouncy Castle
     * path. On the JCA path these may only be accepted or fail with decrypt_error.
     */
    private static final Set<String> SUNEC_17_FALSE_REJECTIONS = Set.of(
            "ecdsa_secp256r1_sha256_test.json#350", "ecdsa_secp256r1_sha256_test.json#479",
            "ecdsa_secp384r1_sha384_test.json#382", "ecdsa_secp384r1_sha384_test.json#499",
            "ecdsa_secp521r1_sha512_test.json#419", "ecdsa_secp521r1_sha512_test.json#537");

    private final Map<JsonNode, PublicKey> keys = new IdentityHashMap<>();

    @TestFactory
    Stream<DynamicTest> ecdsaP256() {
        return run("ecdsa_secp256r1_sha256_test.json", SignatureScheme.ECDSA_SECP256R1_SHA256, "EC", false);
    }

    @TestFactory
    Stream<DynamicTest> ecdsaP384() {
        return run("ecdsa_secp384r1_sha384_test.json", SignatureScheme.ECDSA_SECP384R1_SHA384, "EC", false);
    }

    @TestFactory
    Stream<DynamicTest> ecdsaP521() {
        return run("ecdsa_secp521r1_sha512_test.json", SignatureScheme.ECDSA_SECP521R1_SHA512, "EC", false);
    }

    @TestFactory
    Stream<DynamicTest> ecdsaP256ThroughJca() {
        return run("ecdsa_secp256r1_sha256_test.json", SignatureScheme.ECDSA_SECP256R1_SHA256, "EC", true);
    }

    @TestFactory
    Stream<DynamicTest> ecdsaP384ThroughJca() {
        return run("ecdsa_secp384r1_sha384_test.json", SignatureScheme.ECDSA_SECP384R1_SHA384, "EC", true);
    }

    @TestFactory
    Stream<DynamicTest> ecdsaP521ThroughJca() {
        return run("ecdsa_secp521r1_sha512_test.json", SignatureScheme.ECDSA_SECP521R1_SHA512, "EC", true);
    }

    @TestFactory
    Stream<DynamicTest> ed25519() {
        return run("ed25519_test.json", SignatureScheme.ED25519, "Ed25519", false);
    }

    @TestFactory
    Stream<DynamicTest> ed448() {
        return run("ed448_test.json", SignatureScheme.ED448, "Ed448", false);
    }

    @TestFactory
    Stream<DynamicTest> ed25519ThroughJca() {
        return run("ed25519_test.json", SignatureScheme.ED25519, "Ed25519", true);
    }

    @TestFactory
    Stream<DynamicTest> ed448ThroughJca() {
        return run("ed448_test.json", SignatureScheme.ED448, "Ed448", true);
    }

    @TestFactory
    Stream<DynamicTest> rsaPssSha256() {
        return run("rsa_pss_2048_sha256_mgf1_32_test.json", SignatureScheme.RSA_PSS_RSAE_SHA256, "RSA", false);
    }

    @TestFactory
    Stream<DynamicTest> rsaPssSha384() {
        return run("rsa_pss_2048_sha384_mgf1_48_test.json", SignatureScheme.RSA_PSS_RSAE_SHA384, "RSA", false);
    }

    @TestFactory
    Stream<DynamicTest> rsaPssSha512() {
        return run("rsa_pss_4096_sha512_mgf1_64_test.json", SignatureScheme.RSA_PSS_RSAE_SHA512, "RSA", false);
    }

    @TestFactory
    Stream<DynamicTest> rsaPkcs1Sha256() {
        return run("rsa_signature_2048_sha256_test.json", SignatureScheme.RSA_PKCS1_SHA256, "RSA", false);
    }

    @TestFactory
    Stream<DynamicTest> rsaPkcs1Sha384() {
        return run("rsa_signature_2048_sha384_test.json", SignatureScheme.RSA_PKCS1_SHA384, "RSA", false);
    }

    @TestFactory
    Stream<DynamicTest> rsaPkcs1Sha512() {
        return run("rsa_signature_2048_sha512_test.json", SignatureScheme.RSA_PKCS1_SHA512, "RSA", false);
    }

    /** The files really are what the schemes need: hash, MGF1 hash and salt length agree. */
    @Test
    void groupParametersMatchTheSchemes() {
        checkGroups("rsa_pss_2048_sha256_mgf1_32_test.json", SignatureScheme.RSA_PSS_RSAE_SHA256);
        checkGroups("rsa_pss_2048_sha384_mgf1_48_test.json", SignatureScheme.RSA_PSS_RSAE_SHA384);
        checkGroups("rsa_pss_4096_sha512_mgf1_64_test.json", SignatureScheme.RSA_PSS_RSAE_SHA512);
        for (String f : List.of("rsa_signature_2048_sha256_test.json", "ecdsa_secp256r1_sha256_test.json")) {
            for (JsonNode g : Wycheproof.load(f).get("testGroups")) {
                assertEquals("SHA-256", g.get("sha").asText(), f);
            }
        }
    }

    private void checkGroups(String file, SignatureScheme scheme) {
        for (JsonNode g : Wycheproof.load(file).get("testGroups")) {
            assertEquals(scheme.hashAlgorithm().orElseThrow(), g.get("sha").asText(), file);
            assertEquals(scheme.hashAlgorithm().orElseThrow(), g.get("mgfSha").asText(), file);
            assertEquals(scheme.hashLength(), g.get("sLen").asInt(), file);
        }
    }

    private static void verify(SignatureScheme scheme, PublicKey key, byte[] msg, byte[] sig, boolean jca) {
        if (jca) {
            Signatures.verifyWithJca(scheme, key, msg, sig);
        } else {
            scheme.verify(key, msg, sig);
        }
    }

    private Stream<DynamicTest> run(String file, SignatureScheme scheme, String keyAlgorithm, boolean jca) {
        List<Wycheproof.Case> cases = Wycheproof.cases(file);
        List<DynamicTest> tests = new ArrayList<>();
        for (Wycheproof.Case c : cases) {
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> check(c, scheme, key(c, keyAlgorithm), jca)));
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    private PublicKey key(Wycheproof.Case c, String algorithm) {
        return keys.computeIfAbsent(c.group(), g -> SignatureTestKeys.publicKey(algorithm,
                Hex.bytes(g.get("publicKeyDer").asText())));
    }

    private static void check(Wycheproof.Case c, SignatureScheme scheme, PublicKey key, boolean jca) {
        byte[] msg = c.hex("msg");
        byte[] sig = c.hex("sig");
        // RFC 4055 §2.1: "All implementations MUST accept both NULL and absent parameters"
        boolean accept = c.valid() || (c.acceptable() && c.hasFlag("MissingNull"));
        assertTrue(c.valid() || c.invalid() || c.hasFlag("MissingNull"), "unexpected acceptable case " + c);
        if (jca && SUNEC_17_FALSE_REJECTIONS.contains(c.file() + "#" + c.tcId())) {
            assertTrue(c.valid(), c.toString());
            try {
                verify(scheme, key, msg, sig, true);
            } catch (TlsAlert known) {
                assertEquals(AlertDescription.DECRYPT_ERROR, known.alert(), known.getMessage());
            }
            return;
        }
        if (accept) {
            assertTrue(scheme.matches(key), "key matches " + scheme);
            assertDoesNotThrow(() -> verify(scheme, key, msg, sig, jca));
        } else {
            TlsAlert alert = assertThrows(TlsAlert.class, () -> verify(scheme, key, msg, sig, jca));
            assertEquals(AlertDescription.DECRYPT_ERROR, alert.alert(), alert.getMessage());
        }
    }
}
