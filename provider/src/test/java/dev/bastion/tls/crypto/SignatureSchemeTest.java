package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.junit.jupiter.api.Test;

/** The registry, the TLS 1.2/1.3 usage rules and the key checks of {@link SignatureScheme}. */
class SignatureSchemeTest {
    /** RFC 8446 §4.2.3, the SignatureScheme enum as printed in the RFC. */
    private static final Map<String, Integer> RFC_8446 = new LinkedHashMap<>();

    static {
        RFC_8446.put("rsa_pkcs1_sha256", 0x0401);
        RFC_8446.put("rsa_pkcs1_sha384", 0x0501);
        RFC_8446.put("rsa_pkcs1_sha512", 0x0601);
        RFC_8446.put("ecdsa_secp256r1_sha256", 0x0403);
        RFC_8446.put("ecdsa_secp384r1_sha384", 0x0503);
        RFC_8446.put("ecdsa_secp521r1_sha512", 0x0603);
        RFC_8446.put("rsa_pss_rsae_sha256", 0x0804);
        RFC_8446.put("rsa_pss_rsae_sha384", 0x0805);
        RFC_8446.put("rsa_pss_rsae_sha512", 0x0806);
        RFC_8446.put("ed25519", 0x0807);
        RFC_8446.put("ed448", 0x0808);
        RFC_8446.put("rsa_pss_pss_sha256", 0x0809);
        RFC_8446.put("rsa_pss_pss_sha384", 0x080a);
        RFC_8446.put("rsa_pss_pss_sha512", 0x080b);
        RFC_8446.put("rsa_pkcs1_sha1", 0x0201);
        RFC_8446.put("ecdsa_sha1", 0x0203);
    }

    @Test
    void codePointsAndNamesAreTheRfcs() {
        assertEquals(RFC_8446.size(), SignatureScheme.values().length);
        RFC_8446.forEach((name, code) -> {
            SignatureScheme s = SignatureScheme.fromCode(code).orElseThrow(() -> new AssertionError(name));
            assertEquals(name, s.rfcName());
            assertEquals(Optional.of(s), SignatureScheme.fromName(name));
            assertEquals(Optional.of(s), SignatureScheme.fromName(" " + name.toUpperCase() + " "));
        });
    }

    @Test
    void unknownCodesAndNamesAreEmpty() {
        assertEquals(Optional.empty(), SignatureScheme.fromCode(0x0402)); // dsa_sha256, not implemented
        assertEquals(Optional.empty(), SignatureScheme.fromCode(0xFFFF));
        assertEquals(Optional.empty(), SignatureScheme.fromCode(-1));
        assertEquals(Optional.empty(), SignatureScheme.fromName("ecdsa_brainpoolP256r1tls13_sha256"));
        assertEquals(Optional.empty(), SignatureScheme.fromName(""));
    }

    @Test
    void tls13HandshakeSignaturesExcludePkcs1AndSha1() {
        Set<SignatureScheme> tls13 = EnumSet.noneOf(SignatureScheme.class);
        Set<SignatureScheme> tls12 = EnumSet.noneOf(SignatureScheme.class);
        for (SignatureScheme s : SignatureScheme.values()) {
            if (s.usableForHandshakeSignatures(SignatureScheme.TLS13)) {
                tls13.add(s);
            }
            if (s.usableForHandshakeSignatures(SignatureScheme.TLS12)) {
                tls12.add(s);
            }
            assertTrue(s.usableInCertificates(), s.toString());
        }
        assertEquals(EnumSet.of(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384,
                SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.ED25519, SignatureScheme.ED448,
                SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384,
                SignatureScheme.RSA_PSS_RSAE_SHA512, SignatureScheme.RSA_PSS_PSS_SHA256,
                SignatureScheme.RSA_PSS_PSS_SHA384, SignatureScheme.RSA_PSS_PSS_SHA512), tls13);
        Set<SignatureScheme> expected12 = EnumSet.allOf(SignatureScheme.class);
        expected12.removeAll(EnumSet.of(SignatureScheme.RSA_PKCS1_SHA1, SignatureScheme.ECDSA_SHA1));
        assertEquals(expected12, tls12);
        assertTrue(SignatureScheme.RSA_PKCS1_SHA1.isLegacySha1());
        assertTrue(SignatureScheme.ECDSA_SHA1.isLegacySha1());
        assertThrows(IllegalArgumentException.class, () -> SignatureScheme.ED25519.usableForHandshakeSignatures(0x0302));
    }

    @Test
    void jcaNamesAndPssParameters() {
        assertEquals("SHA256withECDSA", SignatureScheme.ECDSA_SECP256R1_SHA256.jcaAlgorithm());
        assertEquals("SHA512withRSA", SignatureScheme.RSA_PKCS1_SHA512.jcaAlgorithm());
        assertEquals("Ed448", SignatureScheme.ED448.jcaAlgorithm());
        assertEquals(Optional.empty(), SignatureScheme.ED25519.hashAlgorithm());
        assertEquals(Optional.empty(), SignatureScheme.RSA_PKCS1_SHA256.jcaParameters());
        for (SignatureScheme s : EnumSet.range(SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_PSS_SHA512)) {
            assertEquals("RSASSA-PSS", s.jcaAlgorithm());
            PSSParameterSpec pss = (PSSParameterSpec) s.jcaParameters().orElseThrow();
            String hash = s.hashAlgorithm().orElseThrow();
            assertEquals(hash, pss.getDigestAlgorithm());
            assertEquals("MGF1", pss.getMGFAlgorithm());
            assertEquals(hash, ((MGF1ParameterSpec) pss.getMGFParameters()).getDigestAlgorithm());
            assertEquals(s.hashLength(), pss.getSaltLength()); // RFC 8446 §4.2.3
            assertEquals(PSSParameterSpec.TRAILER_FIELD_BC, pss.getTrailerField());
        }
        assertEquals(32, SignatureScheme.RSA_PSS_PSS_SHA256.hashLength());
        assertEquals(48, SignatureScheme.RSA_PSS_RSAE_SHA384.hashLength());
        assertEquals(64, SignatureScheme.ECDSA_SECP521R1_SHA512.hashLength());
    }

    @Test
    void ecdsaCurveIsBoundInTls13Only() {
        PublicKey p256 = SignatureTestKeys.ec(EcdsaCurve.SECP256R1).getPublic();
        PublicKey p384 = SignatureTestKeys.ec(EcdsaCurve.SECP384R1).getPublic();
        assertTrue(SignatureScheme.ECDSA_SECP256R1_SHA256.matches(p256));
        assertFalse(SignatureScheme.ECDSA_SECP256R1_SHA256.matches(p384));
        assertFalse(SignatureScheme.ECDSA_SECP384R1_SHA384.matches(p256, SignatureScheme.TLS13));
        assertTrue(SignatureScheme.ECDSA_SECP384R1_SHA384.matches(p256, SignatureScheme.TLS12));
        assertTrue(SignatureScheme.ECDSA_SHA1.matches(p384, SignatureScheme.TLS12));
        assertEquals(Optional.of(EcdsaCurve.SECP384R1), EcdsaCurve.of(p384));
        assertEquals(OptionalInt.of(384), SignatureKeyType.keySize(p384));
    }

    @Test
    void ecdsaKeysOnOtherCurvesMatchNothing() {
        // secp256k1 (SunEC 17 no longer has it): an EC key we cannot use
        X9ECParameters x9 = CustomNamedCurves.getByName("secp256k1");
        ECParameterSpec spec = EC5Util.convertToSpec(x9);
        PublicKey k1 = new EcKeyOnCurve(new ECPoint(spec.getGenerator().getAffineX(), spec.getGenerator().getAffineY()), spec);
        assertEquals(Optional.empty(), EcdsaCurve.of(k1));
        for (SignatureScheme s : SignatureScheme.values()) {
            assertFalse(s.matches(k1, SignatureScheme.TLS12), s.toString());
        }
        TlsAlert alert = assertThrows(TlsAlert.class,
                () -> SignatureScheme.ECDSA_SECP256R1_SHA256.verify(k1, new byte[1], new byte[8]));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alert.alert());
    }

    /** A peer key that claims P-256 but whose point is not on the curve: the signature cannot verify. */
    @Test
    void aPublicPointOffTheCurveIsDecryptError() {
        KeyPair ec = SignatureTestKeys.ec(EcdsaCurve.SECP256R1);
        ECPublicKey good = (ECPublicKey) ec.getPublic();
        byte[] msg = {4, 5, 6};
        byte[] sig = SignatureScheme.ECDSA_SECP256R1_SHA256.sign(ec.getPrivate(), msg, new SecureRandom());
        PublicKey offCurve = new EcKeyOnCurve(new ECPoint(good.getW().getAffineX(),
                good.getW().getAffineY().add(BigInteger.ONE)), good.getParams());
        assertTrue(SignatureScheme.ECDSA_SECP256R1_SHA256.matches(offCurve)); // matches() looks at the curve only
        TlsAlert alert = assertThrows(TlsAlert.class,
                () -> SignatureScheme.ECDSA_SECP256R1_SHA256.verify(offCurve, msg, sig));
        assertEquals(AlertDescription.DECRYPT_ERROR, alert.alert(), alert.getMessage());
        PublicKey infinity = new EcKeyOnCurve(ECPoint.POINT_INFINITY, good.getParams());
        alert = assertThrows(TlsAlert.class, () -> SignatureScheme.ECDSA_SECP256R1_SHA256.verify(infinity, msg, sig));
        assertEquals(AlertDescription.DECRYPT_ERROR, alert.alert(), alert.getMessage());
        SignatureScheme.ECDSA_SECP256R1_SHA256.verify(new EcKeyOnCurve(good.getW(), good.getParams()), msg, sig);
    }

    /**
     * A public point verified once is kept with BC's precomputations: later verifications with it
     * give the same answers (a good signature passes, a changed one is decrypt_error), from many
     * threads at once, a point off the curve sharing its x is still refused, and only the last
     * {@link EcdsaBc#CACHED_POINTS} points are kept.
     */
    @Test
    void aKeptPublicPointVerifiesAsAFreshOne() throws Exception {
        SignatureScheme scheme = SignatureScheme.ECDSA_SECP256R1_SHA256;
        KeyPair ec = SignatureTestKeys.ec(EcdsaCurve.SECP256R1);
        ECPublicKey pub = (ECPublicKey) ec.getPublic();
        byte[] msg = {7, 8, 9};
        byte[] sig = scheme.sign(ec.getPrivate(), msg, new SecureRandom());
        byte[] bad = sig.clone();
        bad[bad.length - 1] ^= 1;
        scheme.verify(pub, msg, sig);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                boolean good = i % 3 != 0;
                results.add(pool.submit(() -> {
                    try {
                        scheme.verify(new EcKeyOnCurve(pub.getW(), pub.getParams()), msg, good ? sig : bad);
                        return good;
                    } catch (TlsAlert a) {
                        assertEquals(AlertDescription.DECRYPT_ERROR, a.alert());
                        return !good;
                    }
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get(), "every answer as for a fresh point");
            }
        } finally {
            pool.shutdown();
        }
        PublicKey offCurve = new EcKeyOnCurve(new ECPoint(pub.getW().getAffineX(), pub.getW().getAffineY().add(BigInteger.ONE)),
                pub.getParams());
        assertEquals(AlertDescription.DECRYPT_ERROR,
                assertThrows(TlsAlert.class, () -> scheme.verify(offCurve, msg, sig)).alert());
        for (int i = 0; i < EcdsaBc.CACHED_POINTS + 5; i++) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair other = g.generateKeyPair();
            scheme.verify(other.getPublic(), msg, scheme.sign(other.getPrivate(), msg, new SecureRandom()));
        }
        assertEquals(EcdsaBc.CACHED_POINTS, EcdsaBc.cachedPoints());
        scheme.verify(pub, msg, sig);
        assertThrows(TlsAlert.class, () -> scheme.verify(pub, msg, bad));
    }

    @Test
    void rsaKeysAreSortedByTheirOid() {
        PublicKey rsae = SignatureTestKeys.rsa().getPublic();
        PublicKey pss = SignatureTestKeys.rsaPss().getPublic();
        for (SignatureScheme s : SignatureScheme.values()) {
            String n = s.rfcName();
            boolean rsaeScheme = n.startsWith("rsa_pss_rsae") || n.startsWith("rsa_pkcs1");
            assertEquals(rsaeScheme, s.matches(rsae, SignatureScheme.TLS12), n);
            assertEquals(rsaeScheme, s.matches(rsae, SignatureScheme.TLS13), n);
            assertEquals(n.startsWith("rsa_pss_pss"), s.matches(pss, SignatureScheme.TLS13), n);
        }
        assertEquals(Optional.of(SignatureKeyType.RSASSA_PSS), SignatureKeyType.of(pss));
        assertEquals(OptionalInt.of(2048), SignatureKeyType.keySize(rsae));
    }

    @Test
    void rsassaPssKeyParametersRestrictTheHash() throws Exception {
        PSSParameterSpec sha384 = new PSSParameterSpec("SHA-384", "MGF1", MGF1ParameterSpec.SHA384, 48, 1);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSASSA-PSS");
        g.initialize(new RSAKeyGenParameterSpec(1024, RSAKeyGenParameterSpec.F4, sha384));
        PublicKey restricted = g.generateKeyPair().getPublic();
        assertFalse(SignatureScheme.RSA_PSS_PSS_SHA256.matches(restricted));
        assertTrue(SignatureScheme.RSA_PSS_PSS_SHA384.matches(restricted));
        assertFalse(SignatureScheme.RSA_PSS_PSS_SHA512.matches(restricted));
    }

    @Test
    void edKeysMatchTheirOwnSchemeOnly() {
        PublicKey ed25519 = SignatureTestKeys.ed25519().getPublic();
        PublicKey ed448 = SignatureTestKeys.ed448().getPublic();
        for (SignatureScheme s : SignatureScheme.values()) {
            assertEquals(s == SignatureScheme.ED25519, s.matches(ed25519), s.toString());
            assertEquals(s == SignatureScheme.ED448, s.matches(ed448), s.toString());
        }
        assertEquals(OptionalInt.of(255), SignatureKeyType.keySize(ed25519));
        assertEquals(OptionalInt.of(448), SignatureKeyType.keySize(ed448));
    }

    private record EcKeyOnCurve(ECPoint getW, ECParameterSpec getParams) implements ECPublicKey {
        private static final long serialVersionUID = 1L;

        @Override
        public String getAlgorithm() {
            return "EC";
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    /** A peer whose scheme does not fit its certificate key: illegal_parameter, before any crypto. */
    @Test
    void verifyRejectsAKeyOfTheWrongType() {
        byte[] msg = {1, 2, 3};
        KeyPair ec = SignatureTestKeys.ec(EcdsaCurve.SECP256R1);
        byte[] sig = SignatureScheme.ECDSA_SECP256R1_SHA256.sign(ec.getPrivate(), msg, new SecureRandom());
        for (SignatureScheme other : new SignatureScheme[] {SignatureScheme.RSA_PSS_RSAE_SHA256,
                SignatureScheme.ED25519, SignatureScheme.RSA_PKCS1_SHA256}) {
            TlsAlert alert = assertThrows(TlsAlert.class, () -> other.verify(ec.getPublic(), msg, sig));
            assertEquals(AlertDescription.ILLEGAL_PARAMETER, alert.alert(), alert.getMessage());
        }
        PublicKey rsaePub = SignatureTestKeys.rsa().getPublic();
        TlsAlert alert = assertThrows(TlsAlert.class,
                () -> SignatureScheme.RSA_PSS_PSS_SHA256.verify(rsaePub, msg, new byte[256]));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, alert.alert());
    }

    /** Our own key of the wrong type: a local problem, internal_error. */
    @Test
    void signRejectsAKeyOfTheWrongType() {
        KeyPair ed = SignatureTestKeys.ed25519();
        for (SignatureScheme s : new SignatureScheme[] {SignatureScheme.ED448, SignatureScheme.ECDSA_SECP256R1_SHA256,
                SignatureScheme.RSA_PSS_RSAE_SHA256}) {
            TlsAlert alert = assertThrows(TlsAlert.class, () -> s.sign(ed.getPrivate(), new byte[3], new SecureRandom()));
            assertEquals(AlertDescription.INTERNAL_ERROR, alert.alert(), alert.getMessage());
        }
        KeyPair rsae = SignatureTestKeys.rsa();
        TlsAlert alert = assertThrows(TlsAlert.class,
                () -> SignatureScheme.RSA_PSS_PSS_SHA256.sign(rsae.getPrivate(), new byte[3], new SecureRandom()));
        assertEquals(AlertDescription.INTERNAL_ERROR, alert.alert());
    }
}
