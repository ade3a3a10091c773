package dev.bastion.tls.message;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import dev.bastion.tls.message.ext.Opaque;

/**
 * {@code ServerDHParams} (RFC 5246 §7.4.3): {@code opaque dh_p<1..2^16-1>; opaque dh_g<1..2^16-1>;
 * opaque dh_Ys<1..2^16-1>}, big-endian unsigned integers. Checking the group's size and the
 * public value's range is the key exchange's job.
 */
public record DheParams(Opaque p, Opaque g, Opaque ys) implements ServerKeyExchangeParams {
    public DheParams {
        Checks.length(p, 1, 0xFFFF, "dh_p");
        Checks.length(g, 1, 0xFFFF, "dh_g");
        Checks.length(ys, 1, 0xFFFF, "dh_Ys");
    }

    public static DheParams decode(Reader r) {
        Opaque p = Opaque.read16(r, 1, 0xFFFF, "dh_p");
        Opaque g = Opaque.read16(r, 1, 0xFFFF, "dh_g");
        return new DheParams(p, g, Opaque.read16(r, 1, 0xFFFF, "dh_Ys"));
    }

    @Override
    public KeyExchangeKind kind() {
        return KeyExchangeKind.DHE;
    }

    @Override
    public void encode(Writer out) {
        p.write16(out);
        g.write16(out);
        ys.write16(out);
    }

    @Override
    public String toString() {
        return "{dh_p=" + p + ", dh_g=" + g + ", dh_Ys=" + ys + "}";
    }
}
