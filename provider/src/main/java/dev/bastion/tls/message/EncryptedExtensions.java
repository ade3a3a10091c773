package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MessageKind;
import java.util.Objects;

/**
 * EncryptedExtensions (RFC 8446 §4.3.1): {@code Extension extensions<0..2^16-1>}.
 *
 * @param encoding the exact bytes received, header included; {@code null} for one built locally
 */
public record EncryptedExtensions(Extensions extensions, byte[] encoding) implements HandshakeMessage {
    public EncryptedExtensions {
        Objects.requireNonNull(extensions, "extensions");
        if (!extensions.isPresent()) {
            throw new IllegalArgumentException("EncryptedExtensions always has an extensions block");
        }
        encoding = Received.copy(encoding);
    }

    public EncryptedExtensions(Extensions extensions) {
        this(extensions, null);
    }

    /** Decodes a body; all of {@code body} must be the message. */
    public static EncryptedExtensions decode(Reader body) {
        Reader r = body.named("EncryptedExtensions");
        int start = r.position();
        Extensions extensions = Extensions.decode(r, MessageKind.ENCRYPTED_EXTENSIONS);
        r.end("body");
        return new EncryptedExtensions(extensions, Received.encoding(HandshakeType.ENCRYPTED_EXTENSIONS, r, start));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }

    @Override
    public void encode(Writer out) {
        extensions.encode(out);
    }

    @Override
    public byte[] encoding() {
        return Received.or(encoding, this);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptedExtensions e && extensions.equals(e.extensions);
    }

    @Override
    public int hashCode() {
        return extensions.hashCode();
    }

    @Override
    public String toString() {
        return "EncryptedExtensions{" + extensions + "}";
    }
}
