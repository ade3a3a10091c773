package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.PeerVerified;
import dev.bastion.tls.handshake.SignatureVerified;
import dev.bastion.tls.handshake.tls13.common.CertificateVerify13;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.CertificateVerify;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import java.util.List;
import java.util.Optional;

/**
 * The client's chain is trusted; its CertificateVerify comes next (RFC 8446 §4.4.3): a scheme
 * from the CertificateRequest's signature_algorithms that fits its key, and a signature over
 * the transcript through its Certificate with the client context string.
 */
final class AwaitClientCertificateVerify implements ServerState {
    private final Progress progress;
    private final CertificateRequest request;
    private final PeerVerified peer;
    private final byte[] hashThroughCertificate;

    AwaitClientCertificateVerify(Progress progress, CertificateRequest request, PeerVerified peer,
            byte[] hashThroughCertificate) {
        this.progress = progress;
        this.request = request;
        this.peer = peer;
        this.hashThroughCertificate = hashThroughCertificate.clone();
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        CertificateVerify cv = Expect.one(message, CertificateVerify.class, "AwaitClientCertificateVerify");
        SignatureVerified signature = CertificateVerify13.verify(cv, requested(), peer, Side.CLIENT,
                hashThroughCertificate);
        return new AwaitClientFinished(progress, io.transcript().current(), Optional.of(signature));
    }

    private List<SignatureScheme> requested() {
        return request.extensions().signatureAlgorithms().map(SignatureAlgorithms::schemes).orElseThrow().stream()
                .map(SignatureScheme::fromCode).flatMap(Optional::stream).toList();
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
