package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import java.util.Arrays;

/** Helpers for the received encoding that decoded messages keep. */
final class Received {
    private Received() {
    }

    /** Header plus the body bytes read from {@code body} since absolute position {@code start}. */
    static byte[] encoding(HandshakeType type, Reader body, int start) {
        byte[] b = body.consumedSince(start);
        byte[] out = new byte[4 + b.length];
        out[0] = (byte) type.code();
        out[1] = (byte) (b.length >>> 16);
        out[2] = (byte) (b.length >>> 8);
        out[3] = (byte) b.length;
        System.arraycopy(b, 0, out, 4, b.length);
        return out;
    }

    /** {@code kept} (copied) if this message was received, else its fresh encoding. */
    static byte[] or(byte[] kept, HandshakeMessage m) {
        return kept != null ? Arrays.copyOf(kept, kept.length) : HandshakeMessage.frame(m);
    }

    /** A defensive copy of a nullable array. */
    static byte[] copy(byte[] b) {
        return b == null ? null : Arrays.copyOf(b, b.length);
    }
}
