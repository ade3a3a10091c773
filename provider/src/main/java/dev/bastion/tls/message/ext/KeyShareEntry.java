package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.Objects;

/** {@code KeyShareEntry} (RFC 8446 §4.2.8): {@code NamedGroup group; opaque key_exchange<1..2^16-1>}. */
public record KeyShareEntry(int group, Opaque keyExchange) {
    public KeyShareEntry {
        Objects.requireNonNull(keyExchange, "keyExchange");
        if (group < 0 || group > 0xFFFF) {
            throw new IllegalArgumentException("group must be a u16: " + group);
        }
        if (keyExchange.isEmpty() || keyExchange.length() > 0xFFFF) {
            throw new IllegalArgumentException("key_exchange length must be 1..65535: " + keyExchange.length());
        }
    }

    public static KeyShareEntry decode(Reader r) {
        int group = r.u16("group");
        return new KeyShareEntry(group, Opaque.read16(r, 1, 0xFFFF, "key_exchange"));
    }

    public void encode(Writer out) {
        out.u16(group);
        keyExchange.write16(out);
    }

    @Override
    public String toString() {
        return Codes.group(group) + ":" + keyExchange;
    }
}
