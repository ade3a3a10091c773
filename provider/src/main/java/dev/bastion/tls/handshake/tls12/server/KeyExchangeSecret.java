package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.crypto.DhKeyPair;
import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.crypto.RsaKeyTransport;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.ClientKeyExchange;
import java.security.PrivateKey;

/**
 * The server's private half of the key exchange, kept from its first flight to the client's
 * ClientKeyExchange: an ephemeral ECDHE or DHE key pair, or the certificate's RSA key.
 */
final class KeyExchangeSecret implements AutoCloseable {
    private final KeyShare ecdhe;
    private final DhKeyPair dhe;
    private final PrivateKey rsa;

    private KeyExchangeSecret(KeyShare ecdhe, DhKeyPair dhe, PrivateKey rsa) {
        this.ecdhe = ecdhe;
        this.dhe = dhe;
        this.rsa = rsa;
    }

    static KeyExchangeSecret ecdhe(KeyShare share) {
        return new KeyExchangeSecret(share, null, null);
    }

    static KeyExchangeSecret dhe(DhKeyPair keyPair) {
        return new KeyExchangeSecret(null, keyPair, null);
    }

    static KeyExchangeSecret rsa(PrivateKey key) {
        return new KeyExchangeSecret(null, null, key);
    }

    /**
     * The premaster secret from the client's ClientKeyExchange. ECDHE and DHE: the agreement,
     * illegal_parameter for a point or value not valid in the group (RFC 8422 §5.7, RFC 7919
     * §5.1). RSA: RFC 5246 §7.4.7.1's countermeasure — a wrong length, bad padding or a version
     * other than ClientHello.client_version all give a random premaster secret, without an
     * alert or a different code path, so the handshake fails only at Finished.
     */
    byte[] premaster(ClientKeyExchange cke, int clientHelloVersion, HandshakeIo io) {
        byte[] value = cke.exchangeKeys().toByteArray();
        if (ecdhe != null) {
            return ecdhe.agree(value);
        }
        if (dhe != null) {
            return dhe.agree(value);
        }
        return RsaKeyTransport.decryptPremaster(rsa, value, clientHelloVersion, io.random());
    }

    /** Wipes the ephemeral private key (the RSA key is the application's). */
    @Override
    public void close() {
        if (ecdhe != null) {
            ecdhe.close();
        }
        if (dhe != null) {
            dhe.close();
        }
    }

    @Override
    public String toString() {
        return "KeyExchangeSecret(" + (ecdhe != null ? "ECDHE " + ecdhe.group() : dhe != null ? "DHE" : "RSA") + ")";
    }
}
