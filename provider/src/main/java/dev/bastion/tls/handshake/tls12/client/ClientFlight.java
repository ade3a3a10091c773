package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.crypto.Tls12KeyBlock;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.CertificateChains;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.LocalCredential;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.handshake.tls12.common.MasterSecrets;
import dev.bastion.tls.handshake.tls12.common.Schemes12;
import dev.bastion.tls.message.Certificate12;
import dev.bastion.tls.message.CertificateRequest12;
import dev.bastion.tls.message.CertificateVerify;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.ext.Opaque;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The client's flight after ServerHelloDone (RFC 5246 §7.3): its Certificate when asked (empty
 * when the key manager has nothing that fits, §7.4.6), ClientKeyExchange, CertificateVerify
 * over all handshake messages so far when it sent a certificate (§7.4.8), then
 * ChangeCipherSpec and Finished under the new keys. The master secret is derived after
 * ClientKeyExchange, so the extended master secret's session hash covers it (RFC 7627 §3).
 */
final class ClientFlight {
    /** A chosen client certificate and the scheme it signs CertificateVerify with. */
    private record Signer(LocalCredential credential, SignatureScheme scheme) {
    }

    private ClientFlight() {
    }

    static ClientState send(Progress progress, KeyAgreement agreement, Optional<CertificateRequest12> request,
            HandshakeIo io) {
        Negotiated n = progress.negotiated();
        if (request.isPresent()) {
            // what the key manager checks a client chain against (getPeerSupportedSignatureAlgorithms)
            n = n.withPeerSignatureSchemes(Negotiator.schemeNames(request.get().signatureAlgorithms()));
            io.handshakeSession(n);
        }
        Optional<Signer> signer = request.flatMap(r -> signer(progress, r, io));
        if (request.isPresent()) {
            List<X509Certificate> chain = signer.map(s -> s.credential().chain()).orElse(List.of());
            io.send(new Certificate12(CertificateChains.encoded(chain)));
            n = n.withLocalCertificates(chain);
        }
        ClientExchange exchange = agreement.answer(progress.offer(), io);
        Tls12MasterSecret master;
        try {
            io.send(exchange.message());
            master = MasterSecrets.derive(progress.suite(), exchange.premaster(), progress.extendedMasterSecret(),
                    progress.offer().clientRandom(), progress.serverRandom().toByteArray(), io.transcript().current(), io);
        } finally {
            exchange.wipe();
        }
        if (signer.isPresent()) {
            Signer s = signer.get();
            byte[] signature = s.scheme().sign(s.credential().key(), io.transcript().messages(), io.random());
            io.send(new CertificateVerify(s.scheme().code(), Opaque.of(signature)));
        }
        io.transcript().dropMessages();
        Tls12KeyBlock keys = master.keyBlock(progress.offer().clientRandom(), progress.serverRandom().toByteArray());
        io.changeCipherSpec12(keys.clientWrite());
        keys.clientWrite().destroy();
        io.send(new Finished(Opaque.of(master.clientFinishedVerifyData(io.transcript().current()))));
        io.handshakeSession(n);
        return new AwaitServerCcs(progress.with(n), master, keys.serverWrite(), io.transcript().current());
    }

    /**
     * The key manager's certificate for a CertificateRequest: key types from the schemes both
     * sides accept, limited by certificate_types (rsa_sign: RSA keys; ecdsa_sign: EC and EdDSA
     * keys, RFC 8422 §5.5), issuers from certificate_authorities.
     */
    private static Optional<Signer> signer(Progress progress, CertificateRequest12 request, HandshakeIo io) {
        List<SignatureScheme> schemes = Schemes12.common(request.signatureAlgorithms(), Schemes12.ours(progress.config()))
                .stream().filter(s -> allowedType(request.certificateTypes(), s)).toList();
        if (schemes.isEmpty()) {
            return Optional.empty();
        }
        Optional<LocalCredential> credential = io.credentials().chooseClientCredential(Negotiator.keyTypes(schemes),
                CertificateChains.issuers(request.certificateAuthorities()));
        return credential.flatMap(c -> Schemes12.choose(request.signatureAlgorithms(), schemes,
                c.chain().get(0).getPublicKey()).map(s -> new Signer(c, s)));
    }

    private static boolean allowedType(List<Integer> certificateTypes, SignatureScheme s) {
        switch (s.keyType()) {
            case RSA:
            case RSASSA_PSS:
                return certificateTypes.contains(CertificateRequest12.RSA_SIGN);
            default:
                return certificateTypes.contains(CertificateRequest12.ECDSA_SIGN);
        }
    }
}
