package dev.bastion.tls.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HKDF (RFC 5869) and the TLS 1.3 functions built on it, {@code HKDF-Expand-Label} and
 * {@code Derive-Secret} (RFC 8446 §7.1).
 *
 * <p>One instance reuses one {@link Hmac}; it is not thread-safe. Every output array
 * belongs to the caller, who wipes it when done.
 */
public final class Hkdf {
    /** RFC 8446 §7.1: every HkdfLabel.label starts with this. */
    private static final byte[] LABEL_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] EMPTY_HASHES = emptyHashes();

    private final Hmac hmac;

    public Hkdf(HashAlgorithm hash) {
        this.hmac = new Hmac(hash);
    }

    public HashAlgorithm hash() {
        return hmac.hash();
    }

    /**
     * {@code HKDF-Extract(salt, IKM)} (RFC 5869 §2.2). An empty (or null) salt means
     * {@code HashLen} zero bytes.
     */
    public byte[] extract(byte[] salt, byte[] ikm) {
        return hmac.compute(salt == null ? new byte[0] : salt, ikm);
    }

    /**
     * {@code HKDF-Expand(PRK, info, L)} (RFC 5869 §2.3).
     *
     * @throws IllegalArgumentException if {@code length} is negative or above
     *     {@code 255 * HashLen}, the limit of RFC 5869 §2.3
     */
    public byte[] expand(byte[] prk, byte[] info, int length) {
        int hashLen = hmac.length();
        if (length < 0 || length > 255 * hashLen) {
            throw new IllegalArgumentException("HKDF-Expand output length " + length
                    + " is outside 0.." + 255 * hashLen + " (RFC 5869 §2.3)");
        }
        byte[] out = new byte[length];
        byte[] t = new byte[hashLen];
        hmac.init(prk);
        for (int i = 1, done = 0; done < length; i++) {
            if (i > 1) {
                hmac.update(t);
            }
            hmac.update(info);
            hmac.update((byte) i);
            hmac.doFinal(t, 0);
            int n = Math.min(hashLen, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }

    /**
     * {@code HKDF-Expand-Label(Secret, Label, Context, Length)} (RFC 8446 §7.1): HKDF-Expand
     * with info = {@code HkdfLabel { uint16 length; opaque label<7..255> = "tls13 " + Label;
     * opaque context<0..255>; }}.
     *
     * @param label the label without the {@code "tls13 "} prefix, ASCII
     * @throws IllegalArgumentException if a length does not fit HkdfLabel
     */
    public byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        return expand(secret, hkdfLabel(label.getBytes(StandardCharsets.US_ASCII), context, length), length);
    }

    /**
     * {@code Derive-Secret(Secret, Label, Messages)} (RFC 8446 §7.1), given
     * {@code Transcript-Hash(Messages)} rather than the messages.
     */
    public byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(secret, label, transcriptHash, hmac.length());
    }

    /** {@code Hash("")}, the transcript hash of no messages (a fresh copy). */
    public byte[] emptyHash() {
        return EMPTY_HASHES[hash().ordinal()].clone();
    }

    /**
     * {@code HMAC(finished_key, transcriptHash)} with {@code finished_key =
     * HKDF-Expand-Label(baseKey, "finished", "", HashLen)}: Finished.verify_data (RFC 8446
     * §4.4.4) and the PSK binder (§4.2.11.2).
     */
    byte[] finishedMac(byte[] baseKey, byte[] transcriptHash) {
        byte[] finishedKey = expandLabel(baseKey, "finished", new byte[0], hmac.length());
        try {
            return hmac.compute(finishedKey, transcriptHash);
        } finally {
            Arrays.fill(finishedKey, (byte) 0);
        }
    }

    /** Drops the key state behind this HKDF until its next use (see {@link Hmac#release()}). */
    void release() {
        hmac.release();
    }

    /** The HMAC this HKDF uses (same instance, same thread rules). */
    Hmac hmac() {
        return hmac;
    }

    static byte[] hkdfLabel(byte[] label, byte[] context, int length) {
        int labelLength = LABEL_PREFIX.length + label.length;
        if (length > 0xFFFF || labelLength > 255 || context.length > 255) {
            throw new IllegalArgumentException("HkdfLabel does not fit: length " + length + ", label "
                    + labelLength + " bytes, context " + context.length + " bytes (RFC 8446 §7.1)");
        }
        byte[] info = new byte[2 + 1 + labelLength + 1 + context.length];
        info[0] = (byte) (length >>> 8);
        info[1] = (byte) length;
        info[2] = (byte) labelLength;
        System.arraycopy(LABEL_PREFIX, 0, info, 3, LABEL_PREFIX.length);
        System.arraycopy(label, 0, info, 3 + LABEL_PREFIX.length, label.length);
        info[3 + labelLength] = (byte) context.length;
        System.arraycopy(context, 0, info, 4 + labelLength, context.length);
        return info;
    }

    private static byte[][] emptyHashes() {
        HashAlgorithm[] all = HashAlgorithm.values();
        byte[][] out = new byte[all.length][];
        for (HashAlgorithm h : all) {
            try {
                out[h.ordinal()] = MessageDigest.getInstance(h.jcaName()).digest();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("this JVM has no " + h.jcaName(), e);
            }
        }
        return out;
    }
}
