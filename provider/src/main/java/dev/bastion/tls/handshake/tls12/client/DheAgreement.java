package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.crypto.DhKeyPair;
import dev.bastion.tls.crypto.DhParameters;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.ClientOffer;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.ClientKeyExchange;
import dev.bastion.tls.message.KeyExchangeKind;
import dev.bastion.tls.message.ext.Opaque;
import java.util.Optional;

/**
 * DHE (RFC 5246 §7.4.7.2, §8.1.2): a fresh key pair in the server's group; dh_Yc and the
 * premaster secret without leading zero bytes. The server's dh_Ys must be in [2, p-2]
 * (RFC 7919 §5.1; illegal_parameter).
 */
record DheAgreement(DhParameters parameters, byte[] serverValue) implements KeyAgreement {
    @Override
    public Optional<NamedGroup> group() {
        return parameters.namedGroup();
    }

    @Override
    public ClientExchange answer(ClientOffer offer, HandshakeIo io) {
        try (DhKeyPair own = parameters.generate(io.random())) {
            byte[] premaster = own.agree(serverValue);
            return new ClientExchange(new ClientKeyExchange(KeyExchangeKind.DHE, Opaque.of(own.publicValue())), premaster);
        }
    }

    @Override
    public String toString() {
        return "DheAgreement(" + parameters + ")";
    }
}
