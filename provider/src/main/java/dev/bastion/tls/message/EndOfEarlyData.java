package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;

/**
 * EndOfEarlyData (RFC 8446 §4.5). Its body is empty; any byte in it is decode_error.
 * The encoding is fixed, so it is always exactly what was received.
 */
public record EndOfEarlyData() implements HandshakeMessage {
    /** Decodes a body, which must be empty. */
    public static EndOfEarlyData decode(Reader body) {
        body.named("EndOfEarlyData").end("body");
        return new EndOfEarlyData();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.END_OF_EARLY_DATA;
    }

    @Override
    public void encode(Writer out) {
        // empty body
    }

    @Override
    public String toString() {
        return "EndOfEarlyData";
    }
}
