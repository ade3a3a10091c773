package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.session.Tls12Session;
import java.util.List;
import java.util.Optional;

/**
 * What the client offered in its latest ClientHello, with the private halves of its key
 * shares and the ticket it offered.
 *
 * @param ccsSent whether the compatibility change_cipher_spec went out already (RFC 8446 §D.4)
 * @param psk the TLS 1.3 ticket in pre_shared_key, if any
 * @param resumption the TLS 1.2 session and ticket offered to a TLS 1.2 server, if any
 */
record Offer(HandshakeConfig config, ClientHello hello, List<KeyShare> shares, boolean ccsSent, Negotiated negotiated,
        Optional<PskOffer> psk, Optional<Tls12Session> resumption) {
    Offer {
        shares = List.copyOf(shares);
    }

    /** Wipes the private keys of the shares. */
    void closeShares() {
        shares.forEach(KeyShare::close);
    }

    /** The same offer after a HelloRetryRequest. */
    Offer retried(ClientHello second, List<KeyShare> newShares, boolean ccs, Optional<PskOffer> newPsk) {
        return new Offer(config, second, newShares, ccs, negotiated, newPsk, resumption);
    }
}
