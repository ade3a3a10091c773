package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.testutil.Hex;
import dev.bastion.tls.testutil.Wycheproof;
import java.security.InvalidKeyException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link CertificateSignatureProvider}: its ECDSA verification answers as a correct ECDSA does
 * (the Wycheproof vectors, every hash with every curve), refuses to sign, hands keys it does
 * not take to another provider, and joins the provider list last.
 */
class CertificateSignatureProviderTest {
    private final Provider provider = new CertificateSignatureProvider();

    @TestFactory
    Stream<DynamicTest> wycheproofP256() {
        return wycheproof("ecdsa_secp256r1_sha256_test.json", "SHA256withECDSA");
    }

    @TestFactory
    Stream<DynamicTest> wycheproofP384() {
        return wycheproof("ecdsa_secp384r1_sha384_test.json", "SHA384withECDSA");
    }

    @TestFactory
    Stream<DynamicTest> wycheproofP521() {
        return wycheproof("ecdsa_secp521r1_sha512_test.json", "SHA512withECDSA");
    }

    /** Valid cases verify; invalid ones give false or a {@code SignatureException}, nothing else. */
    private Stream<DynamicTest> wycheproof(String file, String algorithm) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Wycheproof.Case c : Wycheproof.cases(file)) {
            tests.add(DynamicTest.dynamicTest(c.toString(), () -> {
                assertTrue(c.valid() || c.invalid(), "unexpected acceptable case " + c);
                PublicKey key = SignatureTestKeys.publicKey("EC", Hex.bytes(c.group().get("publicKeyDer").asText()));
                Signature s = Signature.getInstance(algorithm, provider);
                s.initVerify(key);
                s.update(c.hex("msg"));
                if (c.valid()) {
                    assertTrue(s.verify(c.hex("sig")), c.toString());
                } else {
                    boolean accepted;
                    try {
                        accepted = s.verify(c.hex("sig"));
                    } catch (SignatureException refused) {
                        accepted = false;
                    }
                    assertFalse(accepted, c.toString());
                }
            }));
        }
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    /** A certificate's hash is chosen apart from its issuer's curve: every pairing verifies as SunEC signed it. */
    @Test
    void everyHashWithEveryCurve() throws Exception {
        byte[] tbs = "tbsCertificate bytes stand-in".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long before = CertificateSignatureProvider.verifications();
        int checked = 0;
        for (String curve : List.of("secp256r1", "secp384r1", "secp521r1")) {
            KeyPair kp = ec(curve);
            for (String alg : List.of("SHA256withECDSA", "SHA384withECDSA", "SHA512withECDSA")) {
                Signature signer = Signature.getInstance(alg, "SunEC");
                signer.initSign(kp.getPrivate());
                signer.update(tbs);
                byte[] sig = signer.sign();
                assertTrue(verify(alg, kp.getPublic(), tbs, sig), alg + " " + curve);
                byte[] other = tbs.clone();
                other[0] ^= 1;
                assertFalse(verify(alg, kp.getPublic(), other, sig), alg + " " + curve + ", changed message");
                assertFalse(verify(alg, ec(curve).getPublic(), tbs, sig), alg + " " + curve + ", another key");
                String sibling = alg.equals("SHA256withECDSA") ? "SHA384withECDSA" : "SHA256withECDSA";
                assertFalse(verify(sibling, kp.getPublic(), tbs, sig), alg + " " + curve + " checked as " + sibling);
                checked += 4;
            }
        }
        assertEquals(checked, CertificateSignatureProvider.verifications() - before, "all went through Bouncy Castle");
    }

    private boolean verify(String alg, PublicKey key, byte[] data, byte[] sig) throws Exception {
        Signature v = Signature.getInstance(alg, provider);
        v.initVerify(key);
        v.update(data, 0, data.length);
        return v.verify(sig);
    }

    @Test
    void onlyVerifies() throws Exception {
        KeyPair kp = ec("secp256r1");
        Signature s = Signature.getInstance("SHA256withECDSA", provider);
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> s.initSign(kp.getPrivate()));
        assertTrue(e.getMessage().contains("only verifies"), e.getMessage());
        assertThrows(SignatureException.class, () -> Signature.getInstance("SHA256withECDSA", provider).update(new byte[1]),
                "not initialised");
    }

    /** A key it does not take goes to another provider, which answers for it; an RSA key is refused by all. */
    @Test
    void keysItDoesNotTakeGoElsewhere() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        PublicKey rsa = g.generateKeyPair().getPublic();
        Signature s = Signature.getInstance("SHA256withECDSA", provider);
        InvalidKeyException e = assertThrows(InvalidKeyException.class, () -> s.initVerify(rsa));
        assertTrue(e.getMessage().contains("no installed provider takes it"), e.getMessage());
    }

    /** A key on a curve it does not do (brainpoolP256r1, from Bouncy Castle) is checked by the provider that takes it, with its verdicts. */
    @Test
    void aKeyItDoesNotTakeIsCheckedElsewhere() throws Exception {
        Provider bc = new org.bouncycastle.jce.provider.BouncyCastleProvider();
        // first: SunEC takes any EC key at initVerify (and only then finds the curve unsupported), as JCA's own selection would
        boolean added = Security.insertProviderAt(bc, 1) != -1;
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", bc);
            g.initialize(new ECGenParameterSpec("brainpoolP256r1"));
            KeyPair kp = g.generateKeyPair();
            byte[] data = "handed over".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA", bc);
            signer.initSign(kp.getPrivate());
            signer.update(data);
            byte[] sig = signer.sign();
            long before = CertificateSignatureProvider.verifications();
            assertTrue(verify("SHA256withECDSA", kp.getPublic(), data, sig));
            sig[sig.length - 1] ^= 1;
            assertFalse(verify("SHA256withECDSA", kp.getPublic(), data, sig));
            assertEquals(before, CertificateSignatureProvider.verifications(), "not through Bouncy Castle's lightweight path");
        } finally {
            if (added) {
                Security.removeProvider(bc.getName());
            }
        }
    }

    /** Installed last, it never becomes the provider of a plain {@code getInstance}. */
    @Test
    void joinsTheListLastAndOnlyOnce() throws Exception {
        boolean present = Security.getProvider(CertificateSignatureProvider.NAME) != null;
        try {
            Provider installed = CertificateSignatureProvider.install().orElseThrow();
            assertEquals(CertificateSignatureProvider.NAME, installed.getName());
            assertSame(installed, CertificateSignatureProvider.install().orElseThrow(), "added once");
            Provider[] all = Security.getProviders();
            assertEquals(CertificateSignatureProvider.NAME, all[all.length - 1].getName());
            assertEquals(1, java.util.Arrays.stream(all).filter(p -> p.getName().equals(CertificateSignatureProvider.NAME))
                    .count());
            KeyPair kp = ec("secp256r1");
            Signature plain = Signature.getInstance("SHA256withECDSA");
            plain.initVerify(kp.getPublic());
            assertNotEquals(CertificateSignatureProvider.NAME, plain.getProvider().getName());
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(kp.getPrivate());
            assertNotEquals(CertificateSignatureProvider.NAME, signer.getProvider().getName());
        } finally {
            if (!present) {
                Security.removeProvider(CertificateSignatureProvider.NAME);
            }
        }
    }

    private static KeyPair ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }
}
