package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.HandshakeState;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.StateMachine;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.Side;
import java.util.Optional;

/**
 * Entry points of the TLS 1.2 server (the states are listed in {@link ServerState}): a
 * handshaker for a server that enables TLS 1.2 alone, and {@link #clientHello} for a server
 * that enables TLS 1.3 too and chose TLS 1.2 for this client.
 */
public final class Tls12Server {
    private Tls12Server() {
    }

    /**
     * A server handshaker for {@code config}, which enables TLS 1.2 and not TLS 1.3.
     *
     * @throws IllegalArgumentException for any other configuration or one without a TLS 1.2 suite
     */
    public static Handshaker handshaker(HandshakeConfig config) {
        if (config.client() || !config.enables(HandshakeConfig.TLS12) || config.enables(HandshakeConfig.TLS13)) {
            throw new IllegalArgumentException("not a TLS 1.2-only server configuration: " + config);
        }
        if (!config.hasTls12Suite()) {
            throw new IllegalArgumentException("no TLS 1.2 cipher suite enabled: " + config.cipherSuites());
        }
        return StateMachine.awaiting(Side.SERVER, new AwaitClientHello(config));
    }

    /**
     * The TLS 1.2 server's answer to a ClientHello for which TLS 1.2 was chosen
     * ({@link dev.bastion.tls.handshake.ServerVersions}): checks, then an abbreviated handshake
     * when the offered ticket or session id resumes ({@link ResumeChecks}), else choices and the
     * first flight of a full one.
     * A server that enables TLS 1.3 marks its random with the downgrade sentinel (RFC 8446 §4.1.3).
     */
    public static HandshakeState clientHello(HandshakeConfig config, ClientHello ch, HandshakeIo io) {
        return answer(config, ch, io);
    }

    static ServerState answer(HandshakeConfig config, ClientHello ch, HandshakeIo io) {
        ClientHelloChecks.check(ch);
        Optional<Resumable> resumable = ResumeChecks.find(config, ch, io);
        if (resumable.isPresent()) {
            return AbbreviatedFlight.respond(config, ch, resumable.get(), io);
        }
        config.requireSessionCreation("Not resumption, and no new session is allowed");
        return ServerFlight.respond(config, ch, ServerChoices.make(config, ch, io), io);
    }
}
