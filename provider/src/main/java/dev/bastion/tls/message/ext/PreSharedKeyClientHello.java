package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * pre_shared_key in a ClientHello: {@code OfferedPsks} (RFC 8446 §4.2.11):
 * {@code PskIdentity identities<7..2^16-1>; PskBinderEntry binders<33..2^16-1>},
 * {@code opaque PskBinderEntry<32..255>}.
 *
 * <p>There must be one binder per identity, "in the same order"; a count mismatch is
 * illegal_parameter (as Go does). The binders are the last bytes of the ClientHello
 * (pre_shared_key must be its last extension), so the truncated ClientHello that binders
 * sign (RFC 8446 §4.2.11.2) is the ClientHello minus {@link #bindersEncodedLength()} bytes.
 */
public record PreSharedKeyClientHello(List<PskIdentity> identities, List<Opaque> binders) implements Extension {
    public PreSharedKeyClientHello {
        identities = List.copyOf(identities);
        binders = List.copyOf(binders);
        if (identities.isEmpty() || identities.size() != binders.size()) {
            throw new IllegalArgumentException("need one binder per identity, and at least one: "
                    + identities.size() + " identities, " + binders.size() + " binders");
        }
        for (Opaque b : binders) {
            checkBinder(b);
        }
    }

    public static PreSharedKeyClientHello decode(Reader data) {
        Reader ids = data.vec16(7, 0xFFFF, "identities");
        List<PskIdentity> identities = new ArrayList<>();
        while (ids.hasRemaining()) {
            identities.add(PskIdentity.decode(ids));
        }
        Reader bs = data.vec16(33, 0xFFFF, "binders");
        List<Opaque> binders = new ArrayList<>();
        while (bs.hasRemaining()) {
            binders.add(Opaque.read8(bs, 32, 255, "PskBinderEntry"));
        }
        if (identities.size() != binders.size()) {
            throw TlsAlert.illegalParameter("pre_shared_key: " + identities.size() + " identities but "
                    + binders.size() + " binders, need one binder per identity (RFC 8446 §4.2.11)");
        }
        return new PreSharedKeyClientHello(identities, binders);
    }

    /** The same identities with other binders (of any valid length), e.g. computed ones replacing placeholders. */
    public PreSharedKeyClientHello withBinders(List<Opaque> newBinders) {
        return new PreSharedKeyClientHello(identities, newBinders);
    }

    /** Bytes taken by the binders field, its 2-byte length included. */
    public int bindersEncodedLength() {
        int n = 2;
        for (Opaque b : binders) {
            n += 1 + b.length();
        }
        return n;
    }

    @Override
    public int code() {
        return ExtensionType.PRE_SHARED_KEY.code();
    }

    @Override
    public void encodeData(Writer out) {
        out.vec16(w -> identities.forEach(i -> i.encode(w)));
        out.vec16(w -> binders.forEach(b -> b.write8(w)));
    }

    @Override
    public String toString() {
        return "pre_shared_key{identities=" + identities + ", binders=" + binders + "}";
    }

    private static void checkBinder(Opaque b) {
        if (b.length() < 32 || b.length() > 255) {
            throw new IllegalArgumentException("PskBinderEntry length must be 32..255: " + b.length());
        }
    }
}
