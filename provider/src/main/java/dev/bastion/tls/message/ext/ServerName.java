package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * server_name (RFC 6066 §3). In a ClientHello it carries a {@code ServerNameList<1..2^16-1>};
 * in EncryptedExtensions and a TLS 1.2 ServerHello its data is empty, represented by an empty
 * list ({@link #ACKNOWLEDGEMENT}).
 *
 * <p>Parsing is strict about structure: a second name of the same type is
 * {@code illegal_parameter} (RFC 6066 §3: "MUST NOT contain more than one name of the same
 * name_type"). Whether a host name is acceptable (ASCII, no trailing dot, not an IP literal)
 * is the handshake's policy; {@link #hostNameIsWellFormed()} helps.
 */
public record ServerName(List<ServerNameEntry> names) implements Extension {
    /** The empty form a server sends to acknowledge the client's name. */
    public static final ServerName ACKNOWLEDGEMENT = new ServerName(List.of());

    public ServerName {
        names = List.copyOf(names);
        Set<Integer> types = new HashSet<>();
        for (ServerNameEntry e : names) {
            if (!types.add(e.nameType())) {
                throw new IllegalArgumentException("two names of type " + e.nameType());
            }
        }
    }

    /** A ClientHello server_name with one host_name. */
    public static ServerName ofHostName(String host) {
        return new ServerName(List.of(ServerNameEntry.hostName(host)));
    }

    /** Decodes extension_data; the form depends on the message (RFC 6066 §3). */
    public static ServerName decode(Reader data, MessageKind kind) {
        if (kind != MessageKind.CLIENT_HELLO) {
            return ACKNOWLEDGEMENT; // the caller checks that nothing follows
        }
        Reader list = data.vec16(1, 0xFFFF, "server_name_list");
        List<ServerNameEntry> out = new ArrayList<>();
        Set<Integer> types = new HashSet<>();
        while (list.hasRemaining()) {
            int type = list.u8("name_type");
            Opaque name = type == ServerNameEntry.HOST_NAME
                    ? Opaque.read16(list, 1, 0xFFFF, "host_name")
                    : Opaque.read16(list, 0, 0xFFFF, "name");
            if (!types.add(type)) {
                throw TlsAlert.illegalParameter("server_name: more than one name of name_type " + type
                        + " (RFC 6066 §3)");
            }
            out.add(new ServerNameEntry(type, name));
        }
        return new ServerName(out);
    }

    @Override
    public int code() {
        return ExtensionType.SERVER_NAME.code();
    }

    @Override
    public void encodeData(Writer out) {
        if (names.isEmpty()) {
            return;
        }
        out.vec16(w -> {
            for (ServerNameEntry e : names) {
                w.u8(e.nameType());
                e.name().write16(w);
            }
        });
    }

    /** The host_name bytes, if the list has one. */
    public Optional<Opaque> hostNameBytes() {
        return names.stream().filter(e -> e.nameType() == ServerNameEntry.HOST_NAME)
                .map(ServerNameEntry::name).findFirst();
    }

    /** The host_name as a string (bytes read as ISO-8859-1, so nothing is lost), if present. */
    public Optional<String> hostName() {
        return hostNameBytes().map(b -> new String(b.toByteArray(), StandardCharsets.ISO_8859_1));
    }

    /**
     * Whether the host_name is as RFC 6066 §3 describes it: printable ASCII without a
     * trailing dot. False when there is no host_name.
     */
    public boolean hostNameIsWellFormed() {
        Optional<Opaque> host = hostNameBytes();
        if (host.isEmpty()) {
            return false;
        }
        Opaque h = host.get();
        for (int i = 0; i < h.length(); i++) {
            if (h.get(i) <= 0x20 || h.get(i) >= 0x7F) {
                return false;
            }
        }
        return h.get(h.length() - 1) != '.';
    }

    @Override
    public String toString() {
        return "server_name" + names;
    }
}
