package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.handshake.ClientOffer;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.tls12.common.Suites12;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Opaque;

/**
 * What the TLS 1.2 client knows once the ServerHello is accepted.
 *
 * @param extendedMasterSecret whether both sides use the extended master secret (RFC 7627)
 * @param expectTicket whether the ServerHello had session_ticket, so that a NewSessionTicket comes
 *     before the server's ChangeCipherSpec (RFC 5077 §3.3)
 * @param expectStatus whether the ServerHello had status_request, so that a CertificateStatus
 *     may follow the server's Certificate (RFC 6066 §8)
 */
record Progress(ClientOffer offer, CipherSuite suite, Opaque serverRandom, boolean extendedMasterSecret,
        boolean expectTicket, boolean expectStatus, Negotiated negotiated) {

    Progress with(Negotiated n) {
        return new Progress(offer, suite, serverRandom, extendedMasterSecret, expectTicket, expectStatus, n);
    }

    HandshakeConfig config() {
        return offer.config();
    }

    DecodeContext decodeContext() {
        return Suites12.decodeContext(Side.CLIENT, suite);
    }
}
