package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.ClientHellos;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.handshake.tls13.common.HandshakeTraffic;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Side;
import java.util.List;

/**
 * What the client knows once the ServerHello is accepted: its last ClientHello (what it
 * offered), the handshake key schedule and the session so far.
 */
record Progress(HandshakeConfig config, ClientHello hello, HandshakeTraffic keys, Negotiated negotiated,
        boolean ccsSent) {

    Progress with(Negotiated n) {
        return new Progress(config, hello, keys, n, ccsSent);
    }

    DecodeContext decodeContext() {
        return DecodeContext.tls13(Side.CLIENT, keys.suite().hash().length());
    }

    /** The schemes of our signature_algorithms that TLS 1.3 allows for CertificateVerify. */
    List<SignatureScheme> offeredSchemes() {
        return Negotiator.usable(ClientHellos.signatureSchemes(config), SignatureScheme.TLS13);
    }
}
