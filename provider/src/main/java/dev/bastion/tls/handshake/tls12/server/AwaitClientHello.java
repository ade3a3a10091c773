package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.ServerVersions;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.Side;

/**
 * A server that enables TLS 1.2 alone waits for the ClientHello; a client that cannot do TLS 1.2
 * (TLS 1.3 only, or SSL 3.0 to TLS 1.1) gets protocol_version ({@link ServerVersions}).
 */
final class AwaitClientHello implements ServerState {
    private final HandshakeConfig config;

    AwaitClientHello(HandshakeConfig config) {
        this.config = config;
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        ClientHello ch = config.received(Expect.one(message, ClientHello.class, "AwaitClientHello"));
        ServerVersions.choose(config, ch);
        return Tls12Server.answer(config, ch, io);
    }

    @Override
    public DecodeContext decodeContext() {
        return DecodeContext.hello(Side.SERVER);
    }
}
