package dev.bastion.tls.crypto;

/**
 * Constant-time checks of PKCS#1 v1.5 encryption padding (RFC 8017 §7.2.2, block type 2):
 * {@code EM = 0x00 || 0x02 || PS || 0x00 || M}, PS at least 8 non-zero bytes.
 *
 * <p>Every byte of EM is looked at with the same operations whatever its value; results are
 * masks (-1 for true, 0 for false) combined with bitwise operations, so that the running time
 * does not depend on where, or whether, the padding is wrong. Java gives no guarantee about
 * what the JIT emits, but this code offers it no data-dependent branch to keep.
 */
final class RsaPkcs1Padding {
    /** 0x00, 0x02, at least eight padding bytes, the 0x00 separator. */
    static final int MIN_OVERHEAD = 11;

    private RsaPkcs1Padding() {
    }

    /**
     * A mask that is -1 when {@code em} holds a correctly padded 48-byte TLS premaster secret
     * whose first two bytes are {@code version}, 0 otherwise (RFC 5246 §7.4.7.1). Both the
     * message length and the separator position are fixed, so nothing is searched for.
     */
    static int premasterMask(byte[] em, int version) {
        int k = em.length;
        int sep = k - RsaKeyTransport.PREMASTER_LENGTH - 1;
        if (sep < MIN_OVERHEAD - 1) {
            throw new IllegalArgumentException("a " + k + "-byte RSA block cannot carry a premaster secret");
        }
        int good = zero(em[0] & 0xFF) & zero((em[1] & 0xFF) ^ 0x02);
        for (int i = 2; i < sep; i++) {
            good &= ~zero(em[i] & 0xFF);
        }
        good &= zero(em[sep] & 0xFF);
        good &= zero((em[sep + 1] & 0xFF) ^ ((version >>> 8) & 0xFF));
        good &= zero((em[sep + 2] & 0xFF) ^ (version & 0xFF));
        return good;
    }

    /**
     * The index of the first message byte in a correctly padded {@code em}, or -1. The scan
     * always covers all of {@code em}.
     */
    static int messageStart(byte[] em) {
        int good = zero(em[0] & 0xFF) & zero((em[1] & 0xFF) ^ 0x02);
        int found = 0; // becomes -1 at the first zero byte after the block type
        int sep = 0;
        for (int i = 2; i < em.length; i++) {
            int isZero = zero(em[i] & 0xFF);
            sep |= isZero & ~found & i;
            found |= isZero;
        }
        good &= found;
        good &= (MIN_OVERHEAD - 2 - sep) >> 31; // separator at index 10 or later: PS has >= 8 bytes
        return (good & (sep + 1)) | ~good;
    }

    /** {@code out[i] = mask == -1 ? a[aOff + i] : b[i]} for all of {@code out}, branch-free. */
    static void select(int mask, byte[] a, int aOff, byte[] b, byte[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((a[aOff + i] & mask) | (b[i] & ~mask));
        }
    }

    /** -1 if {@code x == 0}, else 0; for {@code 0 <= x < 2^31}. */
    static int zero(int x) {
        return (x - 1) >> 31;
    }
}
