package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;

/**
 * HelloRequest (RFC 5246 §7.4.1.1), recognized so that TLS 1.2 renegotiation can be refused (no_renegotiation). Its body is empty; any byte in it is decode_error.
 * The encoding is fixed, so it is always exactly what was received.
 */
public record HelloRequest() implements HandshakeMessage {
    /** Decodes a body, which must be empty. */
    public static HelloRequest decode(Reader body) {
        body.named("HelloRequest").end("body");
        return new HelloRequest();
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.HELLO_REQUEST;
    }

    @Override
    public void encode(Writer out) {
        // empty body
    }

    @Override
    public String toString() {
        return "HelloRequest";
    }
}
