package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.CertificateChains;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.LocalCredential;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.handshake.ServerAnswers;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.KeyShareEntry;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import dev.bastion.tls.message.ext.SignatureAlgorithmsCert;
import dev.bastion.tls.message.ext.SupportedGroups;
import java.security.Principal;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIServerName;

/**
 * The server's decisions on a ClientHello (already checked by {@link ClientHelloChecks}):
 * <ul>
 *   <li>cipher suite: the client's order, or ours with {@code honourServerCipherSuiteOrder};
 *       none in common is handshake_failure;
 *   <li>group: post-quantum first — when we enable a hybrid group (X25519MLKEM768) that the
 *       client supports, that group, asked for by HelloRetryRequest if the client sent no share
 *       for it (as OpenSSL 3.5 and BoringSSL servers prefer their hybrid group; one round trip
 *       buys protection against harvest-now-decrypt-later); otherwise the first key share the
 *       client sent for a group we support (as SunJSSE and OpenSSL do: no HelloRetryRequest
 *       round trip when a share is usable); else our most preferred group among the client's
 *       supported_groups, asked for by HelloRetryRequest; none in common is handshake_failure;
 *   <li>server name and ALPN: see {@link ServerAnswers} (acknowledged in EE);
 *   <li>certificate and signature scheme: the key manager is asked for the key types of the
 *       schemes both sides accept, in the client's order, after the handshake session shows
 *       the requested names and the client's schemes (key managers read them).
 * </ul>
 */
final class ServerChoices {
    private ServerChoices() {
    }

    /** Suite, group, server name and ALPN; the certificate comes with {@link #certificate}. */
    static Choices make(HandshakeConfig config, ClientHello ch, HandshakeIo io) {
        CipherSuite suite = suite(config, ch);
        NamedGroup group = group(config, ch);
        List<SNIServerName> requested = ServerAnswers.requestedNames(ch);
        boolean ack = ServerAnswers.acknowledgeServerName(config, requested);
        List<Integer> clientSchemes = ch.extensions().signatureAlgorithms().map(SignatureAlgorithms::schemes).orElseThrow();
        // RFC 8446 §4.2.3: signature_algorithms_cert, when sent, says what the client accepts in
        // certificates; the session shows it (as SunJSSE's does) so a key manager picks a chain
        // the client can verify, e.g. one signed with rsa_pkcs1_sha256 that JDK 25 lists only there
        List<Integer> certificateSchemes = ch.extensions().signatureAlgorithmsCert()
                .map(SignatureAlgorithmsCert::schemes).orElse(clientSchemes);
        Negotiated n = Negotiated.NONE.withVersion(HandshakeConfig.TLS13).withCipherSuite(suite).withGroup(group)
                .withRequestedServerNames(requested).withPeerSignatureSchemes(Negotiator.schemeNames(certificateSchemes))
                .withCreationTime(SessionStates.now(io));
        io.handshakeSession(n);
        Optional<String> protocol = ServerAnswers.applicationProtocol(config, ch, io);
        n = n.withApplicationProtocol(protocol);
        io.handshakeSession(n);
        return new Choices(suite, group, Optional.empty(), protocol, ack, n);
    }

    /** {@code c} with the key manager's certificate and the scheme to sign with (a full handshake). */
    static Choices certificate(HandshakeConfig config, ClientHello ch, Choices c, HandshakeIo io) {
        List<Integer> clientSchemes = ch.extensions().signatureAlgorithms().map(SignatureAlgorithms::schemes).orElseThrow();
        List<SignatureScheme> schemes = Negotiator.commonSchemes(clientSchemes, config.signatureSchemes(),
                SignatureScheme.TLS13);
        if (schemes.isEmpty()) {
            throw TlsAlert.handshakeFailure("no TLS 1.3 signature scheme in common: client offered "
                    + Negotiator.schemeList(clientSchemes) + ", server enables " + config.signatureSchemes());
        }
        List<String> keyTypes = Negotiator.keyTypes(schemes);
        List<Principal> issuers = CertificateChains.issuers(ch.extensions());
        LocalCredential credential = Negotiator.fitting(io.credentials().chooseServerCredential(keyTypes, issuers),
                schemes, SignatureScheme.TLS13, io.credentials(), issuers, false).orElseThrow(() -> TlsAlert.handshakeFailure(
                        "the key manager has no server certificate for key types " + keyTypes
                                + " (client's signature schemes: " + schemes + ")"
                                + io.credentials().refusedChoice().map(r -> "; " + r).orElse("")));
        PublicKey key = credential.chain().get(0).getPublicKey();
        SignatureScheme scheme = Negotiator.schemeFor(schemes, key, SignatureScheme.TLS13).orElseThrow(
                () -> TlsAlert.handshakeFailure("the server certificate's " + key.getAlgorithm() + " key fits none of"
                        + " the signature schemes both sides accept: " + schemes));
        return c.with(new ServerCredential(scheme, credential));
    }

    private static CipherSuite suite(HandshakeConfig config, ClientHello ch) {
        List<CipherSuite> ours = config.cipherSuites().stream().filter(CipherSuite::isTls13).toList();
        return Negotiator.chooseSuite(ours, ch.cipherSuites(), config.honourServerCipherSuiteOrder())
                .orElseThrow(() -> TlsAlert.handshakeFailure("no TLS 1.3 cipher suite in common: client offered "
                        + Negotiator.suiteList(ch.cipherSuites()) + ", server enables " + ours));
    }

    private static NamedGroup group(HandshakeConfig config, ClientHello ch) {
        List<Integer> theirs = ch.extensions().supportedGroups().map(SupportedGroups::groups).orElseThrow();
        Optional<NamedGroup> hybrid = config.groups().stream()
                .filter(g -> g.family() == NamedGroup.Family.HYBRID && theirs.contains(g.code())).findFirst();
        if (hybrid.isPresent()) {
            return hybrid.get();
        }
        for (KeyShareEntry share : ch.extensions().keyShareClientHello().orElseThrow().shares()) {
            Optional<NamedGroup> g = NamedGroup.fromCode(share.group());
            if (g.isPresent() && config.groups().contains(g.get())) {
                return g.get();
            }
        }
        return config.groups().stream().filter(g -> theirs.contains(g.code())).findFirst()
                .orElseThrow(() -> TlsAlert.handshakeFailure("no key exchange group in common: client supports "
                        + Negotiator.groupList(theirs) + ", server enables " + config.groups()));
    }
}
