package dev.bastion.tls.message;

import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Opaque;

/**
 * The synthetic message_hash message that replaces ClientHello1 in the transcript after a
 * HelloRetryRequest (RFC 8446 §4.4.1): {@code message_hash(254) || 00 00 Hash.length ||
 * Hash(ClientHello1)}. It is never sent or received; the caller supplies the hash.
 */
public record MessageHash(Opaque hash) implements HandshakeMessage {
    public MessageHash {
        Checks.length(hash, 1, 0xFF, "hash");
    }

    /** The message for {@code clientHello1Hash} = Hash(ClientHello1). */
    public static MessageHash of(byte[] clientHello1Hash) {
        return new MessageHash(Opaque.of(clientHello1Hash));
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.MESSAGE_HASH;
    }

    @Override
    public void encode(Writer out) {
        hash.writeTo(out);
    }

    @Override
    public String toString() {
        return "message_hash{" + hash + "}";
    }
}
