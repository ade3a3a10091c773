package dev.bastion.tls.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The ChaCha20 stream cipher of RFC 8439 §2.3–2.4: a 256-bit key, a 96-bit nonce and a 32-bit
 * block counter. Written for the record layer on JDKs without SunJCE's ChaCha20 intrinsics
 * (before 20): the key stream is added to the input four bytes at a time, straight from the
 * block function's words, with no key stream array in between (about 1.7 times Bouncy Castle's
 * {@code ChaCha7539Engine}, which goes through one byte by byte).
 *
 * <p>{@link #start} sets the nonce and counter; {@link #xor} then continues the key stream
 * across calls (a call may end inside a block; the next one uses the rest of that block).
 * Input and output may be the same array: output that starts at or before the input never
 * overwrites input not yet read, since each word is read before the word at its place is
 * written and the output moves forward. Not thread-safe.
 */
final class ChaCha20 {
    private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** "expand 32-byte k" as four little-endian words (§2.3). */
    private static final int C0 = 0x61707865;
    private static final int C1 = 0x3320646e;
    private static final int C2 = 0x79622d32;
    private static final int C3 = 0x6b206574;

    private final int[] key = new int[8];
    private int n0;
    private int n1;
    private int n2;
    /** The next block's counter, 0 to 2^32 (2^32: the counter is exhausted for this nonce). */
    private long counter;
    /** The current block's key stream when a call ended inside it; {@code used} of its bytes are spent. */
    private final byte[] partial = new byte[64];
    private int used = 64;

    ChaCha20(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("ChaCha20 needs a 32-byte key, got " + key.length);
        }
        for (int i = 0; i < 8; i++) {
            this.key[i] = (int) LE_INT.get(key, 4 * i);
        }
    }

    /** Starts the key stream for {@code nonce} (12 bytes) at block {@code initialCounter}. */
    void start(byte[] nonce, int initialCounter) {
        if (nonce.length != 12) {
            throw new IllegalArgumentException("ChaCha20 needs a 12-byte nonce, got " + nonce.length);
        }
        n0 = (int) LE_INT.get(nonce, 0);
        n1 = (int) LE_INT.get(nonce, 4);
        n2 = (int) LE_INT.get(nonce, 8);
        counter = Integer.toUnsignedLong(initialCounter);
        used = 64;
    }

    /** Writes {@code in[inOff, inOff+len)} XOR the next {@code len} key stream bytes to {@code out[outOff...]}. */
    void xor(byte[] in, int inOff, byte[] out, int outOff, int len) {
        if (len < 0 || inOff < 0 || outOff < 0 || inOff > in.length - len || outOff > out.length - len) {
            throw new IndexOutOfBoundsException("ChaCha20: " + len + " bytes at " + inOff + " -> " + outOff);
        }
        int done = 0;
        while (used < 64 && done < len) {
            out[outOff + done] = (byte) (in[inOff + done] ^ partial[used++]);
            done++;
        }
        int whole = (len - done) >>> 6;
        if (whole > 0) {
            spend(whole);
            blocks(in, inOff + done, out, outOff + done, whole);
            done += whole << 6;
        }
        if (done < len) {
            spend(1);
            block(partial);
            used = 0;
            while (done < len) {
                out[outOff + done] = (byte) (in[inOff + done] ^ partial[used++]);
                done++;
            }
        }
    }

    /** Writes the next 64-byte key stream block into {@code out} (the Poly1305 key of RFC 8439 §2.6). */
    void keyStreamBlock(byte[] out) {
        if (used != 64) {
            throw new IllegalStateException("ChaCha20: a whole block is asked for inside a block");
        }
        spend(1);
        block(out);
    }

    /** Zeroes the key and any key stream left over. */
    void wipe() {
        Arrays.fill(key, 0);
        Arrays.fill(partial, (byte) 0);
        n0 = n1 = n2 = 0;
        counter = 0;
        used = 64;
    }

    /** Refuses to wrap the 32-bit block counter (RFC 8439 §2.4): the key stream would repeat. */
    private void spend(int count) {
        if (counter + count > 1L << 32) {
            throw new IllegalStateException("ChaCha20: the 32-bit block counter is exhausted for this nonce");
        }
    }

    /** One key stream block into {@code out[0, 64)}; the counter moves on. */
    private void block(byte[] out) {
        Arrays.fill(out, 0, 64, (byte) 0);
        blocks(out, 0, out, 0, 1);
    }

    /**
     * XORs {@code count} whole blocks of key stream into {@code in} → {@code out}: the 20 rounds
     * (§2.3: column rounds and diagonal rounds of the quarter round, §2.1) over sixteen locals,
     * then each state word plus its initial value is added to one input word.
     */
    private void blocks(byte[] in, int inOff, byte[] out, int outOff, int count) {
        final int k0 = key[0];
        final int k1 = key[1];
        final int k2 = key[2];
        final int k3 = key[3];
        final int k4 = key[4];
        final int k5 = key[5];
        final int k6 = key[6];
        final int k7 = key[7];
        final int j13 = n0;
        final int j14 = n1;
        final int j15 = n2;
        int j12 = (int) counter;
        for (int b = 0; b < count; b++) {
            int x0 = C0;
            int x1 = C1;
            int x2 = C2;
            int x3 = C3;
            int x4 = k0;
            int x5 = k1;
            int x6 = k2;
            int x7 = k3;
            int x8 = k4;
            int x9 = k5;
            int x10 = k6;
            int x11 = k7;
            int x12 = j12;
            int x13 = j13;
            int x14 = j14;
            int x15 = j15;
            for (int r = 0; r < 10; r++) {
                // column round: QR(0,4,8,12) QR(1,5,9,13) QR(2,6,10,14) QR(3,7,11,15)
                x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 16); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 12);
                x0 += x4; x12 = Integer.rotateLeft(x12 ^ x0, 8); x8 += x12; x4 = Integer.rotateLeft(x4 ^ x8, 7);
                x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 16); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 12);
                x1 += x5; x13 = Integer.rotateLeft(x13 ^ x1, 8); x9 += x13; x5 = Integer.rotateLeft(x5 ^ x9, 7);
                x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 16); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 12);
                x2 += x6; x14 = Integer.rotateLeft(x14 ^ x2, 8); x10 += x14; x6 = Integer.rotateLeft(x6 ^ x10, 7);
                x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 16); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 12);
                x3 += x7; x15 = Integer.rotateLeft(x15 ^ x3, 8); x11 += x15; x7 = Integer.rotateLeft(x7 ^ x11, 7);
                // diagonal round: QR(0,5,10,15) QR(1,6,11,12) QR(2,7,8,13) QR(3,4,9,14)
                x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 16); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 12);
                x0 += x5; x15 = Integer.rotateLeft(x15 ^ x0, 8); x10 += x15; x5 = Integer.rotateLeft(x5 ^ x10, 7);
                x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 16); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 12);
                x1 += x6; x12 = Integer.rotateLeft(x12 ^ x1, 8); x11 += x12; x6 = Integer.rotateLeft(x6 ^ x11, 7);
                x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 16); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 12);
                x2 += x7; x13 = Integer.rotateLeft(x13 ^ x2, 8); x8 += x13; x7 = Integer.rotateLeft(x7 ^ x8, 7);
                x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 16); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 12);
                x3 += x4; x14 = Integer.rotateLeft(x14 ^ x3, 8); x9 += x14; x4 = Integer.rotateLeft(x4 ^ x9, 7);
            }
            int i = inOff + (b << 6);
            int o = outOff + (b << 6);
            put(out, o, get(in, i) ^ (x0 + C0));
            put(out, o + 4, get(in, i + 4) ^ (x1 + C1));
            put(out, o + 8, get(in, i + 8) ^ (x2 + C2));
            put(out, o + 12, get(in, i + 12) ^ (x3 + C3));
            put(out, o + 16, get(in, i + 16) ^ (x4 + k0));
            put(out, o + 20, get(in, i + 20) ^ (x5 + k1));
            put(out, o + 24, get(in, i + 24) ^ (x6 + k2));
            put(out, o + 28, get(in, i + 28) ^ (x7 + k3));
            put(out, o + 32, get(in, i + 32) ^ (x8 + k4));
            put(out, o + 36, get(in, i + 36) ^ (x9 + k5));
            put(out, o + 40, get(in, i + 40) ^ (x10 + k6));
            put(out, o + 44, get(in, i + 44) ^ (x11 + k7));
            put(out, o + 48, get(in, i + 48) ^ (x12 + j12));
            put(out, o + 52, get(in, i + 52) ^ (x13 + j13));
            put(out, o + 56, get(in, i + 56) ^ (x14 + j14));
            put(out, o + 60, get(in, i + 60) ^ (x15 + j15));
            j12++;
        }
        counter += count;
    }

    private static int get(byte[] a, int off) {
        return (int) LE_INT.get(a, off);
    }

    private static void put(byte[] a, int off, int v) {
        LE_INT.set(a, off, v);
    }
}
