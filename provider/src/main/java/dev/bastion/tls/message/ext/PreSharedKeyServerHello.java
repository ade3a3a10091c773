package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;

/**
 * pre_shared_key in a ServerHello (RFC 8446 §4.2.11): {@code uint16 selected_identity}.
 * Whether it is within the client's list (otherwise illegal_parameter) is the handshake's check.
 */
public record PreSharedKeyServerHello(int selectedIdentity) implements Extension {
    public PreSharedKeyServerHello {
        if (selectedIdentity < 0 || selectedIdentity > 0xFFFF) {
            throw new IllegalArgumentException("selected_identity must be a u16: " + selectedIdentity);
        }
    }

    public static PreSharedKeyServerHello decode(Reader data) {
        return new PreSharedKeyServerHello(data.u16("selected_identity"));
    }

    @Override
    public int code() {
        return ExtensionType.PRE_SHARED_KEY.code();
    }

    @Override
    public void encodeData(Writer out) {
        out.u16(selectedIdentity);
    }

    @Override
    public String toString() {
        return "pre_shared_key{selected_identity=" + selectedIdentity + "}";
    }
}
