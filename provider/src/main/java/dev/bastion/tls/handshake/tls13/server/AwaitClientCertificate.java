package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.CertificateChains;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.PeerVerified;
import dev.bastion.tls.message.Certificate;
import dev.bastion.tls.message.CertificateEntry;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ext.MessageKind;
import java.security.cert.X509Certificate;

/**
 * The server asked for a client certificate; the client's Certificate comes next (RFC 8446
 * §4.4.2): the request's context echoed, entry extensions the request solicited. An empty one
 * is certificate_required when client authentication is required (§4.4.2.4), else fine.
 */
final class AwaitClientCertificate implements ServerState {
    private final Progress progress;
    private final CertificateRequest request;

    AwaitClientCertificate(Progress progress, CertificateRequest request) {
        this.progress = progress;
        this.request = request;
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        Certificate certificate = Expect.one(message, Certificate.class, "AwaitClientCertificate");
        if (!certificate.certificateRequestContext().equals(request.certificateRequestContext())) {
            throw TlsAlert.illegalParameter("client Certificate has certificate_request_context "
                    + certificate.certificateRequestContext() + ", the CertificateRequest's was "
                    + request.certificateRequestContext() + " (RFC 8446 §4.4.2)");
        }
        if (certificate.entries().isEmpty()) {
            if (progress.config().clientAuth() == ClientAuth.REQUIRED) {
                throw new TlsAlert(AlertDescription.CERTIFICATE_REQUIRED, "client sent no certificate, and this server"
                        + " requires client authentication (RFC 8446 §4.4.2.4)");
            }
            return new AwaitClientFinished(progress, io.transcript().current());
        }
        for (CertificateEntry e : certificate.entries()) {
            e.extensions().requireSolicited(request.extensions(), MessageKind.CERTIFICATE);
        }
        X509Certificate[] chain = CertificateChains.parse(certificate.certificates(),
                progress.config().maxCertificateChainLength(), "client");
        PeerVerified peer = PeerVerified.client(io.credentials(), chain);
        Negotiated n = progress.negotiated().withPeerCertificates(peer.chain());
        io.handshakeSession(n);
        return new AwaitClientCertificateVerify(progress.with(n), request, peer, io.transcript().current());
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }

    @Override
    public boolean acceptsCompatibilityCcs() {
        return true;
    }
}
