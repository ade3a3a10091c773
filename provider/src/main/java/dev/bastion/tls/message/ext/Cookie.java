package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.Objects;

/** cookie (RFC 8446 §4.2.2): {@code opaque cookie<1..2^16-1>}. */
public record Cookie(Opaque cookie) implements Extension {
    public Cookie {
        Objects.requireNonNull(cookie, "cookie");
        if (cookie.isEmpty() || cookie.length() > 0xFFFF) {
            throw new IllegalArgumentException("cookie length must be 1..65535: " + cookie.length());
        }
    }

    public static Cookie decode(Reader data) {
        return new Cookie(Opaque.read16(data, 1, 0xFFFF, "cookie"));
    }

    @Override
    public int code() {
        return ExtensionType.COOKIE.code();
    }

    @Override
    public void encodeData(Writer out) {
        cookie.write16(out);
    }

    @Override
    public String toString() {
        return "cookie{" + cookie + "}";
    }
}
