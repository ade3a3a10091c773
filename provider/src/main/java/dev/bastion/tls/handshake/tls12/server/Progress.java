package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.tls12.common.Suites12;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Opaque;

/**
 * What the TLS 1.2 server knows once its first flight is out.
 *
 * @param extendedMasterSecret whether both sides use the extended master secret (RFC 7627)
 */
record Progress(HandshakeConfig config, ClientHello hello, CipherSuite suite, Opaque serverRandom,
        boolean extendedMasterSecret, Negotiated negotiated) {

    Progress with(Negotiated n) {
        return new Progress(config, hello, suite, serverRandom, extendedMasterSecret, n);
    }

    DecodeContext decodeContext() {
        return Suites12.decodeContext(Side.SERVER, suite);
    }

    byte[] clientRandom() {
        return hello.random().toByteArray();
    }
}
