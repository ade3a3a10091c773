package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * ChaCha20-Poly1305 as RFC 8439 §2.8 composes it, over our {@link ChaCha20} and Bouncy
 * Castle's lightweight {@link Poly1305}: the one-time Poly1305 key is the first 32 bytes of the
 * key stream block with counter 0 (§2.6), encryption starts at counter 1, and the tag covers
 * {@code aad || pad16 || ciphertext || pad16 || le64(aad length) || le64(ciphertext length)}.
 *
 * <p>Unlike Bouncy Castle's {@code ChaCha20Poly1305} mode this allocates nothing per record
 * and authenticates before it decrypts, so no unauthenticated plaintext is ever written. It
 * writes the per-record one-time key into the array that {@link KeyParameter#getKey()}
 * returns, which is the object's own array in Bouncy Castle 1.87. Should a later version
 * return a copy, every RFC 8439 and Wycheproof vector in the tests fails (the one-time key
 * would stay zero), so an upgrade cannot slip through unnoticed.
 *
 * <p>Heap buffers are processed in place in their arrays (output starting at or before the
 * input never overwrites unread input, see {@link ChaCha20}); direct and read-only buffers go
 * through a small scratch array.
 */
final class Rfc8439Aead implements Aead {
    private static final int CHUNK = 2048;
    private static final byte[] ZEROS = new byte[64];

    private final ChaCha20 chacha;
    private final Poly1305 poly1305 = new Poly1305();
    private final KeyParameter oneTimeKey = new KeyParameter(new byte[32]);
    private final byte[] block = new byte[64];
    private final byte[] tag = new byte[AeadAlgorithm.TAG_LENGTH];
    private final byte[] received = new byte[AeadAlgorithm.TAG_LENGTH];
    private final byte[] scratch = new byte[CHUNK];

    Rfc8439Aead(byte[] key) {
        if (key.length != AeadAlgorithm.CHACHA20_POLY1305.keyLength()) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 needs a 32-byte key, got " + key.length);
        }
        this.chacha = new ChaCha20(key);
    }

    @Override
    public AeadAlgorithm algorithm() {
        return AeadAlgorithm.CHACHA20_POLY1305;
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst) {
        seal(nonce, aad, aadLength, src, ZEROS, 0, dst);
    }

    @Override
    public void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, byte[] suffix, int suffixLength,
            ByteBuffer dst) {
        int n = src.remaining();
        start(nonce, aad, aadLength);
        int dstPos = dst.position();
        if (src.hasArray() && dst.hasArray()) {
            byte[] out = dst.array();
            int outOff = dst.arrayOffset() + dstPos;
            chacha.xor(src.array(), src.arrayOffset() + src.position(), out, outOff, n);
            poly1305.update(out, outOff, n);
        } else {
            int srcPos = src.position();
            for (int off = 0; off < n; off += CHUNK) {
                int c = Math.min(CHUNK, n - off);
                src.get(srcPos + off, scratch, 0, c);
                chacha.xor(scratch, 0, scratch, 0, c);
                poly1305.update(scratch, 0, c);
                dst.put(dstPos + off, scratch, 0, c);
            }
        }
        // the suffix continues the same key stream and MAC input (ChaCha20 is a stream cipher)
        for (int off = 0; off < suffixLength; off += CHUNK) {
            int c = Math.min(CHUNK, suffixLength - off);
            chacha.xor(suffix, off, scratch, 0, c);
            poly1305.update(scratch, 0, c);
            dst.put(dstPos + n + off, scratch, 0, c);
        }
        int total = n + suffixLength;
        finishTag(aadLength, total);
        dst.put(dstPos + total, tag, 0, tag.length);
        src.position(src.limit());
        dst.position(dstPos + total + tag.length);
    }

    @Override
    public void open(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst) {
        int total = src.remaining();
        if (total < AeadAlgorithm.TAG_LENGTH) {
            throw TlsAlert.badRecordMac("CHACHA20_POLY1305 record of " + total + " bytes is shorter than the tag");
        }
        int n = total - AeadAlgorithm.TAG_LENGTH;
        int srcPos = src.position();
        int dstPos = dst.position();
        start(nonce, aad, aadLength);
        authenticate(src, srcPos, n);
        finishTag(aadLength, n);
        src.get(srcPos + n, received, 0, received.length);
        if (!MessageDigest.isEqual(tag, received)) {
            // Nothing was decrypted; the region is zeroed anyway so that every Aead behaves alike.
            for (int i = dstPos, end = Math.min(dst.limit(), dstPos + n); i < end; i++) {
                dst.put(i, (byte) 0);
            }
            throw TlsAlert.badRecordMac("CHACHA20_POLY1305 record failed authentication");
        }
        decrypt(src, srcPos, dst, dstPos, n);
        src.position(src.limit());
        dst.position(dstPos + n);
    }

    /** Wipes the key, the one-time key and scratch. */
    @Override
    public void close() {
        chacha.wipe();
        Arrays.fill(oneTimeKey.getKey(), (byte) 0);
        Arrays.fill(block, (byte) 0);
        Arrays.fill(scratch, (byte) 0);
        poly1305.init(oneTimeKey);
    }

    /** Starts ChaCha20 for this nonce, derives the Poly1305 key (RFC 8439 §2.6) and MACs the AAD. */
    private void start(byte[] nonce, byte[] aad, int aadLength) {
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must be 12 bytes, got " + nonce.length);
        }
        chacha.start(nonce, 0);
        chacha.keyStreamBlock(block);
        System.arraycopy(block, 0, oneTimeKey.getKey(), 0, 32);
        Arrays.fill(block, (byte) 0);
        poly1305.init(oneTimeKey);
        poly1305.update(aad, 0, aadLength);
        pad16(aadLength);
    }

    private void authenticate(ByteBuffer src, int srcPos, int n) {
        if (src.hasArray()) {
            poly1305.update(src.array(), src.arrayOffset() + srcPos, n);
            return;
        }
        for (int off = 0; off < n; off += CHUNK) {
            int c = Math.min(CHUNK, n - off);
            src.get(srcPos + off, scratch, 0, c);
            poly1305.update(scratch, 0, c);
        }
    }

    private void decrypt(ByteBuffer src, int srcPos, ByteBuffer dst, int dstPos, int n) {
        if (src.hasArray() && dst.hasArray()) {
            chacha.xor(src.array(), src.arrayOffset() + srcPos, dst.array(), dst.arrayOffset() + dstPos, n);
            return;
        }
        for (int off = 0; off < n; off += CHUNK) {
            int c = Math.min(CHUNK, n - off);
            src.get(srcPos + off, scratch, 0, c);
            chacha.xor(scratch, 0, scratch, 0, c);
            dst.put(dstPos + off, scratch, 0, c);
        }
        Arrays.fill(scratch, (byte) 0);
    }

    /** Pads the MACed data to 16 bytes, appends both lengths (little-endian 64-bit) and computes the tag. */
    private void finishTag(int aadLength, int n) {
        pad16(n);
        for (int i = 0; i < 8; i++) {
            block[i] = (byte) ((long) aadLength >>> (8 * i));
            block[8 + i] = (byte) ((long) n >>> (8 * i));
        }
        poly1305.update(block, 0, 16);
        poly1305.doFinal(tag, 0);
    }

    private void pad16(int length) {
        int partial = length & 15;
        if (partial != 0) {
            poly1305.update(ZEROS, 0, 16 - partial);
        }
    }
}
