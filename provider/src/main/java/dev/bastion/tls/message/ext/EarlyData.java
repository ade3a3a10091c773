package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Writer;

/** early_data in a ClientHello or EncryptedExtensions (RFC 8446 §4.2.10): an empty {@code EarlyDataIndication}. Its extension_data is empty; anything in it is decode_error. */
public record EarlyData() implements Extension {
    @Override
    public int code() {
        return ExtensionType.EARLY_DATA.code();
    }

    @Override
    public void encodeData(Writer out) {
        // empty
    }

    @Override
    public String toString() {
        return "early_data";
    }
}
