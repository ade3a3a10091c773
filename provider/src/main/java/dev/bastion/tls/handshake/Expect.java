package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.message.HandshakeMessage;

/** The one way a state says "not this message": {@code unexpected_message}, by construction. */
public final class Expect {
    private Expect() {
    }

    /** {@code message} as a {@code type}, or {@code unexpected_message} naming both. */
    public static <T extends HandshakeMessage> T one(HandshakeMessage message, Class<T> type, String state) {
        if (type.isInstance(message)) {
            return type.cast(message);
        }
        throw unexpected(message, state, type.getSimpleName());
    }

    /** {@code unexpected_message}: "{state} expected {expected}, got {message type}". */
    public static TlsAlert unexpected(HandshakeMessage message, String state, String expected) {
        return TlsAlert.unexpectedMessage(state + " expected " + expected + ", got "
                + message.getClass().getSimpleName());
    }
}
