package dev.bastion.tls.codec;

import java.nio.ByteBuffer;

/**
 * A bounded, forward-only cursor over TLS wire bytes (RFC 8446 §3 presentation language).
 *
 * <p>A reader views a window {@code [position, limit)} of a {@code byte[]} or a
 * {@code ByteBuffer} (heap or direct) without copying it; vector reads return sub-readers
 * over the same storage. Every failure, truncation, a length outside the RFC's
 * {@code <min..max>} bounds, trailing bytes, raises {@link TlsAlert} with
 * {@code decode_error} and a message naming the field, what was expected and what was
 * found. No other exception leaves this class because of the input's content.
 *
 * <p>The underlying storage must not change while a reader is in use. Readers are not
 * thread-safe.
 */
public final class Reader {
    private final ByteBuffer buf; // absolute access only; its own position/limit are never used
    /** The reader this one is a part of, or null; with {@link #name} it names fields in errors. */
    private final Reader outer;
    private final String name;
    private int pos;
    private final int limit;

    /**
     * The error context is kept as a chain of names and joined only when an error is raised
     * ({@link #context()}): parsing a good message builds no strings.
     */
    private Reader(ByteBuffer buf, int pos, int limit, Reader outer, String name) {
        this.buf = buf;
        this.pos = pos;
        this.limit = limit;
        this.outer = outer;
        this.name = name;
    }

    /** A reader over all of {@code bytes}. */
    public static Reader of(byte[] bytes) {
        return of(bytes, 0, bytes.length);
    }

    /** A reader over {@code bytes[offset, offset + length)}. */
    public static Reader of(byte[] bytes, int offset, int length) {
        if (offset < 0 || length < 0 || offset > bytes.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length
                    + " outside array of " + bytes.length);
        }
        return new Reader(ByteBuffer.wrap(bytes), offset, offset + length, null, "");
    }

    /**
     * A reader over the remaining bytes of {@code buffer} (position to limit). The buffer's
     * own position and limit are not changed; see {@link #position()} to advance it.
     */
    public static Reader of(ByteBuffer buffer) {
        return new Reader(buffer, buffer.position(), buffer.limit(), null, "");
    }

    /** The same bytes, with {@code name} prefixed to error messages ({@code "ClientHello"}). */
    public Reader named(String name) {
        return new Reader(buf, pos, limit, null, name);
    }

    /** Absolute index of the next byte in the underlying storage. */
    public int position() {
        return pos;
    }

    public int remaining() {
        return limit - pos;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    public int u8(String field) {
        need(1, field);
        return buf.get(pos++) & 0xFF;
    }

    public int u16(String field) {
        need(2, field);
        int v = ((buf.get(pos) & 0xFF) << 8) | (buf.get(pos + 1) & 0xFF);
        pos += 2;
        return v;
    }

    public int u24(String field) {
        need(3, field);
        int v = ((buf.get(pos) & 0xFF) << 16) | ((buf.get(pos + 1) & 0xFF) << 8) | (buf.get(pos + 2) & 0xFF);
        pos += 3;
        return v;
    }

    /** An unsigned 32-bit value, as a {@code long}. */
    public long u32(String field) {
        need(4, field);
        long v = ((long) (buf.get(pos) & 0xFF) << 24) | ((buf.get(pos + 1) & 0xFF) << 16)
                | ((buf.get(pos + 2) & 0xFF) << 8) | (buf.get(pos + 3) & 0xFF);
        pos += 4;
        return v;
    }

    /** A 64-bit value (sequence numbers). */
    public long u64(String field) {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (buf.get(pos + i) & 0xFF);
        }
        pos += 8;
        return v;
    }

    /** A copy of the next {@code n} bytes. */
    public byte[] bytes(int n, String field) {
        if (n < 0) {
            throw fail(field, "negative length " + n);
        }
        need(n, field);
        byte[] out = new byte[n];
        buf.get(pos, out, 0, n);
        pos += n;
        return out;
    }

    /** The next {@code n} bytes as a sub-reader over the same storage (no copy). */
    public Reader slice(int n, String field) {
        if (n < 0) {
            throw fail(field, "negative length " + n);
        }
        need(n, field);
        Reader r = new Reader(buf, pos, pos + n, this, field);
        pos += n;
        return r;
    }

    /** Skips {@code n} bytes. */
    public void skip(int n, String field) {
        slice(n, field);
    }

    /** A vector with a 1-byte length prefix, {@code <min..max>}, as a sub-reader. */
    public Reader vec8(int min, int max, String field) {
        return vector(length(1, field), min, max, field);
    }

    /** A vector with a 2-byte length prefix, {@code <min..max>}, as a sub-reader. */
    public Reader vec16(int min, int max, String field) {
        return vector(length(2, field), min, max, field);
    }

    /** A vector with a 3-byte length prefix, {@code <min..max>}, as a sub-reader. */
    public Reader vec24(int min, int max, String field) {
        return vector(length(3, field), min, max, field);
    }

    /** An opaque vector with a 1-byte length prefix, copied. */
    public byte[] opaque8(int min, int max, String field) {
        return vec8(min, max, field).rest();
    }

    /** An opaque vector with a 2-byte length prefix, copied. */
    public byte[] opaque16(int min, int max, String field) {
        return vec16(min, max, field).rest();
    }

    /** An opaque vector with a 3-byte length prefix, copied. */
    public byte[] opaque24(int min, int max, String field) {
        return vec24(min, max, field).rest();
    }

    /** A copy of everything left; the reader is then empty. */
    public byte[] rest() {
        byte[] out = new byte[remaining()];
        buf.get(pos, out, 0, out.length);
        pos = limit;
        return out;
    }

    /**
     * Copies the bytes between absolute position {@code from} (an earlier {@link #position()})
     * and the current position: the exact received encoding of what was just parsed.
     */
    public byte[] consumedSince(int from) {
        if (from > pos || from < 0) {
            throw new IllegalArgumentException("position " + from + " is not behind " + pos);
        }
        byte[] out = new byte[pos - from];
        buf.get(from, out, 0, out.length);
        return out;
    }

    /** Fails with {@code decode_error} unless every byte has been read. */
    public void end(String what) {
        if (pos != limit) {
            throw fail(what, (limit - pos) + " unexpected trailing byte(s)");
        }
    }

    /**
     * A {@code decode_error} for a problem the caller found in {@code field} of what this
     * reader parses, named with this reader's context like the reader's own errors
     * ({@code "ClientHello.cipher_suites: length 3 is odd"}).
     */
    public TlsAlert error(String field, String problem) {
        return fail(field, problem);
    }

    private Reader vector(int length, int min, int max, String field) {
        if (length < min || length > max) {
            throw fail(field, "length " + length + " outside " + min + ".." + max);
        }
        if (length > limit - pos) {
            throw fail(field, "length " + length + " but only " + (limit - pos) + " byte(s) remain");
        }
        Reader r = new Reader(buf, pos, pos + length, this, field);
        pos += length;
        return r;
    }

    /** A vector's length prefix of {@code width} bytes; errors name it "{@code field} length". */
    private int length(int width, String field) {
        if (width > limit - pos) {
            throw fail(field + " length", "needs " + width + " byte(s) but only " + (limit - pos) + " remain");
        }
        int v = 0;
        for (int i = 0; i < width; i++) {
            v = (v << 8) | (buf.get(pos + i) & 0xFF);
        }
        pos += width;
        return v;
    }

    private void need(int n, String field) {
        if (n > limit - pos) {
            throw fail(field, "needs " + n + " byte(s) but only " + (limit - pos) + " remain");
        }
    }

    private String qualify(String field) {
        String context = context();
        return context.isEmpty() ? field : context + "." + field;
    }

    private String context() {
        return outer == null ? name : outer.qualify(name);
    }

    private TlsAlert fail(String field, String problem) {
        return TlsAlert.decodeError(qualify(field) + ": " + problem);
    }
}
