package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.KeyShareEntry;
import java.util.Optional;

/**
 * The HelloRetryRequest is out; the second ClientHello must be the first one with a key share
 * for the selected group ({@link ClientHelloChecks#sameAsFirst}); the decisions made on the
 * first one stand. Its PSK, if any, is chosen now ({@link PskSelection}).
 */
final class AwaitSecondClientHello implements ServerState {
    private final HandshakeConfig config;
    private final ClientHello first;
    private final Choices choices;
    private final boolean ccsSent;
    private final byte[] transcriptBefore;

    /** @param transcriptBefore message_hash(ClientHello1) and the HelloRetryRequest, for PSK binders */
    AwaitSecondClientHello(HandshakeConfig config, ClientHello first, Choices choices, boolean ccsSent,
            byte[] transcriptBefore) {
        this.config = config;
        this.first = first;
        this.choices = choices;
        this.ccsSent = ccsSent;
        this.transcriptBefore = transcriptBefore.clone();
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        ClientHello second = config.received(Expect.one(message, ClientHello.class, "AwaitSecondClientHello"));
        ClientHelloChecks.sameAsFirst(first, second, choices.group().code());
        KeyShareEntry share = second.extensions().keyShareClientHello().orElseThrow().shares().get(0);
        Optional<AcceptedPsk> psk = PskSelection.select(config, second, choices, transcriptBefore, io);
        if (psk.isEmpty()) {
            config.requireSessionCreation("Not resumption, and no new session is allowed");
        }
        return ServerFlight.respond(config, second, choices, share, psk, ccsSent, io);
    }

    @Override
    public DecodeContext decodeContext() {
        return DecodeContext.tls13(Side.SERVER, choices.suite().hash().length());
    }

    @Override
    public boolean acceptsCompatibilityCcs() {
        return true;
    }
}
