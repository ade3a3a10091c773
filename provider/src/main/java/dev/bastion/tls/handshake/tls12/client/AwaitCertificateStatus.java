package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.StapledResponses;
import dev.bastion.tls.message.CertificateStatus;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The server answered status_request, so a CertificateStatus with its stapled OCSP response may
 * follow its Certificate (RFC 6066 §8: it "MAY also choose not to send" one). The trust manager
 * is asked here, once it is known whether a response came, so that it can use it (through the
 * handshake session's {@code getStatusResponses()}); any other message goes on to the state
 * that follows a Certificate.
 */
final class AwaitCertificateStatus implements ClientState {
    private final Progress progress;
    private final X509Certificate[] chain;

    AwaitCertificateStatus(Progress progress, X509Certificate[] chain) {
        this.progress = progress;
        this.chain = chain;
    }

    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        if (message instanceof CertificateStatus status) {
            return AwaitServerCertificate.trusted(progress, chain, StapledResponses.tls12(status, chain.length), io);
        }
        return AwaitServerCertificate.trusted(progress, chain, List.of(), io).receive(message, io);
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
