package dev.bastion.tls.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The TLS 1.2 pseudorandom function (RFC 5246 §5): {@code PRF(secret, label, seed) =
 * P_<hash>(secret, label + seed)}, with {@code P_hash(secret, seed) = HMAC(secret, A(1) +
 * seed) + HMAC(secret, A(2) + seed) + ...}, {@code A(0) = seed}, {@code A(i) =
 * HMAC(secret, A(i-1))}. The hash is the cipher suite's PRF hash (SHA-256, or SHA-384 for
 * the {@code _SHA384} suites).
 *
 * <p>One instance reuses one {@link Hmac}, which keeps the key's padded states between the calls
 * under one secret (a master secret's key block and Finished messages); it is not thread-safe.
 */
public final class Prf12 {
    private final Hmac hmac;

    public Prf12(HashAlgorithm hash) {
        this.hmac = new Hmac(hash);
    }

    public HashAlgorithm hash() {
        return hmac.hash();
    }

    /** {@code PRF(secret, label, seed)[0..length-1]}; {@code label} is ASCII. */
    public byte[] derive(byte[] secret, String label, byte[] seed, int length) {
        return p(secret, length, ascii(label), seed);
    }

    /** {@code PRF(secret, label, seedA + seedB)[0..length-1]}, without joining the seeds. */
    public byte[] derive(byte[] secret, String label, byte[] seedA, byte[] seedB, int length) {
        return p(secret, length, ascii(label), seedA, seedB);
    }

    /** {@code P_hash(secret, seed)} where the seed is the concatenation of {@code parts}. */
    byte[] p(byte[] secret, int length, byte[]... parts) {
        if (length < 0) {
            throw new IllegalArgumentException("PRF output length " + length + " is negative");
        }
        int hashLen = hmac.length();
        byte[] out = new byte[length];
        byte[] a = new byte[hashLen];
        byte[] block = new byte[hashLen];
        hmac.init(secret);
        update(parts);
        hmac.doFinal(a, 0); // A(1)
        for (int done = 0; done < length; ) {
            hmac.update(a);
            update(parts);
            hmac.doFinal(block, 0);
            int n = Math.min(hashLen, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
            if (done < length) {
                hmac.update(a);
                hmac.doFinal(a, 0); // A(i+1)
            }
        }
        Arrays.fill(a, (byte) 0);
        Arrays.fill(block, (byte) 0);
        return out;
    }

    private void update(byte[][] parts) {
        for (byte[] part : parts) {
            hmac.update(part);
        }
    }

    static byte[] ascii(String label) {
        for (int i = 0; i < label.length(); i++) {
            if (label.charAt(i) > 0x7F) {
                throw new IllegalArgumentException("label must be ASCII: " + label);
            }
        }
        return label.getBytes(StandardCharsets.US_ASCII);
    }
}
