package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.handshake.ClientHellos;
import dev.bastion.tls.handshake.ClientOffer;
import dev.bastion.tls.handshake.ClientResumption;
import dev.bastion.tls.handshake.HelloResumption;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.HandshakeState;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.StateMachine;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.session.Tls12Session;
import java.util.List;
import java.util.Optional;

/**
 * Entry points of the TLS 1.2 client (the states are listed in {@link ClientState}): a
 * handshaker for a client that enables TLS 1.2 alone, and {@link #serverHello} for a client
 * whose combined TLS 1.3/1.2 ClientHello got a TLS 1.2 ServerHello. Randomness is drawn from
 * {@link HandshakeIo#random()}: the 32-byte ClientHello random first.
 */
public final class Tls12Client {
    private Tls12Client() {
    }

    /**
     * A client handshaker for {@code config}, which enables TLS 1.2 and not TLS 1.3 (a client
     * enabling both starts as a TLS 1.3 client).
     *
     * @throws IllegalArgumentException for any other configuration or one without a TLS 1.2 suite
     */
    public static Handshaker handshaker(HandshakeConfig config) {
        if (!config.client() || !config.enables(HandshakeConfig.TLS12) || config.enables(HandshakeConfig.TLS13)) {
            throw new IllegalArgumentException("not a TLS 1.2-only client configuration: " + config);
        }
        if (!config.hasTls12Suite()) {
            throw new IllegalArgumentException("no TLS 1.2 cipher suite enabled: " + config.cipherSuites());
        }
        return StateMachine.startingWith(Side.CLIENT, io -> start(config, io));
    }

    /**
     * The TLS 1.2 client's answer to a ServerHello that selected TLS 1.2, for a client that
     * offered TLS 1.3 too ({@code offer} is what it sent): the same checks and states as a
     * TLS 1.2-only client. The caller has checked the downgrade sentinel.
     */
    public static HandshakeState serverHello(ClientOffer offer, ServerHello sh, HandshakeIo io) {
        return AwaitServerHello.accept(offer, sh, io);
    }

    static ClientState start(HandshakeConfig config, HandshakeIo io) {
        byte[] random = new byte[32];
        io.random().nextBytes(random);
        Optional<Tls12Session> offered = ClientResumption.tls12(config, io);
        if (offered.isEmpty()) {
            config.requireSessionCreation("No new session is allowed and no existing session can be resumed");
        }
        HelloResumption resumption = ClientResumption.hello(config, io, offered);
        // the session's id; with only a ticket a random one, whose echo shows the resumption (RFC 5077 §3.4)
        Opaque sessionId = Opaque.EMPTY;
        if (offered.isPresent()) { // ClientResumption.sessionId, drawing the random id only when it is used
            byte[] id = offered.get().state().id();
            sessionId = id.length > 0 ? Opaque.of(id) : Opaque.of(randomId(io));
        }
        ClientHello hello = ClientHellos.build(config, Opaque.of(random), sessionId, List.of(), resumption);
        io.send(hello);
        Negotiated n = Negotiated.NONE.withRequestedServerNames(ClientHellos.requestedNames(config))
                .withCreationTime(SessionStates.now(io));
        io.handshakeSession(n);
        return new AwaitServerHello(new ClientOffer(config, hello, n, offered));
    }

    private static byte[] randomId(HandshakeIo io) {
        byte[] id = new byte[32];
        io.random().nextBytes(id);
        return id;
    }
}
