package dev.bastion.tls.message;

import dev.bastion.tls.message.ext.Opaque;
import java.util.Objects;

/** Argument checks for messages built locally: a violation is a programming error. */
final class Checks {
    private Checks() {
    }

    static void u8(int v, String field) {
        range(v, 0, 0xFF, field);
    }

    static void u16(int v, String field) {
        range(v, 0, 0xFFFF, field);
    }

    static void u32(long v, String field) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException(field + " must be a u32: " + v);
        }
    }

    static void range(int v, int min, int max, String field) {
        if (v < min || v > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + ": " + v);
        }
    }

    /** Non-null, with a length within {@code min..max}. */
    static void length(Opaque o, int min, int max, String field) {
        Objects.requireNonNull(o, field);
        if (o.length() < min || o.length() > max) {
            throw new IllegalArgumentException(field + " length must be " + min + ".." + max + ": " + o.length());
        }
    }
}
