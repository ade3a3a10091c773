package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.CertificateRequest12;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ServerHelloDone;
import java.util.Optional;

/** The server asked for a client certificate; its ServerHelloDone comes next (RFC 5246 §7.4.5). */
final class AwaitServerHelloDone implements ClientState {
    private final Progress progress;
    private final KeyAgreement agreement;
    private final CertificateRequest12 request;

    AwaitServerHelloDone(Progress progress, KeyAgreement agreement, CertificateRequest12 request) {
        this.progress = progress;
        this.agreement = agreement;
        this.request = request;
    }

    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        Expect.one(message, ServerHelloDone.class, "AwaitServerHelloDone");
        return ClientFlight.send(progress, agreement, Optional.of(request), io);
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
