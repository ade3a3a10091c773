package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.PeerVerified;
import dev.bastion.tls.handshake.SignatureVerified;
import dev.bastion.tls.handshake.tls12.common.SignedParams;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ServerKeyExchange;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import java.util.List;
import java.util.Optional;

/**
 * An (EC)DHE suite: the ServerKeyExchange comes next (RFC 5246 §7.4.3, RFC 8422 §5.4). Its
 * signature over both randoms and the params must use a scheme the client offered that fits
 * the certificate's key (illegal_parameter) and verify (decrypt_error); then the params are
 * checked ({@link KeyAgreement}).
 */
final class AwaitServerKeyExchange implements ClientState {
    private final Progress progress;
    private final PeerVerified peer;

    AwaitServerKeyExchange(Progress progress, PeerVerified peer) {
        this.progress = progress;
        this.peer = peer;
    }

    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        ServerKeyExchange ske = Expect.one(message, ServerKeyExchange.class, "AwaitServerKeyExchange");
        byte[] content = SignedParams.content(progress.offer().clientRandom(), progress.serverRandom().toByteArray(),
                ske.signedParams().toByteArray());
        SignatureVerified signature = SignatureVerified.check(ske.signatureScheme(), ske.signature().toByteArray(),
                offeredSchemes(), SignatureScheme.TLS12, peer, content, "server");
        KeyAgreement agreement = KeyAgreement.of(ske.params(), progress.offer());
        Negotiated n = progress.negotiated();
        if (agreement.group().isPresent()) {
            n = n.withGroup(agreement.group().get());
            io.handshakeSession(n);
        }
        return new AwaitCertificateRequestOrDone(progress.with(n), agreement, Optional.of(signature));
    }

    /**
     * The schemes of the signature_algorithms the client sent that may sign a TLS 1.2
     * ServerKeyExchange (SHA-1 ones are there only when configured).
     */
    private List<SignatureScheme> offeredSchemes() {
        return progress.offer().hello().extensions().signatureAlgorithms().map(SignatureAlgorithms::schemes)
                .orElse(List.of()).stream().map(SignatureScheme::fromCode).flatMap(Optional::stream)
                .filter(s -> s.usableForHandshakeSignatures(SignatureScheme.TLS12) || s.isLegacySha1()).toList();
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
