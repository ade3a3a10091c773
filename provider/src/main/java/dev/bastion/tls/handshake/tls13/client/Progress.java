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
import dev.bastion.tls.session.SessionState;
import java.util.List;
import java.util.Optional;

/**
 * What the client knows once the ServerHello is accepted: its last ClientHello (what it
 * offered), the handshake key schedule and the session so far.
 *
 * @param resumed the session the server resumed with the offered ticket (RFC 8446 §2.2); empty
 *     for a full handshake
 */
record Progress(HandshakeConfig config, ClientHello hello, HandshakeTraffic keys, Negotiated negotiated,
        boolean ccsSent, Optional<SessionState> resumed) {

    Progress with(Negotiated n) {
        return new Progress(config, hello, keys, n, ccsSent, resumed);
    }

    DecodeContext decodeContext() {
        return DecodeContext.tls13(Side.CLIENT, keys.suite().hash().length());
    }

    /** The schemes of our signature_algorithms that TLS 1.3 allows for CertificateVerify. */
    List<SignatureScheme> offeredSchemes() {
        return Negotiator.usable(ClientHellos.signatureSchemes(config), SignatureScheme.TLS13);
    }
}
