package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.crypto.Encapsulation;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.ClientOffer;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.ClientKeyExchange;
import dev.bastion.tls.message.KeyExchangeKind;
import dev.bastion.tls.message.ext.Opaque;
import java.util.Optional;

/**
 * ECDHE (RFC 8422 §5.7, §5.10): a fresh key pair on the server's curve; the premaster secret is
 * the shared x-coordinate (X25519/X448: RFC 7748's output), and the point goes out
 * uncompressed.
 */
record EcdheAgreement(NamedGroup curve, byte[] serverPoint) implements KeyAgreement {
    @Override
    public Optional<NamedGroup> group() {
        return Optional.of(curve);
    }

    @Override
    public ClientExchange answer(ClientOffer offer, HandshakeIo io) {
        Encapsulation e = curve.encapsulate(serverPoint, io.random());
        return new ClientExchange(new ClientKeyExchange(KeyExchangeKind.ECDHE, Opaque.of(e.publicValue())),
                e.sharedSecret());
    }

    @Override
    public String toString() {
        return "EcdheAgreement(" + curve + ")";
    }
}
