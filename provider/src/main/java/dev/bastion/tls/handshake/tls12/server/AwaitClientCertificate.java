package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.CertificateChains;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.PeerVerified;
import dev.bastion.tls.message.Certificate12;
import dev.bastion.tls.message.CertificateRequest12;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The server asked for a client certificate; the client's Certificate comes next (RFC 5246
 * §7.4.6), empty when it has none. An empty one is handshake_failure when client
 * authentication is required (the RFC's choice, §7.4.6), else the handshake goes on without.
 */
final class AwaitClientCertificate implements ServerState {
    private final Progress progress;
    private final KeyExchangeSecret secret;
    private final CertificateRequest12 request;

    AwaitClientCertificate(Progress progress, KeyExchangeSecret secret, CertificateRequest12 request) {
        this.progress = progress;
        this.secret = secret;
        this.request = request;
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        Certificate12 certificate = Expect.one(message, Certificate12.class, "AwaitClientCertificate");
        if (certificate.certificates().isEmpty()) {
            if (progress.config().clientAuth() == ClientAuth.REQUIRED) {
                throw TlsAlert.handshakeFailure("client sent no certificate, and this server requires client"
                        + " authentication (RFC 5246 §7.4.6)");
            }
            return new AwaitClientKeyExchange(progress, secret, Optional.empty());
        }
        X509Certificate[] chain = CertificateChains.parse(certificate.certificates(),
                progress.config().maxCertificateChainLength(), "client");
        PeerVerified peer = PeerVerified.client(io.credentials(), chain);
        Negotiated n = progress.negotiated().withPeerCertificates(peer.chain());
        io.handshakeSession(n);
        return new AwaitClientKeyExchange(progress.with(n), secret, Optional.of(new ClientSigner(peer, request)));
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
