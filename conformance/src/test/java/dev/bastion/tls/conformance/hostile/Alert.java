package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.codec.AlertDescription;

/**
 * An alert the victim sent, as decoded by the hostile peer (RFC 8446 §6), and whether it came
 * in a protected record.
 */
record Alert(int level, int code, boolean protectedRecord) {
    static final int WARNING = 1;
    static final int FATAL = 2;

    static byte[] bytes(int level, int code) {
        return new byte[] {(byte) level, (byte) code};
    }

    static byte[] fatal(AlertDescription d) {
        return bytes(FATAL, d.code());
    }

    static byte[] warning(AlertDescription d) {
        return bytes(WARNING, d.code());
    }

    @Override
    public String toString() {
        return (level == FATAL ? "fatal " : level == WARNING ? "warning " : "level(" + level + ") ")
                + AlertDescription.nameOf(code) + (protectedRecord ? "" : " (in the clear)");
    }
}
