package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.StateMachine;
import dev.bastion.tls.message.Side;

/**
 * Entry point of the TLS 1.3 server (the states are listed in {@link ServerState}). Randomness
 * is drawn from {@code HandshakeIo.random()} in a fixed order, which tests rely on: the
 * ServerHello random (32 bytes), then the key exchange, then signatures.
 */
public final class Tls13Server {
    private Tls13Server() {
    }

    /**
     * A server handshaker for {@code config}.
     *
     * @throws IllegalArgumentException unless {@code config} is a server's that enables TLS 1.3
     *     with at least one TLS 1.3 suite
     */
    public static Handshaker handshaker(HandshakeConfig config) {
        if (config.client() || !config.enables(HandshakeConfig.TLS13)) {
            throw new IllegalArgumentException("not a TLS 1.3 server configuration: " + config);
        }
        if (config.cipherSuites().stream().noneMatch(s -> s.isTls13())) {
            throw new IllegalArgumentException("no TLS 1.3 cipher suite enabled: " + config.cipherSuites());
        }
        return StateMachine.awaiting(Side.SERVER, new AwaitClientHello(config));
    }
}
