package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.Objects;

/** key_share in a ServerHello (RFC 8446 §4.2.8): {@code KeyShareEntry server_share}. */
public record KeyShareServerHello(KeyShareEntry share) implements Extension {
    public KeyShareServerHello {
        Objects.requireNonNull(share, "share");
    }

    public static KeyShareServerHello decode(Reader data) {
        return new KeyShareServerHello(KeyShareEntry.decode(data));
    }

    @Override
    public int code() {
        return ExtensionType.KEY_SHARE.code();
    }

    @Override
    public void encodeData(Writer out) {
        share.encode(out);
    }

    @Override
    public String toString() {
        return "key_share{" + share + "}";
    }
}
