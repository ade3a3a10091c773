package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string: the value of an {@code opaque} field of a handshake message or
 * extension (RFC 8446 §3.2). Messages hold {@code Opaque} instead of {@code byte[]} so that
 * no caller can change a decoded message, and so that records compare by content.
 *
 * <p>{@link #toByteArray()} returns a fresh copy; {@link #toString()} is hex (long values are
 * abbreviated, {@link #hex()} gives all of it).
 */
public final class Opaque {
    /** The empty byte string. */
    public static final Opaque EMPTY = new Opaque(new byte[0]);

    private static final int SHOWN = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;

    private Opaque(byte[] owned) {
        this.bytes = owned;
    }

    /** A byte string with a copy of {@code bytes}. */
    public static Opaque of(byte[] bytes) {
        return bytes.length == 0 ? EMPTY : new Opaque(Arrays.copyOf(bytes, bytes.length));
    }

    /** A byte string with a copy of {@code bytes[offset, offset + length)}. */
    public static Opaque of(byte[] bytes, int offset, int length) {
        return new Opaque(Arrays.copyOfRange(bytes, offset, Math.addExact(offset, length)));
    }

    /** Parses hex digits (white space ignored); for constants and tests. */
    public static Opaque ofHex(String hex) {
        return new Opaque(HEX.parseHex(hex.replaceAll("\\s+", "")));
    }

    /** Exactly {@code n} bytes. */
    public static Opaque readFixed(Reader r, int n, String field) {
        return new Opaque(r.bytes(n, field));
    }

    /** An {@code opaque field<min..max>} with a 1-byte length prefix. */
    public static Opaque read8(Reader r, int min, int max, String field) {
        return new Opaque(r.opaque8(min, max, field));
    }

    /** An {@code opaque field<min..max>} with a 2-byte length prefix. */
    public static Opaque read16(Reader r, int min, int max, String field) {
        return new Opaque(r.opaque16(min, max, field));
    }

    /** An {@code opaque field<min..max>} with a 3-byte length prefix. */
    public static Opaque read24(Reader r, int min, int max, String field) {
        return new Opaque(r.opaque24(min, max, field));
    }

    /** Everything left in {@code r}. */
    public static Opaque readRest(Reader r) {
        return new Opaque(r.rest());
    }

    public int length() {
        return bytes.length;
    }

    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** The byte at {@code index}, unsigned (0..255). */
    public int get(int index) {
        return bytes[index] & 0xFF;
    }

    /** A fresh copy of the bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    /** A reader over the bytes (which it cannot change), to parse what they hold. */
    public Reader reader() {
        return Reader.of(bytes);
    }

    /** Whether the last {@code suffix.length()} bytes equal {@code suffix}. */
    public boolean endsWith(Opaque suffix) {
        int from = bytes.length - suffix.bytes.length;
        return from >= 0 && Arrays.equals(bytes, from, bytes.length, suffix.bytes, 0, suffix.bytes.length);
    }

    /** Appends the bytes without a length prefix. */
    public void writeTo(Writer w) {
        w.bytes(bytes);
    }

    /** Appends the bytes with a 1-byte length prefix. */
    public void write8(Writer w) {
        w.opaque8(bytes);
    }

    /** Appends the bytes with a 2-byte length prefix. */
    public void write16(Writer w) {
        w.opaque16(bytes);
    }

    /** Appends the bytes with a 3-byte length prefix. */
    public void write24(Writer w) {
        w.opaque24(bytes);
    }

    /** All bytes as lower-case hex. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Opaque other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Hex; {@code (empty)}; values longer than 32 bytes show their first 32 bytes and their length. */
    @Override
    public String toString() {
        if (bytes.length == 0) {
            return "(empty)";
        }
        if (bytes.length <= SHOWN) {
            return hex();
        }
        return HEX.formatHex(bytes, 0, SHOWN) + "...(" + bytes.length + " bytes)";
    }
}
