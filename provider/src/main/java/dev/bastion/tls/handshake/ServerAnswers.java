package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.MaxFragmentLength;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;

/**
 * The server's answers to a ClientHello's server_name, ALPN and max_fragment_length, the same in
 * both versions (TLS 1.3 sends them in EncryptedExtensions, TLS 1.2 in the ServerHello).
 */
public final class ServerAnswers {
    private ServerAnswers() {
    }

    /** The names of the client's server_name, as JSSE objects; empty without the extension. */
    public static List<SNIServerName> requestedNames(ClientHello ch) {
        return ch.extensions().serverName().map(ServerNames::fromExtension).orElse(List.of());
    }

    /**
     * Whether to acknowledge the client's server_name with an empty one. With SNI matchers
     * configured, a requested name none of them accepts is {@code unrecognized_name} (RFC 6066
     * §3); an accepted host name is acknowledged.
     */
    public static boolean acknowledgeServerName(HandshakeConfig config, List<SNIServerName> requested) {
        if (requested.isEmpty()) {
            return false;
        }
        if (!config.sniMatchers().isEmpty() && ServerNames.match(config.sniMatchers(), requested).isEmpty()) {
            throw new TlsAlert(AlertDescription.UNRECOGNIZED_NAME, "client requested server name " + requested
                    + ", which none of this server's SNI matchers accepts (RFC 6066 §3)");
        }
        return requested.stream().anyMatch(n -> n.getType() == StandardConstants.SNI_HOST_NAME);
    }

    /**
     * The client's max_fragment_length (RFC 6066 §4), accepted as SunJSSE and OpenSSL accept it:
     * the answer echoes it, and from now on this server writes records of at most that many
     * bytes (handshake messages included), so that a client with small buffers can read them.
     * Empty without the extension (or with {@code jdk.tls.server.disableExtensions} naming it).
     */
    public static Optional<MaxFragmentLength> maxFragmentLength(ClientHello ch, HandshakeIo io) {
        Optional<MaxFragmentLength> mfl = ch.extensions().get(MaxFragmentLength.class);
        mfl.ifPresent(m -> io.limitFragments(m.maxFragmentBytes()));
        return mfl;
    }

    /**
     * The application protocol to answer the client's ALPN with (RFC 7301 §3.2); empty for
     * none. See {@link Credentials#selectApplicationProtocol}.
     *
     * @throws TlsAlert {@code no_application_protocol} when the client offered protocols and
     *     none is acceptable
     */
    public static Optional<String> applicationProtocol(HandshakeConfig config, ClientHello ch, HandshakeIo io) {
        Optional<Alpn> alpn = ch.extensions().alpn();
        if (alpn.isEmpty()) {
            return Optional.empty();
        }
        List<String> offered = alpn.get().protocolNames();
        Optional<String> selected = io.credentials().selectApplicationProtocol(offered);
        if (selected.isPresent()) {
            if (selected.get().isEmpty()) {
                return Optional.empty();
            }
            if (!offered.contains(selected.get())) {
                throw new TlsAlert(AlertDescription.NO_APPLICATION_PROTOCOL, "the application's protocol selector chose \""
                        + selected.get() + "\", which the client did not offer (offered: " + offered + ")");
            }
            return selected;
        }
        if (config.applicationProtocols().isEmpty()) {
            return Optional.empty();
        }
        for (String p : config.applicationProtocols()) {
            if (offered.contains(p)) {
                return Optional.of(p);
            }
        }
        throw new TlsAlert(AlertDescription.NO_APPLICATION_PROTOCOL, "client offered application protocols " + offered
                + ", server supports " + config.applicationProtocols() + ": none in common (RFC 7301 §3.2)");
    }
}
