package dev.bastion.tls.message;

import dev.bastion.tls.codec.Writer;

/**
 * A handshake message (RFC 8446 §4, RFC 5246 §7.4): an immutable record that writes its body
 * with {@link #encode} and has a static {@code decode(Reader body[, context])}.
 *
 * <p>{@link #encoding()} is the whole message, 4-byte header included, as it goes into the
 * transcript hash: for a decoded message the exact bytes received, for one built locally its
 * encoding. Records compare by structure, never by that encoding.
 */
public sealed interface HandshakeMessage permits ClientHello, ServerHello, EncryptedExtensions, Certificate,
        Certificate12, CertificateRequest, CertificateRequest12, CertificateVerify, Finished, NewSessionTicket,
        NewSessionTicket12, KeyUpdate, EndOfEarlyData, ServerHelloDone, HelloRequest, ServerKeyExchange,
        ClientKeyExchange, CertificateStatus, MessageHash {

    HandshakeType type();

    /** Writes the body (without the 4-byte header). */
    void encode(Writer body);

    /** The whole message with its header (a fresh copy). */
    default byte[] encoding() {
        return frame(this);
    }

    /** {@code msg_type || uint24 length || body} for {@code m}. */
    static byte[] frame(HandshakeMessage m) {
        Writer w = new Writer();
        frame(m, w);
        return w.toByteArray();
    }

    /** Appends {@code msg_type || uint24 length || body} for {@code m} to {@code out}. */
    static void frame(HandshakeMessage m, Writer out) {
        out.u8(m.type().code());
        out.vec24(m::encode);
    }
}
