package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.tls13.common.ApplicationTraffic;
import dev.bastion.tls.handshake.tls13.common.HandshakeTraffic;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Side;

/** What the server knows once its flight is out: the key schedule and the session so far. */
record Progress(HandshakeConfig config, HandshakeTraffic keys, ApplicationTraffic traffic, Negotiated negotiated) {

    Progress with(Negotiated n) {
        return new Progress(config, keys, traffic, n);
    }

    DecodeContext decodeContext() {
        return DecodeContext.tls13(Side.SERVER, keys.suite().hash().length());
    }
}
