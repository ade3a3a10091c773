package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.message.Certificate;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import dev.bastion.tls.message.ext.SignatureAlgorithmsCert;
import java.util.Optional;

/**
 * After EncryptedExtensions: a CertificateRequest (the server wants a client certificate,
 * RFC 8446 §4.3.2) or the server's Certificate (no PSK, so one of them must come).
 */
final class AwaitCertificateOrCertificateRequest implements ClientState {
    private static final String STATE = "AwaitCertificateOrCertificateRequest";

    private final Progress progress;

    AwaitCertificateOrCertificateRequest(Progress progress) {
        this.progress = progress;
    }

    @Override
    public ClientState next(HandshakeMessage message, HandshakeIo io) {
        if (message instanceof Certificate) {
            return ServerCertificate.accept(progress, Optional.empty(), (Certificate) message, io);
        }
        if (message instanceof CertificateRequest) {
            CertificateRequest cr = (CertificateRequest) message;
            // RFC 8446 §4.3.2: "This field SHALL be zero length unless used for the post-handshake authentication"
            if (!cr.certificateRequestContext().isEmpty()) {
                throw TlsAlert.illegalParameter("CertificateRequest in the handshake has certificate_request_context "
                        + cr.certificateRequestContext() + ", must be empty (RFC 8446 §4.3.2)");
            }
            // RFC 8446 §4.2.3: signature_algorithms_cert, when sent, governs certificates (see ServerChoices)
            Negotiated n = progress.negotiated().withPeerSignatureSchemes(Negotiator.schemeNames(
                    cr.extensions().signatureAlgorithmsCert().map(SignatureAlgorithmsCert::schemes).orElseGet(
                            () -> cr.extensions().signatureAlgorithms().map(SignatureAlgorithms::schemes).orElseThrow())));
            io.handshakeSession(n);
            return new AwaitCertificate(progress.with(n), cr);
        }
        throw Expect.unexpected(message, STATE, "Certificate or CertificateRequest");
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
