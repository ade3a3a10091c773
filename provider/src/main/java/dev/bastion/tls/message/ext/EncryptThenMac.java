package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Writer;

/** encrypt_then_mac (RFC 7366 §2). Its extension_data is empty; anything in it is decode_error. */
public record EncryptThenMac() implements Extension {
    @Override
    public int code() {
        return ExtensionType.ENCRYPT_THEN_MAC.code();
    }

    @Override
    public void encodeData(Writer out) {
        // empty
    }

    @Override
    public String toString() {
        return "encrypt_then_mac";
    }
}
