package dev.bastion.tls.handshake.tls13;

import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.tls13.client.Tls13Client;
import dev.bastion.tls.handshake.tls13.server.Tls13Server;

/** The TLS 1.3 handshakes (RFC 8446) the connection core drives. */
public final class Tls13Handshakers {
    private Tls13Handshakers() {
    }

    /** A client handshake; see {@link Tls13Client#handshaker}. */
    public static Handshaker client(HandshakeConfig config) {
        return Tls13Client.handshaker(config);
    }

    /** A server handshake; see {@link Tls13Server#handshaker}. */
    public static Handshaker server(HandshakeConfig config) {
        return Tls13Server.handshaker(config);
    }

    /** The handshake for {@code config}'s side. */
    public static Handshaker of(HandshakeConfig config) {
        return config.client() ? client(config) : server(config);
    }
}
