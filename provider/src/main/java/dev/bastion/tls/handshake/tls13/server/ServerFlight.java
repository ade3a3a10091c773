package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.crypto.EarlySecret;
import dev.bastion.tls.crypto.Encapsulation;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.CertificateChains;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.handshake.ServerAnswers;
import dev.bastion.tls.handshake.ServerStaple;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.handshake.tls13.common.ApplicationTraffic;
import dev.bastion.tls.handshake.tls13.common.CertificateVerify13;
import dev.bastion.tls.handshake.tls13.common.HandshakeTraffic;
import dev.bastion.tls.message.Certificate;
import dev.bastion.tls.message.CertificateRequest;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.EncryptedExtensions;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.CertificateAuthorities;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.KeyShareEntry;
import dev.bastion.tls.message.ext.KeyShareServerHello;
import dev.bastion.tls.message.ext.MaxFragmentLength;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.PreSharedKeyServerHello;
import dev.bastion.tls.message.ext.ServerName;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import dev.bastion.tls.message.ext.SignatureAlgorithmsCert;
import dev.bastion.tls.message.ext.SupportedVersionsServerHello;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's flight (RFC 8446 §2): ServerHello in the clear, the compatibility CCS when the
 * client is in compatibility mode (§D.4), then under the server handshake keys
 * EncryptedExtensions, CertificateRequest (when client authentication is on), Certificate (with
 * an OCSP staple, {@link ServerStaple}), CertificateVerify and Finished; when resuming with a PSK (§2.2) EncryptedExtensions and
 * Finished only. The server writes application data from here on; it reads the client's
 * handshake keys until the client's Finished, dropping early data the client may send
 * ({@link HandshakeIo#skipEarlyData}).
 */
final class ServerFlight {
    private ServerFlight() {
    }

    static ServerState respond(HandshakeConfig config, ClientHello ch, Choices c, KeyShareEntry share,
            Optional<AcceptedPsk> psk, boolean ccsSent, HandshakeIo io) {
        Opaque random = Opaque.of(bytes(io, 32));
        boolean dhe = psk.map(AcceptedPsk::dhe).orElse(true);
        Encapsulation kem = dhe ? c.group().encapsulate(share.keyExchange().toByteArray(), io.random()) : null;
        HandshakeTraffic keys;
        try {
            io.send(new ServerHello(HandshakeConfig.TLS12, random, ch.legacySessionId(), c.suite().code(), 0,
                    serverHelloExtensions(c, kem, psk)));
            compatibilityCcs(ch, ccsSent, io);
            EarlySecret early = psk.map(AcceptedPsk::early).orElseGet(() -> EarlySecret.withoutPsk(c.suite().hash()));
            keys = HandshakeTraffic.derive(c.suite(), early, kem == null ? null : kem.sharedSecret(),
                    io.transcript().current(), ch.random().toByteArray(), io);
        } finally {
            if (kem != null) {
                kem.destroy();
            }
        }
        io.installWriteKeys13(keys.keys(Side.SERVER));
        io.installReadKeys13(keys.keys(Side.CLIENT));
        if (ch.extensions().contains(ExtensionType.EARLY_DATA)) {
            io.skipEarlyData(); // RFC 8446 §4.2.10: never accepted; EncryptedExtensions will not say early_data
        }
        io.send(encryptedExtensions(c, ServerAnswers.maxFragmentLength(ch, io)));
        Negotiated n = psk.map(p -> resumed(p, c, kem != null)).orElse(c.negotiated());
        Optional<CertificateRequest> request = Optional.empty();
        if (psk.isEmpty()) {
            // RFC 8446 §2.2, §4.3.2: a PSK handshake has no Certificate, CertificateVerify or CertificateRequest
            request = config.clientAuth() == ClientAuth.NONE ? Optional.empty() : Optional.of(certificateRequest(config, io));
            request.ifPresent(io::send);
            ServerCredential cert = c.certificate().orElseThrow();
            List<X509Certificate> chain = cert.credential().chain();
            io.send(new Certificate(Opaque.EMPTY, CertificateChains.entries(chain,
                    ServerStaple.find(config, ch, chain, io))));
            io.send(CertificateVerify13.sign(cert.scheme(), cert.credential().key(), Side.SERVER,
                    io.transcript().current(), io.random()));
        }
        io.send(new Finished(Opaque.of(keys.server().finishedVerifyData(io.transcript().current()))));
        ApplicationTraffic traffic = keys.application(io.transcript().current(), Side.SERVER, io);
        traffic.installWrite(io);
        io.handshakeSession(n);
        Progress progress = new Progress(config, keys, traffic, n, ch.extensions().pskKeyExchangeModes());
        if (request.isPresent()) {
            return new AwaitClientCertificate(progress, request.get());
        }
        return new AwaitClientFinished(progress, io.transcript().current());
    }

    /** key_share (unless psk_ke), supported_versions, and pre_shared_key when resuming (RFC 8446 §4.2.11). */
    private static Extensions serverHelloExtensions(Choices c, Encapsulation kem, Optional<AcceptedPsk> psk) {
        List<Extension> ext = new ArrayList<>();
        if (kem != null) {
            ext.add(new KeyShareServerHello(new KeyShareEntry(c.group().code(), Opaque.of(kem.publicValue()))));
        }
        ext.add(new SupportedVersionsServerHello(HandshakeConfig.TLS13));
        psk.ifPresent(p -> ext.add(new PreSharedKeyServerHello(p.index())));
        return Extensions.of(ext);
    }

    /** The session a PSK resumes, with this handshake's server names, ALPN and (with psk_dhe_ke) group. */
    private static Negotiated resumed(AcceptedPsk p, Choices c, boolean dhe) {
        Negotiated fresh = c.negotiated();
        Negotiated n = SessionStates.resumed(p.state(), c.suite(), fresh.requestedServerNames())
                .withApplicationProtocol(fresh.applicationProtocol())
                .withPeerSignatureSchemes(fresh.peerSignatureSchemes());
        return dhe ? n.withGroup(c.group()) : n;
    }

    /**
     * RFC 8446 §D.4: "The server sends a dummy change_cipher_spec record immediately after its
     * first handshake message" when the client is in compatibility mode, which a non-empty
     * legacy_session_id shows. Returns whether it has been sent.
     */
    static boolean compatibilityCcs(ClientHello ch, boolean alreadySent, HandshakeIo io) {
        if (alreadySent || ch.legacySessionId().isEmpty()) {
            return alreadySent;
        }
        io.sendCompatibilityCcs();
        return true;
    }

    private static EncryptedExtensions encryptedExtensions(Choices c, Optional<MaxFragmentLength> mfl) {
        List<Extension> ext = new ArrayList<>();
        if (c.serverNameAck()) {
            ext.add(ServerName.ACKNOWLEDGEMENT);
        }
        c.applicationProtocol().ifPresent(p -> ext.add(Alpn.of(p)));
        mfl.ifPresent(ext::add);
        return new EncryptedExtensions(Extensions.of(ext));
    }

    /** RFC 8446 §4.3.2: an empty context, the schemes we accept and the CAs the trust manager accepts. */
    private static CertificateRequest certificateRequest(HandshakeConfig config, HandshakeIo io) {
        List<Extension> ext = new ArrayList<>();
        ext.add(new SignatureAlgorithms(Negotiator.usable(config.signatureSchemes(), SignatureScheme.TLS13).stream()
                .map(SignatureScheme::code).toList()));
        if (!config.certificateSchemes().isEmpty()) {
            ext.add(new SignatureAlgorithmsCert(config.certificateSchemes().stream().map(SignatureScheme::code).toList()));
        }
        List<Opaque> authorities = CertificateChains.authorities(io.credentials().acceptedIssuers());
        if (!authorities.isEmpty()) {
            ext.add(new CertificateAuthorities(authorities));
        }
        return new CertificateRequest(Opaque.EMPTY, Extensions.of(config.sent(ext)));
    }

    private static byte[] bytes(HandshakeIo io, int n) {
        byte[] b = new byte[n];
        io.random().nextBytes(b);
        return b;
    }
}
