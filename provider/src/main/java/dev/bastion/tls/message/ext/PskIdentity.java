package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.Objects;

/** {@code PskIdentity} (RFC 8446 §4.2.11): {@code opaque identity<1..2^16-1>; uint32 obfuscated_ticket_age}. */
public record PskIdentity(Opaque identity, long obfuscatedTicketAge) {
    public PskIdentity {
        Objects.requireNonNull(identity, "identity");
        if (identity.isEmpty() || identity.length() > 0xFFFF) {
            throw new IllegalArgumentException("identity length must be 1..65535: " + identity.length());
        }
        if (obfuscatedTicketAge < 0 || obfuscatedTicketAge > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("obfuscated_ticket_age must be a u32: " + obfuscatedTicketAge);
        }
    }

    public static PskIdentity decode(Reader r) {
        Opaque id = Opaque.read16(r, 1, 0xFFFF, "identity");
        return new PskIdentity(id, r.u32("obfuscated_ticket_age"));
    }

    public void encode(Writer out) {
        identity.write16(out);
        out.u32(obfuscatedTicketAge);
    }

    @Override
    public String toString() {
        return "{identity=" + identity + ", obfuscated_ticket_age=" + obfuscatedTicketAge + "}";
    }
}
