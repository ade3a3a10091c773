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

/**
 * An AEAD over a JCA {@link Cipher}, preferring the JDK's SunJCE implementation.
 *
 * <p>The JCA API allocates a parameter spec per record, and SunJCE allocates internally
 * (about 1 KiB per record for heap buffers; for direct buffers up to a record-sized copy in
 * ChaCha20-Poly1305, which SunJCE handles through {@code CipherSpi}'s array fallback). See
 * {@link Aeads} for where this implementation is chosen anyway.
 */
final class JcaAead implements Aead {
    private final AeadAlgorithm algorithm;
    private ByteBuffer suffixBuffer;
    private final Cipher cipher;
    private final SecretKeySpec key;
    private final byte[] keyBytes;
    private final boolean chacha;
    private final byte[] lastNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private final byte[] detourNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
    private boolean initialized;

    JcaAead(AeadAlgorithm algorithm, byte[] key) {
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key, got " + key.length);
        }
        this.algorithm = algorithm;
        this.keyBytes = key.clone();
        this.chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        this.key = new SecretKeySpec(keyBytes, chacha ? "ChaCha20" : "AES");
        this.cipher = newCipher(chacha ? "ChaCha20-Poly1305" : "AES/GCM/NoPadding");
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst) {
        int dstPos = dst.position();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, spec(nonce));
            remember(nonce);
            cipher.updateAAD(aad, 0, aadLength);
            ByteBuffer out = outputView(dst, src.remaining() + AeadAlgorithm.TAG_LENGTH);
            cipher.doFinal(src, out);
            dst.position(dstPos + out.position());
        } catch (GeneralSecurityException e) {
            throw TlsAlert.internalError(algorithm + " encryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, byte[] suffix, int suffixLength,
            ByteBuffer dst) {
        int dstPos = dst.position();
        try {
            cipher.init(Cipher.ENCRYPT_MODE, key, spec(nonce));
            remember(nonce);
            cipher.updateAAD(aad, 0, aadLength);
            ByteBuffer out = outputView(dst, src.remaining() + suffixLength + AeadAlgorithm.TAG_LENGTH);
            cipher.update(src, out);
            cipher.doFinal(suffixView(suffix, suffixLength), out);
            dst.position(dstPos + out.position());
        } catch (GeneralSecurityException e) {
            throw TlsAlert.internalError(algorithm + " encryption failed: " + e.getMessage(), e);
        }
    }

    /** A reused heap view of {@code suffix[0, length)}: callers pass the same small array each record. */
    private ByteBuffer suffixView(byte[] suffix, int length) {
        if (suffixBuffer == null || suffixBuffer.array() != suffix) {
            suffixBuffer = ByteBuffer.wrap(suffix);
        }
        suffixBuffer.limit(length).position(0);
        return suffixBuffer;
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
            initDecrypt(nonce);
            cipher.updateAAD(aad, 0, aadLength);
            ByteBuffer out = outputView(dst, inLen - AeadAlgorithm.TAG_LENGTH);
            cipher.doFinal(src, out);
            dst.position(dstPos + out.position());
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

    /**
     * Wipes our copy of the key and overwrites the cipher's key schedule by re-keying it with
     * zeros. ({@link SecretKeySpec} keeps a private copy that cannot be wiped; it is dropped
     * with this object.)
     */
    @Override
    public void close() {
        Arrays.fill(keyBytes, (byte) 0);
        try {
            Arrays.fill(detourNonce, (byte) 0xA5);
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keyBytes, key.getAlgorithm()), spec(detourNonce));
        } catch (GeneralSecurityException e) {
            // nothing more can be wiped; the instance is unusable either way
        }
    }

    /**
     * SunJCE refuses to initialise ChaCha20 with the key and nonce of its previous
     * initialisation, even to decrypt. Decrypting twice under one nonce is legitimate: a
     * server skipping rejected 0-RTT data tries each record with the same sequence number
     * (RFC 8446 §4.2.10). A detour through another nonce clears the check.
     */
    private void initDecrypt(byte[] nonce) throws GeneralSecurityException {
        if (chacha && initialized && Arrays.equals(nonce, lastNonce)) {
            System.arraycopy(nonce, 0, detourNonce, 0, nonce.length);
            detourNonce[0] ^= 1;
            cipher.init(Cipher.DECRYPT_MODE, key, spec(detourNonce));
        }
        cipher.init(Cipher.DECRYPT_MODE, key, spec(nonce));
        remember(nonce);
    }

    private void remember(byte[] nonce) {
        System.arraycopy(nonce, 0, lastNonce, 0, lastNonce.length);
        initialized = true;
    }

    /**
     * A view of exactly the output region, so that the cipher cannot touch any other byte of
     * {@code dst}. JDK 25's AES-GCM, decrypting into a direct buffer, zeroes from index 0 of
     * the buffer (not from its position) up to the end of the output when the tag is wrong,
     * destroying whatever precedes the record in the caller's buffer (found by AeadTest's
     * canary checks; JDK 17 writes nothing on failure). Costs one small object per record;
     * the JCA path allocates a parameter spec per record anyway.
     */
    private static ByteBuffer outputView(ByteBuffer dst, int length) {
        return dst.slice(dst.position(), Math.min(length, dst.remaining()));
    }

    private AlgorithmParameterSpec spec(byte[] nonce) {
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must be 12 bytes, got " + nonce.length);
        }
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
