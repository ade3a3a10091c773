package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** An AEAD over a JCA {@link Cipher}, preferring the JDK's SunJCE implementation. */
final class JcaAead implements Aead {
    private final AeadAlgorithm algorithm;
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] keyBytes;

    JcaAead(AeadAlgorithm algorithm, byte[] key) {
        this.algorithm = algorithm;
        this.keyBytes = key.clone();
        boolean chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        this.key = new SecretKeySpec(keyBytes, chacha ? "ChaCha20" : "AES");
        this.cipher = newCipher(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst) {
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, spec(nonce));
            cipher.updateAAD(aad, 0, aadLength);
            cipher.doFinal(src, dst);
        } catch (GeneralSecurityException e) {
            throw TlsAlert.internalError(algorithm + " encryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void open(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst) {
        int inLen = src.remaining();
        if (inLen < AeadAlgorithm.TAG_LENGTH) {
            throw TlsAlert.badRecordMac(algorithm + " record of " + inLen + " bytes is shorter than the tag");
        }
        int srcPos = src.position();
        int dstPos = dst.position();
        try {
            cipher.init(Cipher.DECRYPT_MODE, key, spec(nonce));
            cipher.updateAAD(aad, 0, aadLength);
            cipher.doFinal(src, dst);
        } catch (AEADBadTagException e) {
            wipe(dst, dstPos, inLen - AeadAlgorithm.TAG_LENGTH);
            src.position(srcPos);
            throw TlsAlert.badRecordMac(algorithm + " record failed authentication");
        } catch (GeneralSecurityException e) {
            wipe(dst, dstPos, inLen - AeadAlgorithm.TAG_LENGTH);
            src.position(srcPos);
            throw TlsAlert.internalError(algorithm + " decryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        Arrays.fill(keyBytes, (byte) 0);
    }

    private AlgorithmParameterSpec spec(byte[] nonce) {
        return algorithm == AeadAlgorithm.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(AeadAlgorithm.TAG_LENGTH * 8, nonce);
    }

    private static void wipe(ByteBuffer dst, int from, int n) {
        int end = Math.min(dst.limit(), from + n);
        for (int i = from; i < end; i++) {
            dst.put(i, (byte) 0);
        }
        dst.position(from);
    }

    private static Cipher newCipher(String transformation) {
        try {
            // The JDK's implementation has the AES-NI/CLMUL intrinsics; a third-party
            // provider listed first must not silently replace it.
            Provider sun = Security.getProvider("SunJCE");
            return sun != null ? Cipher.getInstance(transformation, sun) : Cipher.getInstance(transformation);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw new IllegalStateException(transformation + " is not available on this JVM", e);
        }
    }

}
