package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.IpLiterals;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.ServerName;
import dev.bastion.tls.message.ext.ServerNameEntry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;

/** Server Name Indication (RFC 6066 §3) between the JSSE types and the server_name extension. */
public final class ServerNames {

    private ServerNames() {
    }

    /**
     * The host name a client sends when the application set no server names: the peer host,
     * when it is a DNS name with at least one dot that is not an IP literal (RFC 6066 §3:
     * "Literal IPv4 and IPv6 addresses are not permitted in HostName"), as SunJSSE does. A
     * trailing dot is dropped; a name {@link SNIHostName} refuses gives no SNI.
     */
    public static Optional<SNIHostName> fromPeerHost(String host) {
        if (host == null) {
            return Optional.empty();
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (h.indexOf('.') <= 0 || h.endsWith(".") || IpLiterals.isIpLiteral(h)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SNIHostName(h));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The ClientHello server_name for {@code names}; empty for no names. */
    public static Optional<ServerName> extension(List<SNIServerName> names) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<ServerNameEntry> entries = new ArrayList<>();
        for (SNIServerName n : names) {
            entries.add(new ServerNameEntry(n.getType(), Opaque.of(n.getEncoded())));
        }
        return Optional.of(new ServerName(entries));
    }

    /**
     * The names of a client's server_name as JSSE objects.
     *
     * @throws TlsAlert {@code illegal_parameter} for a host_name that is not a valid host name
     *     (not ASCII, a trailing dot, an empty label: RFC 6066 §3)
     */
    public static List<SNIServerName> fromExtension(ServerName extension) {
        List<SNIServerName> out = new ArrayList<>();
        for (ServerNameEntry e : extension.names()) {
            byte[] name = e.name().toByteArray();
            if (e.nameType() != ServerNameEntry.HOST_NAME) {
                out.add(new OtherServerName(e.nameType(), name));
                continue;
            }
            try {
                out.add(new SNIHostName(name));
            } catch (IllegalArgumentException ex) {
                throw TlsAlert.illegalParameter("client's server_name host_name \""
                        + new String(name, StandardCharsets.ISO_8859_1) + "\" is not a valid host name (RFC 6066 §3): "
                        + ex.getMessage());
            }
        }
        return List.copyOf(out);
    }

    /** The first requested name that a matcher of its type accepts; empty when none does. */
    public static Optional<SNIServerName> match(List<SNIMatcher> matchers, List<SNIServerName> requested) {
        for (SNIMatcher m : matchers) {
            for (SNIServerName n : requested) {
                if (n.getType() == m.getType() && m.matches(n)) {
                    return Optional.of(n);
                }
            }
        }
        return Optional.empty();
    }
}
