package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.message.ClientHello;
import java.util.List;

/**
 * What the client offered in its latest ClientHello, with the private halves of its key
 * shares.
 *
 * @param ccsSent whether the compatibility change_cipher_spec went out already (RFC 8446 §D.4)
 */
record Offer(HandshakeConfig config, ClientHello hello, List<KeyShare> shares, boolean ccsSent, Negotiated negotiated) {
    Offer {
        shares = List.copyOf(shares);
    }

    /** Wipes the private keys of the shares. */
    void closeShares() {
        shares.forEach(KeyShare::close);
    }
}
