package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;

/**
 * ServerHelloDone (RFC 5246 §7.4.5). Its body is empty; any byte in it is decode_error.
 * The encoding is fixed, so it is always exactly what was received.
 */
public record ServerHelloDone() implements HandshakeMessage {
    /** Decodes a body, which must be empty. */
    public static ServerHelloDone decode(Reader body) {
        body.named("ServerHelloDone").end("body");
        return new ServerHelloDone();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    @Override
    public void encode(Writer out) {
        // empty body
    }

    @Override
    public String toString() {
        return "ServerHelloDone";
    }
}
