package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;

/** key_share in a HelloRetryRequest (RFC 8446 §4.2.8): {@code NamedGroup selected_group}. */
public record KeyShareHelloRetryRequest(int selectedGroup) implements Extension {
    public KeyShareHelloRetryRequest {
        if (selectedGroup < 0 || selectedGroup > 0xFFFF) {
            throw new IllegalArgumentException("selected_group must be a u16: " + selectedGroup);
        }
    }

    public static KeyShareHelloRetryRequest decode(Reader data) {
        return new KeyShareHelloRetryRequest(data.u16("selected_group"));
    }

    @Override
    public int code() {
        return ExtensionType.KEY_SHARE.code();
    }

    @Override
    public void encodeData(Writer out) {
        out.u16(selectedGroup);
    }

    @Override
    public String toString() {
        return "key_share{selected_group=" + Codes.group(selectedGroup) + "}";
    }
}
