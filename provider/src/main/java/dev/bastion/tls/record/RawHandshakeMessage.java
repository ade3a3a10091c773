package dev.bastion.tls.record;

import dev.bastion.tls.codec.Reader;
import java.util.Arrays;

/**
 * One complete handshake message as received: {@code msg_type}, and its exact encoding
 * including the 4-byte header (type, uint24 length), which the transcript hash needs
 * (RFC 8446 §4.4.1). The array is owned by this object; callers must not change it.
 */
public record RawHandshakeMessage(int type, byte[] encoding) {

    /** The 4-byte {@code msg_type || uint24 length} header (RFC 8446 §4). */
    public static final int HEADER_LENGTH = 4;

    public RawHandshakeMessage {
        if (encoding.length < HEADER_LENGTH || (encoding[0] & 0xFF) != type) {
            throw new IllegalArgumentException("encoding must start with the 4-byte header of type " + type);
        }
    }

    /** Bytes after the header. */
    public int bodyLength() {
        return encoding.length - HEADER_LENGTH;
    }

    /** A reader over the body (no copy). */
    public Reader body() {
        return Reader.of(encoding, HEADER_LENGTH, bodyLength());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawHandshakeMessage m && m.type == type && Arrays.equals(m.encoding, encoding);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(encoding);
    }

    @Override
    public String toString() {
        return "RawHandshakeMessage(type " + type + ", " + bodyLength() + " body bytes)";
    }
}
