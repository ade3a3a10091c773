package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.Certificate;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import java.util.Optional;

/** The server asked for a client certificate; its own Certificate comes next (RFC 8446 §4.4.2). */
final class AwaitCertificate implements ClientState {
    private final Progress progress;
    private final CertificateRequest request;

    AwaitCertificate(Progress progress, CertificateRequest request) {
        this.progress = progress;
        this.request = request;
    }

    @Override
    public ClientState next(HandshakeMessage message, HandshakeIo io) {
        Certificate certificate = Expect.one(message, Certificate.class, "AwaitCertificate");
        return ServerCertificate.accept(progress, Optional.of(request), certificate, io);
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
