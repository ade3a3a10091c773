package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * key_share in a ClientHello (RFC 8446 §4.2.8): {@code KeyShareEntry client_shares<0..2^16-1>}.
 * Two entries for the same group are illegal_parameter ("Clients MUST NOT offer multiple
 * KeyShareEntry values for the same group ... Servers MAY check for violations of these rules
 * and abort the handshake with an illegal_parameter alert"). Whether each group is also in
 * supported_groups, and in the same order, is the handshake's check.
 */
public record KeyShareClientHello(List<KeyShareEntry> shares) implements Extension {
    public KeyShareClientHello {
        shares = List.copyOf(shares);
        Set<Integer> groups = new HashSet<>();
        for (KeyShareEntry e : shares) {
            if (!groups.add(e.group())) {
                throw new IllegalArgumentException("two key shares for group " + Codes.group(e.group()));
            }
        }
    }

    public static KeyShareClientHello decode(Reader data) {
        Reader list = data.vec16(0, 0xFFFF, "client_shares");
        List<KeyShareEntry> out = new ArrayList<>();
        Set<Integer> groups = new HashSet<>();
        while (list.hasRemaining()) {
            KeyShareEntry e = KeyShareEntry.decode(list);
            if (!groups.add(e.group())) {
                throw TlsAlert.illegalParameter("key_share: two client shares for group " + Codes.group(e.group())
                        + " (RFC 8446 §4.2.8)");
            }
            out.add(e);
        }
        return new KeyShareClientHello(out);
    }

    /** The share for {@code group}, if offered. */
    public Optional<KeyShareEntry> find(int group) {
        return shares.stream().filter(e -> e.group() == group).findFirst();
    }

    /** The groups of the shares, in order. */
    public List<Integer> groups() {
        return shares.stream().map(KeyShareEntry::group).toList();
    }

    @Override
    public int code() {
        return ExtensionType.KEY_SHARE.code();
    }

    @Override
    public void encodeData(Writer out) {
        out.vec16(w -> shares.forEach(e -> e.encode(w)));
    }

    @Override
    public String toString() {
        return "key_share" + shares;
    }
}
