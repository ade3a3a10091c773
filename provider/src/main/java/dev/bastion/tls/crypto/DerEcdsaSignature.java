package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * An ECDSA signature value as TLS carries it: the DER encoding of
 * {@code Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }} (RFC 8422 §5.4, RFC 3279
 * §2.2.3; TLS 1.3 refers to it from RFC 8446 §4.2.3).
 *
 * <p>{@link #parse} is strict DER (X.690 §10): definite minimal lengths, minimal two's
 * complement integers, no trailing bytes, and {@code 0 < r, s < n}. Anything else fails with
 * {@code decrypt_error}, the alert RFC 8446 §4.4.3 names for a CertificateVerify that does not
 * verify. We deliberately do not use {@code decode_error} here: the TLS structure around the
 * signature (the {@code opaque signature<0..2^16-1>} vector) is the handshake layer's to
 * check; what is inside it is just a signature that fails to verify.
 *
 * @param r the first integer, in {@code [1, n-1]}
 * @param s the second integer, in {@code [1, n-1]}
 */
record DerEcdsaSignature(BigInteger r, BigInteger s) {
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;

    /** The span of one TLV's contents: {@code der[start, end)}. */
    private record Tlv(int start, int end) {
    }

    /**
     * Parses a DER signature.
     *
     * @param order the group order n, or null when the key does not reveal it (then only
     *              {@code r, s > 0} is checked here and the range check is the verifier's)
     */
    static DerEcdsaSignature parse(byte[] der, BigInteger order) {
        Tlv seq = tlv(der, 0, SEQUENCE, "SEQUENCE");
        if (seq.end != der.length) {
            throw bad(der, (der.length - seq.end) + " byte(s) after the SEQUENCE");
        }
        Tlv r = tlv(der, seq.start, INTEGER, "INTEGER r");
        Tlv s = tlv(der, r.end, INTEGER, "INTEGER s");
        if (s.end != seq.end) {
            throw bad(der, (seq.end - s.end) + " byte(s) after INTEGER s inside the SEQUENCE");
        }
        return new DerEcdsaSignature(integer(der, r, order, "r"), integer(der, s, order, "s"));
    }

    /** The DER encoding of {@code (r, s)}. */
    byte[] encode() {
        byte[] rb = r.toByteArray(); // minimal two's complement, as DER wants
        byte[] sb = s.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(rb.length + sb.length + 9);
        out.write(SEQUENCE);
        writeLength(out, 1 + lengthOctets(rb.length) + rb.length + 1 + lengthOctets(sb.length) + sb.length);
        out.write(INTEGER);
        writeLength(out, rb.length);
        out.writeBytes(rb);
        out.write(INTEGER);
        writeLength(out, sb.length);
        out.writeBytes(sb);
        return out.toByteArray();
    }

    private static Tlv tlv(byte[] der, int at, int tag, String what) {
        if (at + 2 > der.length) {
            throw bad(der, what + " truncated at offset " + at);
        }
        if ((der[at] & 0xFF) != tag) {
            throw bad(der, what + " has tag 0x" + hex(der[at]) + ", expected 0x" + Integer.toHexString(tag));
        }
        int first = der[at + 1] & 0xFF;
        int start = at + 2;
        int length;
        if (first < 0x80) {
            length = first;
        } else if (first == 0x81 && start < der.length && (der[start] & 0xFF) >= 0x80) {
            length = der[start] & 0xFF;
            start += 1;
        } else if (first == 0x82 && start + 1 < der.length && (der[start] & 0xFF) != 0
                && (((der[start] & 0xFF) << 8) | (der[start + 1] & 0xFF)) >= 0x100) {
            length = ((der[start] & 0xFF) << 8) | (der[start + 1] & 0xFF);
            start += 2;
        } else {
            // indefinite (0x80), non-minimal, over-long or truncated length octets
            throw bad(der, what + " has a length encoding that is not minimal DER (0x" + hex(der[at + 1]) + ")");
        }
        if (length > der.length - start) {
            throw bad(der, what + " length " + length + " exceeds the " + (der.length - start) + " byte(s) left");
        }
        return new Tlv(start, start + length);
    }

    private static BigInteger integer(byte[] der, Tlv t, BigInteger order, String name) {
        int len = t.end - t.start;
        if (len == 0) {
            throw bad(der, "INTEGER " + name + " is empty");
        }
        int b0 = der[t.start] & 0xFF;
        if ((b0 & 0x80) != 0) {
            throw bad(der, "INTEGER " + name + " is negative");
        }
        if (len > 1 && b0 == 0 && (der[t.start + 1] & 0x80) == 0) {
            throw bad(der, "INTEGER " + name + " has a superfluous leading zero byte");
        }
        BigInteger v = new BigInteger(1, java.util.Arrays.copyOfRange(der, t.start, t.end));
        if (v.signum() == 0) {
            throw bad(der, name + " is zero");
        }
        if (order != null && v.compareTo(order) >= 0) {
            throw bad(der, name + " is not below the group order");
        }
        return v;
    }

    private static int lengthOctets(int length) {
        return length < 0x80 ? 1 : length < 0x100 ? 2 : 3;
    }

    private static void writeLength(ByteArrayOutputStream out, int length) {
        if (length >= 0x100) {
            out.write(0x82);
            out.write(length >>> 8);
        } else if (length >= 0x80) {
            out.write(0x81);
        }
        out.write(length & 0xFF);
    }

    private static TlsAlert bad(byte[] der, String why) {
        String shown = der.length <= 160 ? HexFormat.of().formatHex(der) : der.length + " bytes";
        return TlsAlert.decryptError("ECDSA signature did not verify: not a strict DER Ecdsa-Sig-Value: "
                + why + " (signature " + shown + ")");
    }

    private static String hex(byte b) {
        return HexFormat.of().toHexDigits(b);
    }
}
