package dev.bastion.tls.engine;

import dev.bastion.tls.codec.IpLiterals;
import dev.bastion.tls.connection.Connection;
import dev.bastion.tls.connection.config.EngineSettings;
import dev.bastion.tls.connection.config.HandshakeConfigs;
import dev.bastion.tls.handshake.HandshakeConfig;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;

/**
 * The start of a handshake, shared by the engine and the socket: the configuration is built
 * from the context's policy and the current parameters inside {@link Connection#begin} (so a
 * configuration with nothing left to negotiate fails like any handshake), server names that are
 * IP addresses are left out ({@link #withoutIpLiterals}), the handshake session is opened, and
 * the record size limit of {@code SSLParameters.setMaximumPacketSize} applied.
 */
final class Kickstart {

    private Kickstart() {
    }

    /** Begins the handshake of {@code connection} for the peer {@code host:port} (null and -1 when unknown). */
    static void begin(Connection connection, EngineContext context, EngineParameters parameters,
            EngineSessions sessions, String host, int port) throws SSLException {
        connection.begin(() -> {
            HandshakeConfig config = HandshakeConfigs.build(context.policy(), parameters.client(),
                    withoutIpLiterals(parameters.handshakeSettings()), host, port, parameters.clientAuth());
            if (!parameters.sessionCreation()) {
                config = config.withoutSessionCreation(); // only a resumed handshake may go on
            }
            sessions.begin(config, config.client() ? context.clientSessions() : context.serverSessions(), context.random());
            return config;
        });
        applyMaximumPacketSize(connection, parameters);
    }

    /**
     * The parameters without server names that are IP address literals: "Literal IPv4 and IPv6
     * addresses are not permitted in HostName" (RFC 6066 §3). {@code HttpsURLConnection} sets
     * the URL's host as server name on every socket that is not SunJSSE's own, an IP address
     * included; such a connection sends no SNI and its certificate is checked against the
     * address (iPAddress SANs).
     */
    static EngineSettings withoutIpLiterals(EngineSettings settings) {
        List<SNIServerName> names = settings.serverNames();
        if (names == null || !anyIpLiteral(names)) {
            return settings;
        }
        return new EngineSettings(settings.protocols(), settings.cipherSuites(), settings.applicationProtocols(),
                names.stream().filter(n -> !isIpLiteral(n)).toList(), settings.sniMatchers(),
                settings.useCipherSuitesOrder(), settings.algorithmConstraints(), settings.namedGroups(),
                settings.signatureSchemes(), settings.maximumPacketSize());
    }

    private static boolean anyIpLiteral(List<SNIServerName> names) {
        for (int i = 0; i < names.size(); i++) { // no stream: this runs for every handshake
            if (isIpLiteral(names.get(i))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIpLiteral(SNIServerName name) {
        if (!(name instanceof SNIHostName)) {
            return false;
        }
        String host = ((SNIHostName) name).getAsciiName();
        return IpLiterals.isIpLiteral(host);
    }

    /** {@code SSLParameters.setMaximumPacketSize}: records this side writes stay within it (0: no limit). */
    static void applyMaximumPacketSize(Connection connection, EngineParameters parameters) {
        connection.setMaxPacketSize(Math.max(0, parameters.maximumPacketSize()));
    }
}
