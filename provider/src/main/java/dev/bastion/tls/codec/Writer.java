package dev.bastion.tls.codec;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Appends TLS wire structures to a growable buffer. Length-prefixed vectors are written
 * from a lambda and their length is filled in afterwards, so nesting reads like the RFC's
 * structure definitions.
 *
 * <p>For handshake messages, not the record hot path. Writing a value that does not fit
 * its field ({@code u8(300)}, a vector longer than its prefix allows) is a programming
 * error and throws {@link IllegalArgumentException}.
 */
public final class Writer {
    private byte[] buf;
    private int len;

    public Writer() {
        this(256);
    }

    public Writer(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int length() {
        return len;
    }

    public Writer u8(int v) {
        check(v, 0xFF, "u8");
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    public Writer u16(int v) {
        check(v, 0xFFFF, "u16");
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public Writer u24(int v) {
        check(v, 0xFFFFFF, "u24");
        ensure(3);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public Writer u32(long v) {
        if (v < 0 || v > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("u32 out of range: " + v);
        }
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[len++] = (byte) (v >>> shift);
        }
        return this;
    }

    public Writer u64(long v) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[len++] = (byte) (v >>> shift);
        }
        return this;
    }

    public Writer bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    public Writer bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Writes {@code body} with a 1-byte length prefix. */
    public Writer vec8(Consumer<Writer> body) {
        return vector(1, 0xFF, body);
    }

    /** Writes {@code body} with a 2-byte length prefix. */
    public Writer vec16(Consumer<Writer> body) {
        return vector(2, 0xFFFF, body);
    }

    /** Writes {@code body} with a 3-byte length prefix. */
    public Writer vec24(Consumer<Writer> body) {
        return vector(3, 0xFFFFFF, body);
    }

    public Writer opaque8(byte[] b) {
        return u8(checkLength(b.length, 0xFF)).bytes(b);
    }

    public Writer opaque16(byte[] b) {
        return u16(checkLength(b.length, 0xFFFF)).bytes(b);
    }

    public Writer opaque24(byte[] b) {
        return u24(checkLength(b.length, 0xFFFFFF)).bytes(b);
    }

    /** A copy of what has been written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }

    /** Copies what has been written into {@code dst} at its position, advancing it. */
    public void writeTo(ByteBuffer dst) {
        dst.put(buf, 0, len);
    }

    /** Forgets everything written; the storage is kept for reuse. */
    public void reset() {
        len = 0;
    }

    private Writer vector(int prefix, int max, Consumer<Writer> body) {
        ensure(prefix);
        int at = len;
        len += prefix;
        body.accept(this);
        int n = len - at - prefix;
        if (n > max) {
            throw new IllegalArgumentException("vector of " + n + " bytes exceeds its " + prefix + "-byte length prefix");
        }
        for (int i = prefix - 1; i >= 0; i--) {
            buf[at + i] = (byte) n;
            n >>>= 8;
        }
        return this;
    }

    private static int checkLength(int n, int max) {
        if (n > max) {
            throw new IllegalArgumentException("opaque of " + n + " bytes exceeds maximum " + max);
        }
        return n;
    }

    private static void check(int v, int max, String what) {
        if (v < 0 || v > max) {
            throw new IllegalArgumentException(what + " out of range: " + v);
        }
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
