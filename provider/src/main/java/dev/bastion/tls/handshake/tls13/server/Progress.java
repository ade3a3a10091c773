package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.tls13.common.ApplicationTraffic;
import dev.bastion.tls.handshake.tls13.common.HandshakeTraffic;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.PskKeyExchangeModes;
import java.util.Optional;

/**
 * What the server knows once its flight is out: the key schedule, the session so far, and the
 * client's psk_key_exchange_modes (which decide whether tickets are sent, {@link Tickets}).
 */
record Progress(HandshakeConfig config, HandshakeTraffic keys, ApplicationTraffic traffic, Negotiated negotiated,
        Optional<PskKeyExchangeModes> clientPskModes) {

    Progress with(Negotiated n) {
        return new Progress(config, keys, traffic, n, clientPskModes);
    }

    DecodeContext decodeContext() {
        return DecodeContext.tls13(Side.SERVER, keys.suite().hash().length());
    }
}
