package dev.bastion.tls.handshake;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.KeyShareClientHello;
import dev.bastion.tls.message.ext.KeyShareEntry;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.PskKeyExchangeModes;
import dev.bastion.tls.message.ext.ServerName;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import dev.bastion.tls.message.ext.SignatureAlgorithmsCert;
import dev.bastion.tls.message.ext.SupportedGroups;
import dev.bastion.tls.message.ext.SupportedVersionsClientHello;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIServerName;

/**
 * Builds the client's first ClientHello from the configuration (RFC 8446 §4.1.2). One hello
 * serves both versions: it offers TLS 1.3 through supported_versions and, when TLS 1.2 is
 * enabled too, the TLS 1.2 suites and schemes.
 *
 * <p>Extensions, in order: server_name, supported_groups, key_share, supported_versions,
 * signature_algorithms, signature_algorithms_cert, application_layer_protocol_negotiation,
 * psk_key_exchange_modes (psk_dhe_ke). No pre_shared_key: resumption comes later.
 */
public final class ClientHellos {
    private static final int LEGACY_VERSION = HandshakeConfig.TLS12;

    private ClientHellos() {
    }

    /** The first ClientHello; {@code shares} are the key shares in the order of {@code config.keyShareGroups()}. */
    public static ClientHello build(HandshakeConfig config, Opaque random, Opaque sessionId, List<KeyShareEntry> shares) {
        List<Extension> ext = new ArrayList<>();
        serverName(config).ifPresent(ext::add);
        ext.add(new SupportedGroups(config.groups().stream().map(NamedGroup::code).toList()));
        ext.add(new KeyShareClientHello(shares));
        ext.add(new SupportedVersionsClientHello(versions(config)));
        ext.add(new SignatureAlgorithms(codes(signatureSchemes(config))));
        if (!config.certificateSchemes().isEmpty()) {
            ext.add(new SignatureAlgorithmsCert(codes(config.certificateSchemes())));
        }
        if (!config.applicationProtocols().isEmpty()) {
            ext.add(Alpn.of(config.applicationProtocols().toArray(new String[0])));
        }
        ext.add(new PskKeyExchangeModes(List.of(PskKeyExchangeModes.PSK_DHE_KE)));
        return new ClientHello(LEGACY_VERSION, random, sessionId, suites(config).stream().map(CipherSuite::code).toList(),
                List.of(ClientHello.NULL_COMPRESSION), Extensions.of(ext));
    }

    /** The suites to offer: the TLS 1.3 ones, and the TLS 1.2 ones when TLS 1.2 is enabled, in config order. */
    public static List<CipherSuite> suites(HandshakeConfig config) {
        return config.cipherSuites().stream()
                .filter(s -> s.isTls13() ? config.enables(HandshakeConfig.TLS13) : config.enables(HandshakeConfig.TLS12))
                .toList();
    }

    /**
     * The signature_algorithms to send: schemes usable for handshake signatures in an enabled
     * version (TLS 1.3 leaves out RSA PKCS#1 v1.5, RFC 8446 §4.2.3).
     */
    public static List<SignatureScheme> signatureSchemes(HandshakeConfig config) {
        return config.signatureSchemes().stream()
                .filter(s -> config.enables(HandshakeConfig.TLS13) && s.usableForHandshakeSignatures(HandshakeConfig.TLS13)
                        || config.enables(HandshakeConfig.TLS12) && s.usableForHandshakeSignatures(HandshakeConfig.TLS12))
                .toList();
    }

    /** The server names to request: {@code config.serverNames()}, else the peer host when it is a DNS name. */
    public static List<SNIServerName> requestedNames(HandshakeConfig config) {
        if (!config.serverNames().isEmpty()) {
            return config.serverNames();
        }
        return config.peerHost().flatMap(ServerNames::fromPeerHost).<List<SNIServerName>>map(List::of).orElse(List.of());
    }

    private static Optional<ServerName> serverName(HandshakeConfig config) {
        return ServerNames.extension(requestedNames(config));
    }

    private static List<Integer> versions(HandshakeConfig config) {
        return config.versions().stream()
                .filter(v -> v == HandshakeConfig.TLS13 || v == HandshakeConfig.TLS12)
                .toList();
    }

    private static List<Integer> codes(List<SignatureScheme> schemes) {
        return schemes.stream().map(SignatureScheme::code).toList();
    }
}
