package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * The mechanics behind {@link SignatureScheme#sign} and {@link SignatureScheme#verify}: the
 * choice between JCA and the faster Bouncy Castle paths, and the mapping of every failure to
 * a {@link TlsAlert}.
 *
 * <p>JCA objects are created with {@code getInstance(algorithm)} and no provider, so that
 * JCA's delayed provider selection (see the {@code Signature} javadoc) picks the provider that
 * accepts the key at {@code initSign}/{@code initVerify}. PSS parameters are therefore set
 * after init, once the provider is fixed.
 */
final class Signatures {
    private Signatures() {
    }

    static byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random) {
        return sign(scheme, key, message, random, true);
    }

    /** The JCA path of {@link #sign}, which keys without software material take; for tests. */
    static byte[] signWithJca(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random) {
        return sign(scheme, key, message, random, false);
    }

    private static byte[] sign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random,
            boolean software) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(random, "random");
        if (SignatureKeyType.of(key).orElse(null) != scheme.keyType()) {
            throw TlsAlert.internalError(scheme.rfcName() + " cannot sign with a " + describe(key)
                    + " key (needs " + scheme.keyType() + ")", null);
        }
        try {
            Optional<byte[]> fast = software ? signInSoftware(scheme, key, message, random) : Optional.empty();
            return fast.isPresent() ? fast.get() : jcaSign(scheme, key, message, random);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw TlsAlert.internalError("cannot sign with " + scheme.rfcName() + " and a " + describe(key)
                    + " key: " + e, e);
        }
    }

    static void verify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(signature, "signature");
        if (SignatureKeyType.of(key).orElse(null) != scheme.keyType()) {
            throw TlsAlert.illegalParameter("signature scheme " + scheme + " cannot be used with the peer's "
                    + describe(key) + " key");
        }
        switch (scheme.keyType()) {
            case EC:
                verifyEcdsa(scheme, key, message, signature);
                return;
            case ED25519:
            case ED448:
                verifyEddsa(scheme, key, message, signature);
                return;
            default:
                jcaVerify(scheme, key, message, signature);
        }
    }

    /** The BC path for keys whose private material is in software; empty otherwise. */
    private static Optional<byte[]> signInSoftware(SignatureScheme scheme, PrivateKey key, byte[] message,
            SecureRandom random) throws NoSuchAlgorithmException {
        if (key instanceof ECPrivateKey && ((ECPrivateKey) key).getS() != null) {
            Optional<EcdsaCurve> curve = EcdsaCurve.of(key);
            if (curve.isPresent()) {
                return Optional.of(EcdsaBc.sign(curve.get(), (ECPrivateKey) key, digest(scheme, message), random));
            }
        }
        if (key instanceof EdECPrivateKey) {
            Optional<byte[]> seed = ((EdECPrivateKey) key).getBytes();
            boolean ed448 = scheme.keyType() == SignatureKeyType.ED448;
            if (seed.isPresent() && seed.get().length == (ed448 ? 57 : 32)) {
                byte[] sk = seed.get();
                try {
                    return Optional.of(EddsaBc.sign(ed448, sk, message));
                } finally {
                    java.util.Arrays.fill(sk, (byte) 0);
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] jcaSign(SignatureScheme scheme, PrivateKey key, byte[] message, SecureRandom random)
            throws GeneralSecurityException {
        Signature signer = Signature.getInstance(scheme.jcaAlgorithm());
        signer.initSign(key, random);
        Optional<AlgorithmParameterSpec> params = scheme.jcaParameters();
        if (params.isPresent()) {
            signer.setParameter(params.get());
        }
        signer.update(message);
        return signer.sign();
    }

    /**
     * The JCA path of {@link #verify}, with the same checks in front: strict DER for ECDSA,
     * the exact length for EdDSA. Used for keys the Bouncy Castle path cannot take, and by
     * tests so that both paths run the same vectors.
     */
    static void verifyWithJca(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        if (scheme.keyType() == SignatureKeyType.EC) {
            ECParameterSpec params = key instanceof ECKey ? ((ECKey) key).getParams() : null;
            DerEcdsaSignature.parse(signature, params == null ? null : params.getOrder());
        } else if (scheme.keyType() == SignatureKeyType.ED25519 || scheme.keyType() == SignatureKeyType.ED448) {
            requireEddsaLength(scheme, signature);
        }
        jcaVerify(scheme, key, message, signature);
    }

    private static void verifyEcdsa(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        if (!(key instanceof ECPublicKey)) {
            verifyWithJca(scheme, key, message, signature);
            return;
        }
        EcdsaCurve curve = EcdsaCurve.of(key).orElseThrow(() -> TlsAlert.illegalParameter(
                "signature scheme " + scheme + ": the peer's EC key is not on secp256r1, secp384r1 or secp521r1"));
        DerEcdsaSignature rs = DerEcdsaSignature.parse(signature, curve.domain().getN());
        if (!EcdsaBc.verify(curve, (ECPublicKey) key, digestForVerify(scheme, message), rs)) {
            throw failed(scheme, signature, null);
        }
    }

    private static void verifyEddsa(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        boolean ed448 = scheme.keyType() == SignatureKeyType.ED448;
        Optional<byte[]> raw = EddsaBc.rawPublicKey(key, ed448);
        if (raw.isEmpty()) {
            verifyWithJca(scheme, key, message, signature);
            return;
        }
        requireEddsaLength(scheme, signature);
        if (!EddsaBc.verify(ed448, raw.get(), message, signature)) {
            throw failed(scheme, signature, null);
        }
    }

    private static void requireEddsaLength(SignatureScheme scheme, byte[] signature) {
        int expected = EddsaBc.signatureLength(scheme.keyType() == SignatureKeyType.ED448);
        if (signature.length != expected) {
            throw TlsAlert.decryptError(scheme.rfcName() + " signature did not verify: it has " + signature.length
                    + " bytes, expected " + expected + " (RFC 8032 §5.1.6, §5.2.6)");
        }
    }

    private static void jcaVerify(SignatureScheme scheme, PublicKey key, byte[] message, byte[] signature) {
        Signature verifier;
        try {
            verifier = Signature.getInstance(scheme.jcaAlgorithm());
        } catch (NoSuchAlgorithmException e) {
            throw TlsAlert.internalError("no JCA provider implements " + scheme.jcaAlgorithm() + " for " + scheme, e);
        }
        try {
            verifier.initVerify(key);
            Optional<AlgorithmParameterSpec> params = scheme.jcaParameters();
            if (params.isPresent()) {
                verifier.setParameter(params.get());
            }
        } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
            throw new TlsAlert(AlertDescription.ILLEGAL_PARAMETER, "signature scheme " + scheme
                    + " cannot be checked with the peer's " + describe(key) + " key: " + e.getMessage(), e);
        }
        boolean ok;
        try {
            verifier.update(message);
            ok = verifier.verify(signature);
        } catch (SignatureException | RuntimeException e) {
            // malformed signature bytes: the provider's words for "does not verify"
            throw failed(scheme, signature, e);
        }
        if (!ok) {
            throw failed(scheme, signature, null);
        }
    }

    private static byte[] digestForVerify(SignatureScheme scheme, byte[] message) {
        try {
            return digest(scheme, message);
        } catch (NoSuchAlgorithmException e) {
            throw TlsAlert.internalError("no JCA provider implements " + scheme.hashAlgorithm().orElse("?"), e);
        }
    }

    private static byte[] digest(SignatureScheme scheme, byte[] message) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance(scheme.hashAlgorithm().orElseThrow()).digest(message);
    }

    private static TlsAlert failed(SignatureScheme scheme, byte[] signature, Throwable cause) {
        String why = cause == null ? "" : " (" + cause.getMessage() + ")";
        return new TlsAlert(AlertDescription.DECRYPT_ERROR, scheme.rfcName() + " signature of " + signature.length
                + " bytes did not verify" + why, cause);
    }

    private static String describe(Key key) {
        return key.getAlgorithm() + SignatureKeyType.keySize(key).stream()
                .mapToObj(bits -> " " + bits + "-bit").findFirst().orElse("");
    }
}
