package dev.bastion.tls.connection.config;

import dev.bastion.tls.message.ext.ExtensionType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * SunJSSE's {@code jdk.tls.client.disableExtensions} and {@code jdk.tls.server.disableExtensions}
 * (JDK 17+): comma-separated extension names (RFC names, as SunJSSE spells them) that a side
 * neither sends nor acts on. What each means for Bastion is decided in {@link HandshakeConfigs}
 * and the handshake ({@code HandshakeConfig#disabledExtensions}).
 *
 * <p>Names SunJSSE knows but Bastion never sends or reads ({@link #NEVER_USED}) are accepted
 * and change nothing; any other unknown name is ignored with a warning, as for the other name
 * lists ({@link NameList}).
 *
 * @param client the extensions a client leaves out
 * @param server the extensions a server ignores in a ClientHello and leaves out of its own messages
 */
public record DisabledExtensions(Set<ExtensionType> client, Set<ExtensionType> server) {
    public static final String CLIENT_PROPERTY = "jdk.tls.client.disableExtensions";
    public static final String SERVER_PROPERTY = "jdk.tls.server.disableExtensions";

    /** Nothing disabled. */
    public static final DisabledExtensions NONE = new DisabledExtensions(Set.of(), Set.of());

    /** Extension names SunJSSE accepts in these properties that Bastion has no use for. */
    static final List<String> NEVER_USED = List.of("client_certificate_url", "trusted_ca_keys", "truncated_hmac",
            "user_mapping", "client_authz", "server_authz", "cert_type", "srp", "status_request_v2",
            "client_certificate_type", "server_certificate_type", "token_binding", "cached_info");

    public DisabledExtensions {
        client = client.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(client));
        server = server.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(server));
    }

    static DisabledExtensions load(PropertySource src) {
        return new DisabledExtensions(parse(CLIENT_PROPERTY, src.system().apply(CLIENT_PROPERTY)),
                parse(SERVER_PROPERTY, src.system().apply(SERVER_PROPERTY)));
    }

    /** The extensions {@code value} names (an empty set for unset or blank). */
    static Set<ExtensionType> parse(String property, String value) {
        Optional<List<Optional<ExtensionType>>> named = NameList.parse(property, value, DisabledExtensions::lookup);
        Set<ExtensionType> out = EnumSet.noneOf(ExtensionType.class);
        named.ifPresent(l -> l.forEach(t -> t.ifPresent(out::add)));
        return out;
    }

    /** A known type; empty inside for a name SunJSSE knows and Bastion never uses; empty for an unknown name. */
    private static Optional<Optional<ExtensionType>> lookup(String name) {
        for (ExtensionType t : ExtensionType.values()) {
            if (t.rfcName().equals(name)) {
                return Optional.of(Optional.of(t));
            }
        }
        return NEVER_USED.contains(name) ? Optional.of(Optional.empty()) : Optional.empty();
    }

    /** The set of the client side ({@code client}) or of the server side. */
    public Set<ExtensionType> side(boolean client) {
        return client ? this.client : server;
    }
}
