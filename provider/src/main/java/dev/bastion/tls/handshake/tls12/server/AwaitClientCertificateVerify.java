package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.crypto.Tls12KeyBlock;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.SignatureVerified;
import dev.bastion.tls.message.CertificateVerify;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import java.util.Optional;

/**
 * The client sent a certificate; its CertificateVerify comes next (RFC 5246 §7.4.8): a scheme
 * from our CertificateRequest that fits its key (illegal_parameter) and a signature over every
 * handshake message before it (decrypt_error).
 */
final class AwaitClientCertificateVerify implements ServerState {
    private final Progress progress;
    private final Tls12MasterSecret master;
    private final Tls12KeyBlock keys;
    private final ClientSigner signer;
    private final byte[] messagesBefore;

    AwaitClientCertificateVerify(Progress progress, Tls12MasterSecret master, Tls12KeyBlock keys, ClientSigner signer,
            byte[] messagesBefore) {
        this.progress = progress;
        this.master = master;
        this.keys = keys;
        this.signer = signer;
        this.messagesBefore = messagesBefore;
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        CertificateVerify cv = Expect.one(message, CertificateVerify.class, "AwaitClientCertificateVerify");
        SignatureVerified signature = SignatureVerified.check(cv.signatureScheme(), cv.signature().toByteArray(),
                signer.requestedSchemes(), SignatureScheme.TLS12, signer.peer(), messagesBefore, "client");
        io.transcript().dropMessages();
        return new AwaitClientCcs(progress, master, keys, Optional.of(signature));
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
