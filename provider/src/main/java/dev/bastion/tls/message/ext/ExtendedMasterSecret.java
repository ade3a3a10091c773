package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Writer;

/** extended_master_secret (RFC 7627 §5.1). Its extension_data is empty; anything in it is decode_error. */
public record ExtendedMasterSecret() implements Extension {
    @Override
    public int code() {
        return ExtensionType.EXTENDED_MASTER_SECRET.code();
    }

    @Override
    public void encodeData(Writer out) {
        // empty
    }

    @Override
    public String toString() {
        return "extended_master_secret";
    }
}
