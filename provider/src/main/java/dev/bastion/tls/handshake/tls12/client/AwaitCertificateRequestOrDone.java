package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.SignatureVerified;
import dev.bastion.tls.message.CertificateRequest12;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ServerHelloDone;
import java.util.Optional;

/**
 * The server's key exchange is known; a CertificateRequest (RFC 5246 §7.4.4) or the
 * ServerHelloDone (§7.4.5) comes next. On ServerHelloDone the client sends its flight.
 */
final class AwaitCertificateRequestOrDone implements ClientState {
    private final Progress progress;
    private final KeyAgreement agreement;
    private final Optional<SignatureVerified> serverSignature;

    /** @param serverSignature the proof the ServerKeyExchange was verified; empty for RSA key transport */
    AwaitCertificateRequestOrDone(Progress progress, KeyAgreement agreement, Optional<SignatureVerified> serverSignature) {
        this.progress = progress;
        this.agreement = agreement;
        this.serverSignature = serverSignature;
    }

    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        if (message instanceof CertificateRequest12) {
            return new AwaitServerHelloDone(progress, agreement, (CertificateRequest12) message);
        }
        if (message instanceof ServerHelloDone) {
            return ClientFlight.send(progress, agreement, Optional.empty(), io);
        }
        throw Expect.unexpected(message, "AwaitCertificateRequestOrDone", "CertificateRequest or ServerHelloDone");
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }

    @Override
    public String toString() {
        return "AwaitCertificateRequestOrDone" + serverSignature.map(s -> "(" + s + ")").orElse("");
    }
}
