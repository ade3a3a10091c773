package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.CertificateChains;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.LocalCredential;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.handshake.tls13.common.CertificateVerify13;
import dev.bastion.tls.message.Certificate;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import java.security.Principal;
import java.util.List;
import java.util.Optional;

/**
 * The client's second flight (RFC 8446 §4.4): the compatibility CCS if it is still due (§D.4),
 * then under the client handshake keys (installed since the ServerHello) its Certificate and CertificateVerify when the server
 * asked (an empty Certificate when the key manager has nothing that fits, §4.4.2), and Finished.
 */
final class ClientFlight {
    private ClientFlight() {
    }

    /** Sends the flight and returns the session with our certificates, if any. */
    static Negotiated send(Progress progress, Optional<CertificateRequest> request, HandshakeIo io) {
        if (progress.config().middleboxCompatibility() && !progress.ccsSent()) {
            io.sendCompatibilityCcs();
        }
        Negotiated n = progress.negotiated();
        if (request.isPresent()) {
            n = certificate(progress, request.get(), io);
        }
        byte[] verifyData = progress.keys().client().finishedVerifyData(io.transcript().current());
        io.send(new Finished(Opaque.of(verifyData)));
        return n;
    }

    private static Negotiated certificate(Progress progress, CertificateRequest request, HandshakeIo io) {
        List<SignatureScheme> schemes = Negotiator.commonSchemes(
                request.extensions().signatureAlgorithms().map(SignatureAlgorithms::schemes).orElseThrow(),
                progress.config().signatureSchemes(), SignatureScheme.TLS13);
        List<Principal> issuers = CertificateChains.issuers(request.extensions());
        Optional<LocalCredential> credential = schemes.isEmpty() ? Optional.empty()
                : Negotiator.fitting(io.credentials().chooseClientCredential(Negotiator.keyTypes(schemes), issuers),
                        schemes, SignatureScheme.TLS13, io.credentials(), issuers, true);
        Optional<SignatureScheme> scheme = credential.flatMap(c -> Negotiator.schemeFor(schemes,
                c.chain().get(0).getPublicKey(), SignatureScheme.TLS13));
        Opaque context = request.certificateRequestContext();
        if (scheme.isEmpty()) {
            io.send(new Certificate(context, List.of()));
            return progress.negotiated();
        }
        LocalCredential c = credential.get();
        io.send(new Certificate(context, CertificateChains.entries(c.chain())));
        io.send(CertificateVerify13.sign(scheme.get(), c.key(), Side.CLIENT, io.transcript().current(), io.random()));
        Negotiated n = progress.negotiated().withLocalCertificates(c.chain());
        io.handshakeSession(n);
        return n;
    }
}
