package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Writer;

/** post_handshake_auth (RFC 8446 §4.2.6). Its extension_data is empty; anything in it is decode_error. */
public record PostHandshakeAuth() implements Extension {
    @Override
    public int code() {
        return ExtensionType.POST_HANDSHAKE_AUTH.code();
    }

    @Override
    public void encodeData(Writer out) {
        // empty
    }

    @Override
    public String toString() {
        return "post_handshake_auth";
    }
}
