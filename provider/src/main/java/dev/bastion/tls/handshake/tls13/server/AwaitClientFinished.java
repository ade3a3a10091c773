package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.crypto.FinishedVerified;
import dev.bastion.tls.crypto.ResumptionMasterSecret;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.SignatureVerified;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.HandshakeMessage;
import java.util.Optional;

/**
 * The client's Finished comes last (RFC 8446 §4.4.4, decrypt_error when it does not match);
 * then the server reads application data, the handshake is complete and the server sends its
 * NewSessionTickets ({@link Tickets}).
 */
final class AwaitClientFinished implements ServerState {
    private final Progress progress;
    private final byte[] hashBeforeFinished;
    private final Optional<SignatureVerified> clientSignature;

    AwaitClientFinished(Progress progress, byte[] hashBeforeFinished) {
        this(progress, hashBeforeFinished, Optional.empty());
    }

    /** @param clientSignature the client's CertificateVerify, when it authenticated */
    AwaitClientFinished(Progress progress, byte[] hashBeforeFinished, Optional<SignatureVerified> clientSignature) {
        this.progress = progress;
        this.hashBeforeFinished = hashBeforeFinished.clone();
        this.clientSignature = clientSignature;
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        Finished finished = Expect.one(message, Finished.class, "AwaitClientFinished");
        FinishedVerified clientFinished = progress.keys().client().verifyFinished(hashBeforeFinished,
                finished.verifyData().toByteArray());
        progress.traffic().installRead(io);
        ResumptionMasterSecret resumption = progress.keys().finish(io.transcript().current());
        io.complete(progress.negotiated());
        Tickets.send(io, progress.negotiated(), resumption, progress.clientPskModes());
        return new Traffic(progress.traffic(), clientFinished);
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
        return "AwaitClientFinished" + clientSignature.map(s -> "(" + s + ")").orElse("");
    }
}
