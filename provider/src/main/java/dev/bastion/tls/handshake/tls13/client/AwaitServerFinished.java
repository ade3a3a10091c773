package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.crypto.FinishedVerified;
import dev.bastion.tls.crypto.ResumptionMasterSecret;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.SignatureVerified;
import dev.bastion.tls.handshake.tls13.common.ApplicationTraffic;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.Side;
import java.util.Optional;

/**
 * The server proved its key (or, resuming, knows the PSK); its Finished comes next (RFC 8446
 * §4.4.4, decrypt_error when it does not match). Then the client derives the application
 * secrets, sends its own flight ({@link ClientFlight}) and switches both directions to
 * application keys. The session's tickets will share an identifier: a new one for a full
 * handshake, the resumed session's otherwise.
 */
final class AwaitServerFinished implements ClientState {
    private final Progress progress;
    private final Optional<CertificateRequest> request;
    private final Optional<SignatureVerified> serverSignature;
    private final byte[] hashThroughCertificateVerify;

    /** @param serverSignature the proof of the server's CertificateVerify; empty when resuming with a PSK */
    AwaitServerFinished(Progress progress, Optional<CertificateRequest> request,
            Optional<SignatureVerified> serverSignature, byte[] hashThroughCertificateVerify) {
        this.progress = progress;
        this.request = request;
        this.serverSignature = serverSignature;
        this.hashThroughCertificateVerify = hashThroughCertificateVerify.clone();
    }

    @Override
    public ClientState next(HandshakeMessage message, HandshakeIo io) {
        Finished finished = Expect.one(message, Finished.class, "AwaitServerFinished");
        FinishedVerified serverFinished = progress.keys().server().verifyFinished(hashThroughCertificateVerify,
                finished.verifyData().toByteArray());
        ApplicationTraffic traffic = progress.keys().application(io.transcript().current(), Side.CLIENT, io);
        traffic.installRead(io);
        Negotiated n = ClientFlight.send(progress, request, io);
        traffic.installWrite(io);
        ResumptionMasterSecret resumption = progress.keys().finish(io.transcript().current());
        io.complete(n);
        return new Traffic(traffic, resumption, new Tickets(progress.config(), n),
                serverFinished);
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }

    @Override
    public boolean acceptsCompatibilityCcs() {
        return true;
    }

    @Override
    public String toString() {
        return "AwaitServerFinished(" + serverSignature.map(Object::toString).orElse("resumed with a PSK") + ")";
    }
}
