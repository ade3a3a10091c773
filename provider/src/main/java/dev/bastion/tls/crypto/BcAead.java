package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.nio.ByteBuffer;
import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.AEADCipher;

/**
 * The {@link ByteBuffer} plumbing shared by the Bouncy Castle lightweight AEADs, which work
 * on byte arrays only.
 *
 * <p>Heap buffers that do not overlap are handed to the cipher directly. Direct buffers,
 * read-only buffers and in-place operation go through two small scratch arrays, one chunk
 * at a time: the input chunk is copied before any output for it is written, and the
 * cipher's output never runs ahead of its input, so the output cannot overwrite unread
 * input when {@code dst} starts at or before {@code src} (the {@link Aead} contract). This
 * also stops Bouncy Castle from allocating a copy of overlapping input on every call.
 *
 * <p>Bouncy Castle's modes release plaintext before the tag is checked; {@link #open} zeroes
 * everything it wrote when the tag is wrong.
 */
abstract class BcAead implements Aead {
    /** Input bytes per scratch round trip; large enough that per-call overhead vanishes. */
    private static final int CHUNK = 2048;
    /** Room for one chunk plus what a mode may hold back (ChaCha20-Poly1305: 64 + tag). */
    private static final int OUT_SCRATCH = CHUNK + 128;

    private final AeadAlgorithm algorithm;
    private final AEADCipher cipher;
    private final byte[] inScratch = new byte[CHUNK];
    private final byte[] outScratch = new byte[OUT_SCRATCH];

    BcAead(AeadAlgorithm algorithm, AEADCipher cipher) {
        this.algorithm = algorithm;
        this.cipher = cipher;
    }

    /** Parameters for one record: the key (only on the first call, then null to reuse it) and the nonce. */
    abstract CipherParameters parameters(byte[] nonce);

    @Override
    public final AeadAlgorithm algorithm() {
        return algorithm;
    }

    @Override
    public final void seal(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst) {
        checkNonce(nonce);
        int n = src.remaining();
        int dstPos = dst.position();
        try {
            cipher.init(true, parameters(nonce));
            cipher.processAADBytes(aad, 0, aadLength);
            int written = process(src, dst, n);
            src.position(src.limit());
            dst.position(dstPos + written);
        } catch (InvalidCipherTextException | DataLengthException | IllegalStateException | IllegalArgumentException e) {
            throw TlsAlert.internalError(algorithm + " encryption failed: " + e.getMessage(), e);
        }
    }

    @Override
    public final void open(byte[] nonce, byte[] aad, int aadLength, ByteBuffer src, ByteBuffer dst) {
        checkNonce(nonce);
        int n = src.remaining();
        if (n < AeadAlgorithm.TAG_LENGTH) {
            throw TlsAlert.badRecordMac(algorithm + " record of " + n + " bytes is shorter than the tag");
        }
        int srcPos = src.position();
        int dstPos = dst.position();
        try {
            cipher.init(false, parameters(nonce));
            cipher.processAADBytes(aad, 0, aadLength);
            int written = process(src, dst, n);
            src.position(src.limit());
            dst.position(dstPos + written);
        } catch (InvalidCipherTextException e) {
            wipe(dst, dstPos, n - AeadAlgorithm.TAG_LENGTH);
            src.position(srcPos);
            throw TlsAlert.badRecordMac(algorithm + " record failed authentication");
        } catch (DataLengthException | IllegalStateException | IllegalArgumentException e) {
            wipe(dst, dstPos, n - AeadAlgorithm.TAG_LENGTH);
            src.position(srcPos);
            throw TlsAlert.internalError(algorithm + " decryption failed: " + e.getMessage(), e);
        } finally {
            java.util.Arrays.fill(outScratch, (byte) 0);
        }
    }

    @Override
    public void close() {
        java.util.Arrays.fill(inScratch, (byte) 0);
        java.util.Arrays.fill(outScratch, (byte) 0);
    }

    /** Runs the initialized cipher over {@code src} into {@code dst}; returns the bytes written. */
    private int process(ByteBuffer src, ByteBuffer dst, int n) throws InvalidCipherTextException {
        if (src.hasArray() && dst.hasArray() && !overlap(src, dst, n)) {
            byte[] out = dst.array();
            int outOff = dst.arrayOffset() + dst.position();
            int w = cipher.processBytes(src.array(), src.arrayOffset() + src.position(), n, out, outOff);
            return w + cipher.doFinal(out, outOff + w);
        }
        int srcPos = src.position();
        int dstPos = dst.position();
        int w = 0;
        for (int off = 0; off < n; off += CHUNK) {
            int c = Math.min(CHUNK, n - off);
            src.get(srcPos + off, inScratch, 0, c);
            int produced = cipher.processBytes(inScratch, 0, c, outScratch, 0);
            dst.put(dstPos + w, outScratch, 0, produced);
            w += produced;
        }
        int produced = cipher.doFinal(outScratch, 0);
        dst.put(dstPos + w, outScratch, 0, produced);
        return w + produced;
    }

    /** True if both buffers view the same array and the input and output regions intersect. */
    private static boolean overlap(ByteBuffer src, ByteBuffer dst, int n) {
        if (src.array() != dst.array()) {
            return false;
        }
        int in = src.arrayOffset() + src.position();
        int out = dst.arrayOffset() + dst.position();
        int outLength = n + AeadAlgorithm.TAG_LENGTH;
        return in < out + outLength && out < in + n;
    }

    private static void checkNonce(byte[] nonce) {
        if (nonce.length != AeadAlgorithm.NONCE_LENGTH) {
            throw new IllegalArgumentException("nonce must be 12 bytes, got " + nonce.length);
        }
    }

    private static void wipe(ByteBuffer dst, int from, int n) {
        int end = Math.min(dst.limit(), from + n);
        for (int i = from; i < end; i++) {
            dst.put(i, (byte) 0);
        }
        dst.position(from);
    }
}
