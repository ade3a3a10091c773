package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * An AEAD over a JCA {@link Cipher}, preferring the JDK's SunJCE implementation.
 *
 * <p>The cipher is borrowed from a {@link CipherPool} for each record rather than owned, so an
 * idle connection holds only its key. The JCA API allocates a parameter spec per record, and
 * SunJCE allocates internally (about 1 KiB per record for heap buffers; for direct buffers up
 * to a record-sized copy in ChaCha20-Poly1305, which SunJCE handles through {@code CipherSpi}'s
 * array fallback). See {@link Aeads} for where this implementation is chosen anyway.
 */
final class JcaAead implements Aead {
    private final AeadAlgorithm algorithm;
    private final CipherPool pool;
    private ByteBuffer suffixBuffer;
    private final RawKey key;
    private final byte[] keyBytes;
    /** Allocated at the first detour (see {@link #init}); most instances never need one. */
    private byte[] detourNonce;
    private final boolean chacha;
    /** Where our cipher went back into the pool last time, or -1 (see {@link CipherPool#acquire(int, Object)}). */
    private int slot = -1;

    JcaAead(AeadAlgorithm algorithm, byte[] key) {
        this(algorithm, key, CipherPool.of(algorithm));
    }

    /** An AEAD borrowing from {@code pool} (tests use a pool of their own). */
    JcaAead(AeadAlgorithm algorithm, byte[] key, CipherPool pool) {
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key, got " + key.length);
        }
        this.algorithm = algorithm;
        this.pool = pool;
        this.keyBytes = key.clone();
        this.chacha = algorithm == AeadAlgorithm.CHACHA20_POLY1305;
        this.key = new RawKey(keyBytes, chacha ? "ChaCha20" : "AES");
    }

    @Override
    public AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst) {
        int dstPos = dst.position();
        CipherPool.Lease lease = pool.acquire(slot, this);
        try {
            Cipher cipher = init(lease, Cipher.ENCRYPT_MODE, nonce);
            cipher.updateAAD(aad, 0, aadLength);
            ByteBuffer out = outputView(dst, src.remaining() + AeadAlgorithm.TAG_LENGTH);
            cipher.doFinal(src, out);
            dst.position(dstPos + out.position());
        } catch (GeneralSecurityException e) {
            throw TlsAlert.internalError(algorithm + " encryption failed: " + e.getMessage(), e);
        } finally {
            slot = pool.release(lease);
        }
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, byte[] suffix, int suffixLength,
            ByteBuffer dst) {
        int dstPos = dst.position();
        CipherPool.Lease lease = pool.acquire(slot, this);
        try {
            Cipher cipher = init(lease, Cipher.ENCRYPT_MODE, nonce);
            cipher.updateAAD(aad, 0, aadLength);
            ByteBuffer out = outputView(dst, src.remaining() + suffixLength + AeadAlgorithm.TAG_LENGTH);
            cipher.update(src, out);
            cipher.doFinal(suffixView(suffix, suffixLength), out);
            dst.position(dstPos + out.position());
        } catch (GeneralSecurityException e) {
            throw TlsAlert.internalError(algorithm + " encryption failed: " + e.getMessage(), e);
        } finally {
            slot = pool.release(lease);
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
        CipherPool.Lease lease = pool.acquire(slot, this);
        try {
            Cipher cipher = init(lease, Cipher.DECRYPT_MODE, nonce);
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
        } finally {
            slot = pool.release(lease);
        }
    }

    /**
     * Wipes our copy of the key (the only one we keep: {@link RawKey} shares it), and re-keys
     * with zeros every idle pooled cipher whose key schedule still holds our key.
     */
    @Override
    public void close() {
        Arrays.fill(keyBytes, (byte) 0);
        pool.wipe(this, new RawKey(keyBytes, key.getAlgorithm()));
    }

    /**
     * Initialises the borrowed cipher with our key and {@code nonce}. SunJCE refuses to
     * initialise a cipher with the key and nonce of its previous initialisation (ChaCha20 in
     * both modes, AES-GCM for encryption). Two legitimate cases meet that check: decrypting
     * twice under one nonce (a server skipping rejected 0-RTT data tries each record with the
     * same sequence number, RFC 8446 §4.2.10), and another AEAD instance under the same key
     * (the two ends of an in-memory connection) having used the pooled cipher last. A detour
     * through another nonce clears the check. Encrypting twice under one nonce with this very
     * instance would be a bug, and SunJCE's refusal is left to catch it.
     */
    private Cipher init(CipherPool.Lease lease, int mode, byte[] nonce) throws GeneralSecurityException {
        Cipher cipher = lease.cipher;
        boolean encrypt = mode == Cipher.ENCRYPT_MODE;
        boolean lastInit = chacha && Arrays.equals(nonce, lease.lastNonce) && (lease.owner != this || !encrypt);
        boolean lastEncrypt = encrypt && lease.encryptOwner != this && Arrays.equals(nonce, lease.lastEncryptNonce);
        if (lastInit || lastEncrypt) {
            byte[] detour = detourNonce();
            System.arraycopy(nonce, 0, detour, 0, nonce.length);
            detour[0] ^= 1;
            cipher.init(mode, key, spec(detour));
        }
        cipher.init(mode, key, spec(nonce));
        lease.owner = this;
        System.arraycopy(nonce, 0, lease.lastNonce, 0, nonce.length);
        if (encrypt) {
            lease.encryptOwner = this;
            System.arraycopy(nonce, 0, lease.lastEncryptNonce, 0, nonce.length);
        }
        return cipher;
    }

    private byte[] detourNonce() {
        if (detourNonce == null) {
            detourNonce = new byte[AeadAlgorithm.NONCE_LENGTH];
        }
        return detourNonce;
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
}
