package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.CertificateChains;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.PeerVerified;
import dev.bastion.tls.handshake.StapledResponses;
import dev.bastion.tls.message.Certificate;
import dev.bastion.tls.message.CertificateEntry;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.ext.MessageKind;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The client's handling of the server's Certificate (RFC 8446 §4.4.2): an empty request
 * context, at least one certificate (§4.4.2.4: else decode_error), entry extensions the client
 * asked for, a parsable chain, and the trust manager's consent, asked once the stapled OCSP
 * responses (if any) are in the handshake session.
 */
final class ServerCertificate {
    private ServerCertificate() {
    }

    static ClientState accept(Progress progress, Optional<CertificateRequest> request, Certificate certificate,
            HandshakeIo io) {
        if (!certificate.certificateRequestContext().isEmpty()) {
            throw TlsAlert.illegalParameter("server Certificate has certificate_request_context "
                    + certificate.certificateRequestContext() + ", must be empty (RFC 8446 §4.4.2)");
        }
        if (certificate.entries().isEmpty()) {
            throw TlsAlert.decodeError("server sent an empty Certificate (RFC 8446 §4.4.2.4)");
        }
        for (CertificateEntry e : certificate.entries()) {
            // RFC 8446 §4.4.2: "Extensions in the Certificate message from the server MUST correspond to ones from the ClientHello"
            e.extensions().requireSolicited(progress.hello().extensions(), MessageKind.CERTIFICATE);
        }
        X509Certificate[] chain = CertificateChains.parse(certificate.certificates(),
                progress.config().maxCertificateChainLength(), "server");
        List<byte[]> stapled = StapledResponses.tls13(certificate.entries());
        Negotiated n = StapledResponses.shown(progress.negotiated(), stapled, io);
        PeerVerified peer = PeerVerified.server(io.credentials(), chain, PeerVerified.TLS13_SERVER_AUTH_TYPE);
        n = n.withPeerCertificates(peer.chain());
        io.handshakeSession(n);
        return new AwaitCertificateVerify(progress.with(n), request, peer, io.transcript().current());
    }
}
