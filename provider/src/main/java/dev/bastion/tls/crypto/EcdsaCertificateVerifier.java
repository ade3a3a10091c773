package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.ProviderException;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verification only of {@code SHA256withECDSA}, {@code SHA384withECDSA} and {@code SHA512withECDSA}
 * signatures, as {@link CertificateSignatureProvider} offers it to the JDK's PKIX validator: a key
 * on secp256r1, secp384r1 or secp521r1 goes through {@link EcdsaBc} (strict DER first, as SunEC
 * also demands); any other key is handed to the first other installed provider that takes it, so
 * the answer never depends on which path ran. Signing is refused.
 *
 * <p>Any hash may go with any of the three curves: a certificate's signature algorithm names the
 * hash, the issuer's key the curve (a P-384 CA signs with SHA-384 or SHA-256 alike); ECDSA
 * truncates a hash longer than the group order (SEC 1 §4.1.4), which Bouncy Castle does.
 */
final class EcdsaCertificateVerifier extends SignatureSpi {
    private static final AtomicLong FAST_VERIFICATIONS = new AtomicLong();

    private final String algorithm;
    private final String digestName;
    private MessageDigest digest;
    private EcdsaCurve curve;
    private ECPublicKey key;
    private Signature other;

    /**
     * @param algorithm the JCA name ({@code SHA256withECDSA})
     * @param digestName the JCA name of its hash ({@code SHA-256})
     */
    EcdsaCertificateVerifier(String algorithm, String digestName) {
        this.algorithm = algorithm;
        this.digestName = digestName;
    }

    /** How many signatures {@link EcdsaBc} checked (valid or not) in this JVM (for tests). */
    static long fastVerifications() {
        return FAST_VERIFICATIONS.get();
    }

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        Optional<EcdsaCurve> c = publicKey instanceof ECPublicKey ? EcdsaCurve.of(publicKey) : Optional.empty();
        if (c.isPresent()) {
            curve = c.get();
            key = (ECPublicKey) publicKey;
            other = null;
            try {
                digest = MessageDigest.getInstance(digestName);
            } catch (NoSuchAlgorithmException e) {
                throw new ProviderException("this JVM has no " + digestName, e);
            }
        } else {
            curve = null;
            key = null;
            digest = null;
            other = otherProvider(publicKey);
        }
    }

    /** The first installed provider other than ours whose {@code algorithm} takes {@code publicKey}. */
    private Signature otherProvider(PublicKey publicKey) throws InvalidKeyException {
        InvalidKeyException last = null;
        Provider[] providers = Security.getProviders("Signature." + algorithm);
        for (Provider p : providers == null ? new Provider[0] : providers) {
            if (p.getName().equals(CertificateSignatureProvider.NAME)) {
                continue;
            }
            try {
                Signature s = Signature.getInstance(algorithm, p);
                s.initVerify(publicKey);
                return s;
            } catch (NoSuchAlgorithmException e) {
                continue;
            } catch (InvalidKeyException e) {
                last = e;
            }
        }
        InvalidKeyException e = new InvalidKeyException(algorithm + " cannot verify with a "
                + (publicKey == null ? "null" : publicKey.getAlgorithm() + " (" + publicKey.getClass().getName() + ")")
                + " key: no installed provider takes it");
        if (last != null) {
            e.initCause(last);
        }
        throw e;
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        throw new InvalidKeyException(CertificateSignatureProvider.NAME + " only verifies signatures");
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        if (other != null) {
            other.update(b);
        } else {
            initialised().update(b);
        }
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
        if (other != null) {
            other.update(b, off, len);
        } else {
            initialised().update(b, off, len);
        }
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        throw new SignatureException(CertificateSignatureProvider.NAME + " only verifies signatures");
    }

    @Override
    protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
        if (other != null) {
            return other.verify(sigBytes);
        }
        byte[] h = initialised().digest();
        try {
            DerEcdsaSignature rs = DerEcdsaSignature.parse(sigBytes, curve.domain().getN());
            boolean valid = EcdsaBc.verify(curve, key, h, rs);
            FAST_VERIFICATIONS.incrementAndGet();
            return valid;
        } catch (TlsAlert e) {
            throw new SignatureException(algorithm + " signature cannot be checked: " + e.getMessage(), e);
        }
    }

    private MessageDigest initialised() throws SignatureException {
        if (digest == null) {
            throw new SignatureException(algorithm + " is not initialised for verification");
        }
        return digest;
    }

    @Override
    protected void engineSetParameter(AlgorithmParameterSpec params) throws InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException(algorithm + " takes no parameters");
        }
    }

    @Override
    @Deprecated
    protected void engineSetParameter(String param, Object value) throws InvalidParameterException {
        throw new InvalidParameterException(algorithm + " takes no parameters");
    }

    @Override
    @Deprecated
    protected Object engineGetParameter(String param) throws InvalidParameterException {
        throw new InvalidParameterException(algorithm + " takes no parameters");
    }
}
