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
 * @param issueTicket whether a NewSessionTicket goes out before the server's ChangeCipherSpec
 *     (RFC 5077 §3.3); otherwise the session is cached by its id
 */
record Progress(HandshakeConfig config, ClientHello hello, CipherSuite suite, Opaque serverRandom,
        boolean extendedMasterSecret, boolean issueTicket, Negotiated negotiated) {

    Progress with(Negotiated n) {
        return new Progress(config, hello, suite, serverRandom, extendedMasterSecret, issueTicket, n);
    }

    DecodeContext decodeContext() {
        return Suites12.decodeContext(Side.SERVER, suite);
    }

    byte[] clientRandom() {
        return hello.random().toByteArray();
    }
}
