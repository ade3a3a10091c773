package dev.bastion.tls.engine;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.connection.Connection;
import dev.bastion.tls.connection.config.HandshakeConfigs;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.record.RecordLimits;
import javax.net.ssl.SSLException;

/**
 * The start of a handshake, shared by the engine and the socket: the configuration is built
 * from the context's policy and the current parameters inside {@link Connection#begin} (so a
 * configuration with nothing left to negotiate fails like any handshake), the handshake session
 * is opened, and the record size limit of {@code SSLParameters.setMaximumPacketSize} applied.
 */
final class Kickstart {
    private Kickstart() {
    }

    /** Begins the handshake of {@code connection} for the peer {@code host:port} (null and -1 when unknown). */
    static void begin(Connection connection, EngineContext context, EngineParameters parameters,
            EngineSessions sessions, String host, int port) throws SSLException {
        connection.begin(() -> {
            if (!parameters.sessionCreation()) {
                throw TlsAlert.handshakeFailure("No new session is allowed and no existing session can be resumed");
            }
            HandshakeConfig config = HandshakeConfigs.build(context.policy(), parameters.client(),
                    parameters.toSSLParameters(), host, port, parameters.clientAuth());
            byte[] id = new byte[32];
            context.random().nextBytes(id);
            sessions.begin(config, config.client() ? context.clientSessions() : context.serverSessions(), id);
            return config;
        });
        applyMaximumPacketSize(connection, parameters);
    }

    /** {@code SSLParameters.setMaximumPacketSize}: records this side writes stay within it (0: no limit). */
    static void applyMaximumPacketSize(Connection connection, EngineParameters parameters) {
        int packet = parameters.maximumPacketSize();
        int overhead = RecordLimits.HEADER_LENGTH + 1 + 16; // TLS 1.3: header, content type, tag
        int fragment = packet <= 0 ? RecordLimits.MAX_PLAINTEXT
                : Math.max(64, Math.min(RecordLimits.MAX_PLAINTEXT, packet - overhead));
        connection.setMaxFragmentLength(fragment);
    }
}
