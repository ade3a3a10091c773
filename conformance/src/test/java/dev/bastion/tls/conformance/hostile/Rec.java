package dev.bastion.tls.conformance.hostile;

import java.util.ArrayList;
import java.util.List;

/**
 * One record as it travels (RFC 8446 §5.1): {@code type}, {@code legacy_record_version} and
 * the fragment, built and parsed by hand.
 */
record Rec(int type, int version, byte[] fragment) {

    /** The record on the wire with its true length. */
    byte[] encode() {
        return encodeWithLength(fragment.length);
    }

    /** The record on the wire whose length field says {@code length}, whatever the fragment holds. */
    byte[] encodeWithLength(int length) {
        return new Bytes().u8(type).u16(version).u16(length).raw(fragment).toArray();
    }

    static byte[] plain(int type, byte[] fragment) {
        return new Rec(type, Tls.TLS12, fragment).encode();
    }

    /** {@code payload} cut into records of at most {@code size} bytes each. */
    static byte[] split(int type, int version, byte[] payload, int size) {
        Bytes out = new Bytes();
        for (int at = 0; at < payload.length; at += size) {
            int n = Math.min(size, payload.length - at);
            byte[] part = new byte[n];
            System.arraycopy(payload, at, part, 0, n);
            out.raw(new Rec(type, version, part).encode());
        }
        return out.toArray();
    }

    /** Every whole record in {@code wire}; a trailing partial record is a script error. */
    static List<Rec> parseAll(byte[] wire) {
        List<Rec> out = new ArrayList<>();
        In in = new In(wire);
        while (in.more()) {
            int type = in.u8();
            int version = in.u16();
            out.add(new Rec(type, version, in.vec16().rest()));
        }
        return out;
    }

    @Override
    public String toString() {
        return "Rec(type " + type + ", version 0x" + Integer.toHexString(version) + ", " + fragment.length + " bytes)";
    }
}
