package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.RsaKeyTransport;
import dev.bastion.tls.handshake.ClientOffer;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.ClientKeyExchange;
import dev.bastion.tls.message.KeyExchangeKind;
import dev.bastion.tls.message.ext.Opaque;
import java.security.PublicKey;
import java.util.Optional;

/**
 * RSA key transport (RFC 5246 §7.4.7.1): a 48-byte premaster secret whose first two bytes are
 * the version the client offered (ClientHello.client_version, "not the negotiated version",
 * to stop version rollback) and 46 random bytes, encrypted with PKCS#1 v1.5 to the server's key.
 */
record RsaAgreement(PublicKey serverKey) implements KeyAgreement {
    @Override
    public Optional<NamedGroup> group() {
        return Optional.empty();
    }

    @Override
    public ClientExchange answer(ClientOffer offer, HandshakeIo io) {
        byte[] premaster = new byte[RsaKeyTransport.PREMASTER_LENGTH];
        io.random().nextBytes(premaster);
        int version = offer.hello().legacyVersion();
        premaster[0] = (byte) (version >>> 8);
        premaster[1] = (byte) version;
        byte[] encrypted = RsaKeyTransport.encryptPremaster(serverKey, premaster, io.random());
        return new ClientExchange(new ClientKeyExchange(KeyExchangeKind.RSA, Opaque.of(encrypted)), premaster);
    }

    @Override
    public String toString() {
        return "RsaAgreement(" + serverKey.getAlgorithm() + ")";
    }
}
