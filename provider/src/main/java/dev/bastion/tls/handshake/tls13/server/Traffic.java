package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.crypto.FinishedVerified;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.tls13.common.ApplicationTraffic;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.KeyUpdate;
import dev.bastion.tls.message.Side;

/**
 * The handshake is complete and the tickets are out; a client may send only KeyUpdate now
 * (RFC 8446 §4.6.3).
 */
final class Traffic implements ServerState {
    private final ApplicationTraffic traffic;
    private final FinishedVerified clientFinished;

    /** Requires the proof that the client's Finished was checked. */
    Traffic(ApplicationTraffic traffic, FinishedVerified clientFinished) {
        this.traffic = traffic;
        this.clientFinished = clientFinished;
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        KeyUpdate update = Expect.one(message, KeyUpdate.class, "Traffic");
        return new Traffic(traffic.received(update, io), clientFinished);
    }

    @Override
    public ServerState sendKeyUpdate(HandshakeIo io, boolean requestPeerUpdate) {
        return new Traffic(traffic.send(requestPeerUpdate, io), clientFinished);
    }

    @Override
    public DecodeContext decodeContext() {
        return DecodeContext.tls13(Side.SERVER, traffic.suite().hash().length());
    }

    @Override
    public boolean acceptsCompatibilityCcs() {
        return false;
    }
}
