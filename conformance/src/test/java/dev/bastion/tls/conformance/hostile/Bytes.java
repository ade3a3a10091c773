package dev.bastion.tls.conformance.hostile;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The hostile peer's own byte builder: big-endian integers and length-prefixed vectors whose
 * length is filled in after the body is written. Every vector has a name; {@link #lie} makes the
 * written length of the named vector differ from the truth by a delta, which is how scenarios
 * produce wrong lengths at any nesting level (record, handshake header, a vector inside an
 * extension) without hand-counting offsets. Children share the parent's lies.
 */
final class Bytes {
    private final Map<String, Integer> lies;
    private byte[] buf = new byte[256];
    private int len;

    Bytes() {
        this(new HashMap<>());
    }

    private Bytes(Map<String, Integer> lies) {
        this.lies = lies;
    }

    /** Writes the length of every vector called {@code name} as its true length plus {@code delta}. */
    Bytes lie(String name, int delta) {
        lies.merge(name, delta, Integer::sum);
        return this;
    }

    /** Copies the lies of {@code other} (used to pass scenario lies into a message builder). */
    Bytes lies(Map<String, Integer> other) {
        other.forEach(this::lie);
        return this;
    }

    Bytes u8(int v) {
        room(1);
        buf[len++] = (byte) v;
        return this;
    }

    Bytes u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Bytes u24(int v) {
        return u8(v >>> 16).u8(v >>> 8).u8(v);
    }

    Bytes raw(byte[] b) {
        room(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    /** Several u8 values. */
    Bytes bytes(int... values) {
        for (int v : values) {
            u8(v);
        }
        return this;
    }

    Bytes vec8(String name, Consumer<Bytes> body) {
        return vec(name, 1, body);
    }

    Bytes vec16(String name, Consumer<Bytes> body) {
        return vec(name, 2, body);
    }

    Bytes vec24(String name, Consumer<Bytes> body) {
        return vec(name, 3, body);
    }

    Bytes vec8(String name, byte[] body) {
        return vec8(name, b -> b.raw(body));
    }

    Bytes vec16(String name, byte[] body) {
        return vec16(name, b -> b.raw(body));
    }

    Bytes vec24(String name, byte[] body) {
        return vec24(name, b -> b.raw(body));
    }

    int length() {
        return len;
    }

    byte[] toArray() {
        return Arrays.copyOf(buf, len);
    }

    /** A fresh builder with the same lies, for a nested structure built separately. */
    Bytes child() {
        return new Bytes(lies);
    }

    static byte[] concat(byte[]... parts) {
        Bytes b = new Bytes();
        for (byte[] p : parts) {
            b.raw(p);
        }
        return b.toArray();
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private Bytes vec(String name, int width, Consumer<Bytes> body) {
        int at = len;
        for (int i = 0; i < width; i++) {
            u8(0);
        }
        body.accept(this);
        int n = len - at - width + lies.getOrDefault(name, 0);
        for (int i = 0; i < width; i++) {
            buf[at + i] = (byte) (n >>> (8 * (width - 1 - i)));
        }
        return this;
    }

    private void room(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }
}
