package dev.bastion.tls.crypto;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * TLS signature schemes (RFC 8446 §4.2.3; RFC 8422 and RFC 5246 §7.4.1.4.1 for TLS 1.2, where
 * the same code points are hash/signature pairs). The lower-case constant names are the RFC
 * names, which are also the names JSSE uses in {@code jdk.tls.client.SignatureSchemes} and
 * {@code jdk.tls.server.SignatureSchemes}. Declaration order is not a preference order.
 *
 * <p>Signing goes through JCA without naming a provider, so JCA's delayed provider selection
 * finds the provider of the private key (a hardware token's, for example); software keys take
 * a faster Bouncy Castle path for ECDSA and EdDSA (see {@code EcdsaBc}, {@code EddsaBc}).
 * Verification is strict: a signature that does not verify, or is malformed, is
 * {@code decrypt_error} (RFC 8446 §4.4.3).
 */
public enum SignatureScheme {
    ECDSA_SECP256R1_SHA256(0x0403, SignatureKeyType.EC, "SHA-256", EcdsaCurve.SECP256R1, "SHA256withECDSA"),
    ECDSA_SECP384R1_SHA384(0x0503, SignatureKeyType.EC, "SHA-384", EcdsaCurve.SECP384R1, "SHA384withECDSA"),
    ECDSA_SECP521R1_SHA512(0x0603, SignatureKeyType.EC, "SHA-512", EcdsaCurve.SECP521R1, "SHA512withECDSA"),
    ED25519(0x0807, SignatureKeyType.ED25519, null, null, "Ed25519"),
    ED448(0x0808, SignatureKeyType.ED448, null, null, "Ed448"),
    RSA_PSS_RSAE_SHA256(0x0804, SignatureKeyType.RSA, "SHA-256", null, "RSASSA-PSS"),
    RSA_PSS_RSAE_SHA384(0x0805, SignatureKeyType.RSA, "SHA-384", null, "RSASSA-PSS"),
    RSA_PSS_RSAE_SHA512(0x0806, SignatureKeyType.RSA, "SHA-512", null, "RSASSA-PSS"),
    RSA_PSS_PSS_SHA256(0x0809, SignatureKeyType.RSASSA_PSS, "SHA-256", null, "RSASSA-PSS"),
    RSA_PSS_PSS_SHA384(0x080a, SignatureKeyType.RSASSA_PSS, "SHA-384", null, "RSASSA-PSS"),
    RSA_PSS_PSS_SHA512(0x080b, SignatureKeyType.RSASSA_PSS, "SHA-512", null, "RSASSA-PSS"),
    RSA_PKCS1_SHA256(0x0401, SignatureKeyType.RSA, "SHA-256", null, "SHA256withRSA"),
    RSA_PKCS1_SHA384(0x0501, SignatureKeyType.RSA, "SHA-384", null, "SHA384withRSA"),
    RSA_PKCS1_SHA512(0x0601, SignatureKeyType.RSA, "SHA-512", null, "SHA512withRSA"),
    /** Legacy: only for signatures in certificates (RFC 8446 §4.2.3, RFC 9155). */
    RSA_PKCS1_SHA1(0x0201, SignatureKeyType.RSA, "SHA-1", null, "SHA1withRSA"),
    /** Legacy: only for signatures in certificates (RFC 8446 §4.2.3, RFC 9155). */
    ECDSA_SHA1(0x0203, SignatureKeyType.EC, "SHA-1", null, "SHA1withECDSA");

    /** {@code values()} without a copy per lookup; never written. */
    private static final SignatureScheme[] VALUES = values();

    /** {@code ProtocolVersion} wire value of TLS 1.2. */
    public static final int TLS12 = 0x0303;
    /** {@code ProtocolVersion} wire value of TLS 1.3. */
    public static final int TLS13 = 0x0304;

    private final int code;
    private final SignatureKeyType keyType;
    private final String hash;
    private final EcdsaCurve curve;
    private final String jcaAlgorithm;
    private final String rfcName;
    private final PSSParameterSpec pss;

    SignatureScheme(int code, SignatureKeyType keyType, String hash, EcdsaCurve curve, String jcaAlgorithm) {
        this.code = code;
        this.keyType = keyType;
        this.hash = hash;
        this.curve = curve;
        this.jcaAlgorithm = jcaAlgorithm;
        // one String per scheme: sessions list the peer's schemes by name, and must not copy them
        this.rfcName = name().toLowerCase(Locale.ROOT);
        // RFC 8446 §4.2.3: MGF1 with the same hash, salt as long as the digest, trailer 0xBC
        this.pss = "RSASSA-PSS".equals(jcaAlgorithm)
                ? new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(hash), hashLength(hash),
                        PSSParameterSpec.TRAILER_FIELD_BC)
                : null;
    }

    /** The IANA code point. */
    public int code() {
        return code;
    }

    /** The RFC (and JSSE) name, e.g. {@code ecdsa_secp256r1_sha256}. */
    public String rfcName() {
        return rfcName;
    }

    /** The scheme with this code point; empty for code points we do not implement. */
    public static Optional<SignatureScheme> fromCode(int code) {
        for (SignatureScheme s : VALUES) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The scheme with this RFC/JSSE name (case-insensitive, surrounding blanks ignored). */
    public static Optional<SignatureScheme> fromName(String name) {
        String wanted = name.trim();
        for (SignatureScheme s : VALUES) {
            if (s.rfcName().equalsIgnoreCase(wanted)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The kind of key this scheme signs with. */
    public SignatureKeyType keyType() {
        return keyType;
    }

    /** JCA name of the hash ({@code "SHA-256"}); empty for EdDSA, whose hash is built in. */
    public Optional<String> hashAlgorithm() {
        return Optional.ofNullable(hash);
    }

    /** Output length of the hash in bytes; 0 for EdDSA. */
    public int hashLength() {
        return hash == null ? 0 : hashLength(hash);
    }

    /** The curve a TLS 1.3 ECDSA scheme is bound to; empty for other schemes and ecdsa_sha1. */
    public Optional<EcdsaCurve> curve() {
        return Optional.ofNullable(curve);
    }

    /** The JCA {@code Signature} algorithm name. */
    public String jcaAlgorithm() {
        return jcaAlgorithm;
    }

    /** Parameters to set on the JCA {@code Signature}: the PSS parameters, or empty. */
    public Optional<AlgorithmParameterSpec> jcaParameters() {
        return Optional.ofNullable(pss);
    }

    /** True for rsa_pkcs1_sha1 and ecdsa_sha1. */
    public boolean isLegacySha1() {
        return "SHA-1".equals(hash);
    }

    /**
     * Whether the scheme may sign handshake messages (TLS 1.3 CertificateVerify; TLS 1.2
     * ServerKeyExchange and CertificateVerify) in {@code version}. TLS 1.3 excludes RSA
     * PKCS#1 v1.5 (RFC 8446 §4.2.3: "not defined for use in signed TLS handshake messages");
     * neither version uses SHA-1 (RFC 8446 §4.2.3, RFC 9155 §2 for TLS 1.2).
     *
     * @param version {@link #TLS12} or {@link #TLS13}
     */
    public boolean usableForHandshakeSignatures(int version) {
        requireVersion(version);
        if (isLegacySha1()) {
            return false;
        }
        return version == TLS12 || keyType != SignatureKeyType.RSA || pss != null;
    }

    /**
     * Whether the scheme may describe a signature in a certificate
     * ({@code signature_algorithms_cert}, RFC 8446 §4.2.3): all of them, the SHA-1 and PKCS#1
     * ones included. Whether SHA-1 certificates are trusted is the trust manager's policy.
     */
    public boolean usableInCertificates() {
        return true;
    }

    /** {@link #matches(PublicKey, int)} for TLS 1.3, where ECDSA schemes are bound to a curve. */
    public boolean matches(PublicKey key) {
        return matches(key, TLS13);
    }

    /**
     * Whether {@code key} can make or check this scheme's signatures in {@code version}.
     * ECDSA keys must be on one of {@link EcdsaCurve}'s curves, and in TLS 1.3 on the scheme's
     * curve (RFC 8446 §4.2.3); in TLS 1.2 the scheme only names the hash (RFC 8422 §5.1.1).
     * rsa_pss_rsae_* and rsa_pkcs1_* need an rsaEncryption key, rsa_pss_pss_* an RSASSA-PSS
     * key whose own PSS parameters, if any, name the same hash (RFC 4055 §3.1). Key size is not
     * judged here: see {@link SignatureKeyType#keySize}.
     */
    public boolean matches(PublicKey key, int version) {
        requireVersion(version);
        if (SignatureKeyType.of(key).orElse(null) != keyType) {
            return false;
        }
        if (keyType == SignatureKeyType.EC) {
            Optional<EcdsaCurve> keyCurve = EcdsaCurve.of(key);
            return keyCurve.isPresent() && (version == TLS12 || curve == null || curve == keyCurve.get());
        }
        if (keyType == SignatureKeyType.RSASSA_PSS && key instanceof RSAKey) {
            AlgorithmParameterSpec own = ((RSAKey) key).getParams();
            return !(own instanceof PSSParameterSpec) || hash.equalsIgnoreCase(((PSSParameterSpec) own).getDigestAlgorithm());
        }
        return true;
    }

    /**
     * Signs {@code message} (the complete content to be signed, e.g. RFC 8446 §4.4.3's padded
     * context string and transcript hash).
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code internal_error} if the key cannot make this
     *         scheme's signatures or the JCA provider fails (a local problem)
     */
    public byte[] sign(PrivateKey key, byte[] message, SecureRandom random) {
        return Signatures.sign(this, key, message, random);
    }

    /**
     * Verifies a peer's signature over {@code message}; returns normally when it verifies.
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code decrypt_error} when the signature does not
     *         verify or is malformed (RFC 8446 §4.4.3); {@code illegal_parameter} when
     *         {@code key} is not of this scheme's {@link #keyType()} or not on a supported curve
     *         (the handshake layer should have checked {@link #matches(PublicKey, int)} first);
     *         {@code internal_error} when JCA lacks the algorithm
     */
    public void verify(PublicKey key, byte[] message, byte[] signature) {
        Signatures.verify(this, key, message, signature);
    }

    @Override
    public String toString() {
        return rfcName() + "(0x" + String.format("%04x", code) + ")";
    }

    private static int hashLength(String hash) {
        switch (hash) {
            case "SHA-1":
                return 20;
            case "SHA-256":
                return 32;
            case "SHA-384":
                return 48;
            case "SHA-512":
                return 64;
            default:
                throw new IllegalArgumentException(hash);
        }
    }

    private static void requireVersion(int version) {
        if (version != TLS12 && version != TLS13) {
            throw new IllegalArgumentException("signature schemes are defined for TLS 1.2 (0x0303) and TLS 1.3 (0x0304), not 0x"
                    + Integer.toHexString(version));
        }
    }
}
