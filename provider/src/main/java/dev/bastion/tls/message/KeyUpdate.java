package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;

/**
 * KeyUpdate (RFC 8446 §4.6.3): {@code KeyUpdateRequest request_update}, update_not_requested(0)
 * or update_requested(1). RFC 8446 §4.6.3: "If an implementation receives any other value, it
 * MUST terminate the connection with an illegal_parameter alert." A body that is not exactly
 * one byte is decode_error.
 */
public record KeyUpdate(boolean updateRequested) implements HandshakeMessage {
    public static final int UPDATE_NOT_REQUESTED = 0;
    public static final int UPDATE_REQUESTED = 1;

    /** Decodes a body; all of {@code body} must be the message. */
    public static KeyUpdate decode(Reader body) {
        Reader r = body.named("KeyUpdate");
        int v = r.u8("request_update");
        r.end("body");
        if (v != UPDATE_NOT_REQUESTED && v != UPDATE_REQUESTED) {
            throw TlsAlert.illegalParameter("KeyUpdate.request_update: value " + v
                    + ", expected 0 or 1 (RFC 8446 §4.6.3)");
        }
        return new KeyUpdate(v == UPDATE_REQUESTED);
    }

    @Override
    public HandshakeType type() {
        return HandshakeType.KEY_UPDATE;
    }

    @Override
    public void encode(Writer out) {
        out.u8(updateRequested ? UPDATE_REQUESTED : UPDATE_NOT_REQUESTED);
    }

    @Override
    public String toString() {
        return "KeyUpdate{" + (updateRequested ? "update_requested" : "update_not_requested") + "}";
    }
}
