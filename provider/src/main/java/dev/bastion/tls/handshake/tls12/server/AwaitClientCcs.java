package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.crypto.Tls12KeyBlock;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.SignatureVerified;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import java.util.Optional;

/**
 * The client's ChangeCipherSpec comes next (RFC 5246 §7.1): the read side switches to the
 * client's write keys. A handshake message before it — a Finished in the clear above all — is
 * unexpected_message.
 */
final class AwaitClientCcs implements ServerState {
    private final Progress progress;
    private final Tls12MasterSecret master;
    private final Tls12KeyBlock keys;
    private final Optional<SignatureVerified> clientSignature;

    /** @param clientSignature the client's verified CertificateVerify, when it authenticated */
    AwaitClientCcs(Progress progress, Tls12MasterSecret master, Tls12KeyBlock keys,
            Optional<SignatureVerified> clientSignature) {
        this.progress = progress;
        this.master = master;
        this.keys = keys;
        this.clientSignature = clientSignature;
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        throw Expect.unexpected(message, "AwaitClientCcs", "ChangeCipherSpec (RFC 5246 §7.1)");
    }

    @Override
    public ServerState changeCipherSpec(HandshakeIo io) {
        try {
            io.installReadKeys12(keys.clientWrite());
        } finally {
            keys.clientWrite().destroy();
        }
        return new AwaitClientFinished(progress, master, keys.serverWrite(), io.transcript().current());
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }

    @Override
    public String toString() {
        return "AwaitClientCcs" + clientSignature.map(s -> "(" + s + ")").orElse("");
    }
}
