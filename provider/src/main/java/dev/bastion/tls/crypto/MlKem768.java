package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.security.SecureRandom;
import org.bouncycastle.crypto.SecretWithEncapsulation;
import org.bouncycastle.crypto.generators.MLKEMKeyPairGenerator;
import org.bouncycastle.crypto.kems.MLKEMExtractor;
import org.bouncycastle.crypto.kems.MLKEMGenerator;
import org.bouncycastle.crypto.params.MLKEMKeyGenerationParameters;
import org.bouncycastle.crypto.params.MLKEMParameters;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * ML-KEM-768 (FIPS 203) over Bouncy Castle's lightweight implementation, with the input
 * checks TLS needs done here so that they raise the right alert with a readable message.
 */
final class MlKem768 {
    static final int ENCAPSULATION_KEY_LENGTH = 1184;
    static final int CIPHERTEXT_LENGTH = 1088;
    static final int SHARED_SECRET_LENGTH = 32;
    /** d || z, the seed of ML-KEM.KeyGen_internal (FIPS 203 §6.1). */
    static final int SEED_LENGTH = 64;

    private static final MLKEMParameters PARAMETERS = MLKEMParameters.ml_kem_768;
    private static final int Q = 3329;
    /** The 384·k bytes of ByteEncode12(t̂) at the start of an encapsulation key (k = 3). */
    private static final int T_LENGTH = 384 * 3;

    private MlKem768() {
    }

    static MLKEMPrivateKeyParameters generate(SecureRandom random) {
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, PARAMETERS));
        return (MLKEMPrivateKeyParameters) generator.generateKeyPair().getPrivate();
    }

    /** ML-KEM.KeyGen_internal(d, z) from {@code seed = d || z}: for known-answer tests. */
    static MLKEMPrivateKeyParameters fromSeed(byte[] seed) {
        if (seed.length != SEED_LENGTH) {
            throw new IllegalArgumentException("ML-KEM seed must be " + SEED_LENGTH + " bytes, got " + seed.length);
        }
        return new MLKEMPrivateKeyParameters(PARAMETERS, seed);
    }

    static byte[] encapsulationKey(MLKEMPrivateKeyParameters decapsulationKey) {
        return decapsulationKey.getPublicKeyParameters().getEncoded();
    }

    /**
     * The encapsulation key check of FIPS 203 §7.2: the length (type check) and that every
     * 12-bit coefficient of t̂ is below q = 3329 (modulus check, i.e. ByteEncode12(ByteDecode12(t))
     * equals t). draft-ietf-tls-ecdhe-mlkem §3: a failure is {@code illegal_parameter}.
     */
    static MLKEMPublicKeyParameters checkEncapsulationKey(byte[] ek, String what) {
        if (ek.length != ENCAPSULATION_KEY_LENGTH) {
            throw TlsAlert.illegalParameter(what + " is " + ek.length + " bytes; expected " + ENCAPSULATION_KEY_LENGTH);
        }
        for (int i = 0; i < T_LENGTH; i += 3) {
            int b0 = ek[i] & 0xFF;
            int b1 = ek[i + 1] & 0xFF;
            int b2 = ek[i + 2] & 0xFF;
            int first = b0 | (b1 & 0x0F) << 8;
            int second = b1 >> 4 | b2 << 4;
            if (first >= Q || second >= Q) {
                throw TlsAlert.illegalParameter(what + " fails the ML-KEM modulus check (FIPS 203 §7.2): coefficient "
                        + Math.max(first, second) + " at byte " + i + " is not below " + Q);
            }
        }
        return new MLKEMPublicKeyParameters(PARAMETERS, ek);
    }

    /** ML-KEM.Encaps: {@code (ciphertext, shared secret)}. */
    static Encapsulation encapsulate(MLKEMPublicKeyParameters ek, SecureRandom random) {
        return toEncapsulation(new MLKEMGenerator(random).generateEncapsulated(ek));
    }

    /** ML-KEM.Encaps_internal with a given {@code m}: for known-answer tests. */
    static Encapsulation encapsulate(MLKEMPublicKeyParameters ek, byte[] m) {
        if (m.length != 32) {
            throw new IllegalArgumentException("ML-KEM m must be 32 bytes, got " + m.length);
        }
        return toEncapsulation(MLKEMGenerator.internalGenerateEncapsulated(ek, m.clone()));
    }

    /**
     * ML-KEM.Decaps. A ciphertext of the wrong length is {@code illegal_parameter}; any other
     * failure is {@code internal_error} (draft-ietf-tls-ecdhe-mlkem §3). A wrong ciphertext
     * of the right length yields the implicit-rejection secret, as FIPS 203 §6.3 specifies.
     */
    static byte[] decapsulate(MLKEMPrivateKeyParameters dk, byte[] ciphertext, String what) {
        if (ciphertext.length != CIPHERTEXT_LENGTH) {
            throw TlsAlert.illegalParameter(what + " is " + ciphertext.length + " bytes; expected " + CIPHERTEXT_LENGTH);
        }
        try {
            return new MLKEMExtractor(dk).extractSecret(ciphertext);
        } catch (RuntimeException e) {
            throw TlsAlert.internalError("ML-KEM-768 decapsulation failed: " + e.getMessage(), e);
        }
    }

    private static Encapsulation toEncapsulation(SecretWithEncapsulation result) {
        try {
            return new Encapsulation(result.getEncapsulation(), result.getSecret());
        } finally {
            try {
                result.destroy();
            } catch (javax.security.auth.DestroyFailedException e) {
                // the secret was copied out; the copy inside is garbage now
            }
        }
    }
}
