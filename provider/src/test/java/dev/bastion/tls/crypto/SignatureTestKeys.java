package dev.bastion.tls.crypto;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.EnumMap;
import java.util.Map;

/** Keys for signature tests: fresh key pairs (generated once per JVM) and opaque wrappers. */
final class SignatureTestKeys {
    private static final Map<SignatureScheme, KeyPair> PAIRS = new EnumMap<>(SignatureScheme.class);
    private static KeyPair rsa;
    private static KeyPair rsaPss;
    private static final Map<EcdsaCurve, KeyPair> EC = new EnumMap<>(EcdsaCurve.class);
    private static KeyPair ed25519;
    private static KeyPair ed448;

    private SignatureTestKeys() {
    }

    /** A key pair for {@code scheme}: RSA 2048, an RSASSA-PSS 2048 key, EC on the scheme's curve, Ed25519, Ed448. */
    static synchronized KeyPair pairFor(SignatureScheme scheme) {
        return PAIRS.computeIfAbsent(scheme, s -> {
            switch (s.keyType()) {
                case RSA:
                    return rsa();
                case RSASSA_PSS:
                    return rsaPss();
                case EC:
                    return ec(s.curve().orElse(EcdsaCurve.SECP256R1));
                case ED25519:
                    return ed25519();
                default:
                    return ed448();
            }
        });
    }

    static synchronized KeyPair rsa() {
        if (rsa == null) {
            rsa = generate("RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
        }
        return rsa;
    }

    static synchronized KeyPair rsaPss() {
        if (rsaPss == null) {
            rsaPss = generate("RSASSA-PSS", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4));
        }
        return rsaPss;
    }

    static synchronized KeyPair ec(EcdsaCurve curve) {
        return EC.computeIfAbsent(curve, c -> generate("EC", new ECGenParameterSpec(c.standardName())));
    }

    static synchronized KeyPair ed25519() {
        if (ed25519 == null) {
            ed25519 = generate("Ed25519", null);
        }
        return ed25519;
    }

    static synchronized KeyPair ed448() {
        if (ed448 == null) {
            ed448 = generate("Ed448", null);
        }
        return ed448;
    }

    static PublicKey publicKey(String algorithm, byte[] x509) {
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A public key that is not an {@code ECPublicKey}/{@code RSAPublicKey}..., only an
     * algorithm name and an X.509 encoding, like a key from an unfamiliar provider. JDK
     * providers translate it from its encoding.
     */
    static PublicKey opaque(PublicKey key) {
        return new OpaquePublic(key.getAlgorithm(), key.getFormat(), key.getEncoded());
    }

    /** A private key that reveals nothing but its algorithm and PKCS#8 encoding. */
    static PrivateKey opaque(PrivateKey key) {
        return new OpaquePrivate(key.getAlgorithm(), key.getFormat(), key.getEncoded());
    }

    private static KeyPair generate(String algorithm, java.security.spec.AlgorithmParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                g.initialize(spec);
            }
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private record OpaquePublic(String getAlgorithm, String getFormat, byte[] getEncoded) implements PublicKey {
        private static final long serialVersionUID = 1L;
    }

    private record OpaquePrivate(String getAlgorithm, String getFormat, byte[] getEncoded) implements PrivateKey {
        private static final long serialVersionUID = 1L;
    }
}
