package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.handshake.CertificateChains;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.PeerVerified;
import dev.bastion.tls.handshake.StapledResponses;
import dev.bastion.tls.handshake.tls12.common.Suites12;
import dev.bastion.tls.message.Certificate12;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Every suite Bastion offers authenticates the server, so its Certificate comes next (RFC 5246
 * §7.4.2): not empty (decode_error, as RFC 8446 §4.4.2.4), a key that fits the suite
 * (unsupported_certificate: an RSA suite needs an RSA key, an ECDSA suite an EC or EdDSA key),
 * and the trust manager's consent, asked with SunJSSE's authType ({@link Suites12#authType}) —
 * after the CertificateStatus when the server said it would staple one, so that the trust
 * manager can see it ({@link AwaitCertificateStatus}).
 */
final class AwaitServerCertificate implements ClientState {
    private final Progress progress;

    AwaitServerCertificate(Progress progress) {
        this.progress = progress;
    }

    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        Certificate12 certificate = Expect.one(message, Certificate12.class, "AwaitServerCertificate");
        if (certificate.certificates().isEmpty()) {
            throw TlsAlert.decodeError("server sent an empty Certificate (RFC 5246 §7.4.2)");
        }
        X509Certificate[] chain = CertificateChains.parse(certificate.certificates(),
                progress.config().maxCertificateChainLength(), "server");
        CipherSuite suite = progress.suite();
        PublicKey key = chain[0].getPublicKey();
        if (!Suites12.fits(suite, key)) {
            throw new TlsAlert(AlertDescription.UNSUPPORTED_CERTIFICATE, "server certificate "
                    + chain[0].getSubjectX500Principal() + " has a " + key.getAlgorithm() + " key, which cannot serve "
                    + suite + " (RFC 5246 §7.4.2)");
        }
        if (progress.expectStatus()) {
            return new AwaitCertificateStatus(progress, chain);
        }
        return trusted(progress, chain, List.of(), io);
    }

    /**
     * Asks the trust manager about {@code chain}, with the server's stapled OCSP responses (if
     * any) in the handshake session, and goes on to the key exchange.
     */
    static ClientState trusted(Progress progress, X509Certificate[] chain, List<byte[]> stapled, HandshakeIo io) {
        Negotiated n = StapledResponses.shown(progress.negotiated(), stapled, io);
        CipherSuite suite = progress.suite();
        PeerVerified peer = PeerVerified.server(io.credentials(), chain, Suites12.authType(suite));
        n = n.withPeerCertificates(peer.chain());
        io.handshakeSession(n);
        Progress next = progress.with(n);
        if (suite.keyExchange() == CipherSuite.KeyExchange.RSA) {
            return new AwaitCertificateRequestOrDone(next, KeyAgreement.rsa(peer.publicKey()), Optional.empty());
        }
        return new AwaitServerKeyExchange(next, peer);
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
