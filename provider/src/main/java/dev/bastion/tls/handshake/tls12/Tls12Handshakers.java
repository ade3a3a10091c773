package dev.bastion.tls.handshake.tls12;

import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.tls12.client.Tls12Client;
import dev.bastion.tls.handshake.tls12.server.Tls12Server;

/**
 * The TLS 1.2 handshakes (RFC 5246) for configurations that enable TLS 1.2 and not TLS 1.3. A
 * configuration that enables both starts with the TLS 1.3 handshaker, which hands over to
 * {@link Tls12Client#serverHello} or {@link Tls12Server#clientHello} when TLS 1.2 is chosen.
 */
public final class Tls12Handshakers {
    private Tls12Handshakers() {
    }

    /** The handshake for {@code config}'s side. */
    public static Handshaker of(HandshakeConfig config) {
        return config.client() ? Tls12Client.handshaker(config) : Tls12Server.handshaker(config);
    }
}
