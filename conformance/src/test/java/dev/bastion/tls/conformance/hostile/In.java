package dev.bastion.tls.conformance.hostile;

import java.util.Arrays;

/**
 * The hostile peer's own cursor for reading what the engine under test sent. What the victim
 * sends is expected to be well formed; a short read is a failure of the scenario script
 * ({@link IllegalStateException}), reported as such, not as a finding about the victim.
 */
final class In {
    private final byte[] b;
    private int p;
    private final int end;

    In(byte[] b) {
        this(b, 0, b.length);
    }

    private In(byte[] b, int from, int to) {
        this.b = b;
        this.p = from;
        this.end = to;
    }

    int u8() {
        need(1);
        return b[p++] & 0xFF;
    }

    int u16() {
        return (u8() << 8) | u8();
    }

    int u24() {
        return (u8() << 16) | u16();
    }

    byte[] bytes(int n) {
        need(n);
        byte[] out = Arrays.copyOfRange(b, p, p + n);
        p += n;
        return out;
    }

    In vec8() {
        return sub(u8());
    }

    In vec16() {
        return sub(u16());
    }

    In vec24() {
        return sub(u24());
    }

    byte[] rest() {
        return bytes(end - p);
    }

    boolean more() {
        return p < end;
    }

    int remaining() {
        return end - p;
    }

    private In sub(int n) {
        need(n);
        In s = new In(b, p, p + n);
        p += n;
        return s;
    }

    private void need(int n) {
        if (end - p < n) {
            throw new IllegalStateException("hostile peer script: the victim's message is shorter than expected ("
                    + n + " byte(s) wanted, " + (end - p) + " left)");
        }
    }
}
