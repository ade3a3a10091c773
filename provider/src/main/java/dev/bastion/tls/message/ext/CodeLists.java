package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import java.util.List;

/**
 * Reads and writes vectors of u8 and u16 code points (cipher suites, groups, signature
 * schemes, versions, point formats...). Every value is kept, known or not: a list full of
 * unknown or GREASE codes is legal (RFC 8446 §4.1.2, RFC 8701).
 */
public final class CodeLists {
    private CodeLists() {
    }

    /** {@code uint16 field<min..max>} with a 2-byte length prefix; an odd byte length is decode_error. */
    public static List<Integer> readU16s16(Reader r, int min, int max, String field) {
        return u16s(r.vec16(min, max, field), field);
    }

    /** {@code uint16 field<min..max>} with a 1-byte length prefix (supported_versions). */
    public static List<Integer> readU16s8(Reader r, int min, int max, String field) {
        return u16s(r.vec8(min, max, field), field);
    }

    /** {@code uint8 field<min..max>} with a 1-byte length prefix. */
    public static List<Integer> readU8s8(Reader r, int min, int max, String field) {
        Reader v = r.vec8(min, max, field);
        Integer[] out = new Integer[v.remaining()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.u8(field);
        }
        return List.of(out);
    }

    public static void writeU16s16(Writer w, List<Integer> codes) {
        w.vec16(v -> codes.forEach(v::u16));
    }

    public static void writeU16s8(Writer w, List<Integer> codes) {
        w.vec8(v -> codes.forEach(v::u16));
    }

    public static void writeU8s8(Writer w, List<Integer> codes) {
        w.vec8(v -> codes.forEach(v::u8));
    }

    /**
     * An immutable copy of {@code codes}, checking (for locally built messages) that each
     * fits in {@code bits} bits and that the count is within {@code min..max}.
     */
    public static List<Integer> check(List<Integer> codes, int bits, int min, int max, String field) {
        List<Integer> copy = List.copyOf(codes);
        if (copy.size() < min || copy.size() > max) {
            throw new IllegalArgumentException(field + ": " + copy.size() + " entries, allowed " + min + ".." + max);
        }
        for (int c : copy) {
            if (c < 0 || c >= (1 << bits)) {
                throw new IllegalArgumentException(field + ": value " + c + " does not fit in " + bits + " bits");
            }
        }
        return copy;
    }

    private static List<Integer> u16s(Reader v, String field) {
        if (v.remaining() % 2 != 0) {
            throw TlsAlert.decodeError(field + ": length " + v.remaining() + " is odd, expected 2-byte entries");
        }
        Integer[] out = new Integer[v.remaining() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.u16(field);
        }
        return List.of(out);
    }
}
