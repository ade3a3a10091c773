package dev.bastion.tls.handshake.tls13.client;

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
import java.util.Optional;

/**
 * The server's chain is trusted; its CertificateVerify comes next (RFC 8446 §4.4.3): a scheme
 * from our signature_algorithms that fits the certificate's key (else illegal_parameter) and a
 * signature over the transcript through Certificate (else decrypt_error).
 */
final class AwaitCertificateVerify implements ClientState {
    private final Progress progress;
    private final Optional<CertificateRequest> request;
    private final PeerVerified peer;
    private final byte[] hashThroughCertificate;

    AwaitCertificateVerify(Progress progress, Optional<CertificateRequest> request, PeerVerified peer,
            byte[] hashThroughCertificate) {
        this.progress = progress;
        this.request = request;
        this.peer = peer;
        this.hashThroughCertificate = hashThroughCertificate.clone();
    }

    @Override
    public ClientState next(HandshakeMessage message, HandshakeIo io) {
        CertificateVerify cv = Expect.one(message, CertificateVerify.class, "AwaitCertificateVerify");
        SignatureVerified signature = CertificateVerify13.verify(cv, progress.offeredSchemes(), peer, Side.SERVER,
                hashThroughCertificate);
        return new AwaitServerFinished(progress, request, Optional.of(signature), io.transcript().current());
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
