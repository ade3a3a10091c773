package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.PeerVerified;
import dev.bastion.tls.message.CertificateRequest12;
import java.util.List;
import java.util.Optional;

/** A client whose chain the trust manager accepted, and the request it must answer with CertificateVerify. */
record ClientSigner(PeerVerified peer, CertificateRequest12 request) {

    /** The schemes the CertificateRequest allowed (RFC 5246 §7.4.8: the signature must use one). */
    List<SignatureScheme> requestedSchemes() {
        return request.signatureAlgorithms().stream().map(SignatureScheme::fromCode).flatMap(Optional::stream).toList();
    }
}
