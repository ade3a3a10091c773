package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.IdentityMemo;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.CertificateAuthorities;
import dev.bastion.tls.message.ext.EcPointFormats;
import dev.bastion.tls.message.ext.ExtendedMasterSecret;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.KeyShareClientHello;
import dev.bastion.tls.message.ext.KeyShareEntry;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.PskKeyExchangeModes;
import dev.bastion.tls.message.ext.ServerName;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import dev.bastion.tls.message.ext.SignatureAlgorithmsCert;
import dev.bastion.tls.message.ext.StatusRequest;
import dev.bastion.tls.message.ext.SupportedGroups;
import dev.bastion.tls.message.ext.SupportedVersionsClientHello;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIServerName;

/**
 * Builds the client's first ClientHello from the configuration (RFC 8446 §4.1.2, RFC 5246
 * §7.4.1.2). One hello serves both versions: it offers TLS 1.3 through supported_versions and,
 * when TLS 1.2 is enabled too, the TLS 1.2 suites, schemes and extensions, so that a TLS 1.2
 * server can answer it. With TLS 1.2 alone it is a plain TLS 1.2 hello (no supported_versions,
 * key_share or psk_key_exchange_modes).
 *
 * <p>Extensions, in order, each only when it applies: server_name, max_fragment_length
 * ({@link MaxFragmentLengths#offer}), status_request (an OCSP
 * request naming no responders and no extensions, RFC 6066 §8, when
 * {@link HandshakeConfig#statusRequest()}), ec_point_formats
 * (uncompressed only, RFC 8422 §5.1.2; TLS 1.2), supported_groups (without the TLS 1.3-only
 * hybrids when TLS 1.3 is off), key_share, supported_versions, signature_algorithms,
 * signature_algorithms_cert, application_layer_protocol_negotiation, extended_master_secret
 * (RFC 7627; TLS 1.2 with {@code jdk.tls.useExtendedMasterSecret}), session_ticket (RFC 5077;
 * TLS 1.2, when {@link HelloResumption#sessionTicket()} says), psk_key_exchange_modes (psk_dhe_ke, and
 * psk_ke when enabled), and last pre_shared_key (RFC 8446 §4.2.11) when a ticket is offered.
 * With TLS 1.2 the cipher suites end with TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.4), as
 * SunJSSE and OpenSSL send it, instead of an empty renegotiation_info. Extensions named in
 * {@code jdk.tls.client.disableExtensions} are left out ({@link HandshakeConfig#sent}).
 */
public final class ClientHellos {
    private static final int LEGACY_VERSION = HandshakeConfig.TLS12;
    /** TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3). */
    public static final int EMPTY_RENEGOTIATION_INFO_SCSV = 0x00FF;
    /** TLS_FALLBACK_SCSV (RFC 7507 §2); Bastion never sends it, its servers check it ({@link ServerVersions}). */
    public static final int FALLBACK_SCSV = 0x5600;
    /** CertificateStatusRequest: ocsp (1), no responder_id_list, no request_extensions (RFC 6066 §8). */
    private static final StatusRequest OCSP_STATUS_REQUEST = new StatusRequest(Opaque.ofHex("0100000000"));

    private ClientHellos() {
    }

    /** The first ClientHello; {@code shares} are the key shares in the order of {@code config.keyShareGroups()}. */
    public static ClientHello build(HandshakeConfig config, Opaque random, Opaque sessionId, List<KeyShareEntry> shares) {
        return build(config, random, sessionId, shares, HelloResumption.NONE);
    }

    /** The first ClientHello, resuming as {@code resumption} says. */
    public static ClientHello build(HandshakeConfig config, Opaque random, Opaque sessionId, List<KeyShareEntry> shares,
            HelloResumption resumption) {
        return build(config, random, sessionId, shares, resumption, List.of());
    }

    /**
     * The first ClientHello, resuming as {@code resumption} says; a TLS 1.3 one names
     * {@code authorities} (DER distinguished names) in certificate_authorities when there are any.
     */
    public static ClientHello build(HandshakeConfig config, Opaque random, Opaque sessionId, List<KeyShareEntry> shares,
            HelloResumption resumption, List<Opaque> authorities) {
        boolean tls13 = config.enables(HandshakeConfig.TLS13);
        Extensions extensions = !tls13 && resumption.sessionTicket().isEmpty()
                ? TLS12_EXTENSIONS.get(config, 0)
                : extensions(config, shares, resumption, authorities);
        return new ClientHello(LEGACY_VERSION, random, sessionId, SUITE_CODES.get(config.cipherSuites(), flags(config)),
                NULL_COMPRESSION, extensions);
    }

    /**
     * The extensions of a hello offering TLS 1.2 alone and no session ticket: they depend on
     * the configuration only (no key shares, PSK or authorities are sent without TLS 1.3), so
     * they are built and encoded once per configuration, which connections of one context with
     * the same settings share.
     */
    private static final IdentityMemo<HandshakeConfig, Extensions> TLS12_EXTENSIONS = new IdentityMemo<>(8,
            (config, flags) -> extensions(config, List.of(), HelloResumption.NONE, List.of()).withEncoding());

    private static Extensions extensions(HandshakeConfig config, List<KeyShareEntry> shares, HelloResumption resumption,
            List<Opaque> authorities) {
        boolean tls13 = config.enables(HandshakeConfig.TLS13);
        boolean tls12 = config.enables(HandshakeConfig.TLS12);
        List<Extension> ext = new ArrayList<>();
        serverName(config).ifPresent(ext::add);
        MaxFragmentLengths.offer(config).ifPresent(ext::add);
        if (config.statusRequest()) {
            ext.add(OCSP_STATUS_REQUEST);
        }
        if (tls12) {
            ext.add(new EcPointFormats(List.of(EcPointFormats.UNCOMPRESSED)));
        }
        int flags = flags(config);
        ext.add(new SupportedGroups(GROUP_CODES.get(config.groups(), flags)));
        if (tls13) {
            ext.add(new KeyShareClientHello(shares));
            ext.add(new SupportedVersionsClientHello(VERSIONS.get(config.versions(), 0)));
        }
        ext.add(new SignatureAlgorithms(SCHEME_CODES.get(config.signatureSchemes(), flags)));
        if (!config.certificateSchemes().isEmpty()) {
            ext.add(new SignatureAlgorithmsCert(SCHEME_CODES.get(config.certificateSchemes(), ALL_SCHEMES)));
        }
        if (!config.applicationProtocols().isEmpty()) {
            ext.add(Alpn.of(config.applicationProtocols().toArray(new String[0])));
        }
        if (tls12 && config.tls12().useExtendedMasterSecret()) {
            ext.add(new ExtendedMasterSecret());
        }
        if (tls12) {
            resumption.sessionTicket().ifPresent(ext::add);
        }
        if (tls13 && !authorities.isEmpty()) {
            ext.add(new CertificateAuthorities(authorities));
        }
        if (tls13) {
            ext.add(new PskKeyExchangeModes(resumption.pskKe()
                    ? List.of(PskKeyExchangeModes.PSK_DHE_KE, PskKeyExchangeModes.PSK_KE)
                    : List.of(PskKeyExchangeModes.PSK_DHE_KE)));
            resumption.preSharedKey().ifPresent(ext::add);
        }
        return Extensions.of(config.sent(ext));
    }

    /*
     * The code lists of the hello are pure functions of the configuration's immutable lists
     * (shared by every connection of a context) and of which versions are enabled: remembered
     * for the last few lists (IdentityMemo) instead of mapped again for every connection.
     */
    private static final int TLS13_FLAG = 1;
    private static final int TLS12_FLAG = 2;
    /** Keep every scheme (signature_algorithms_cert is not filtered by version). */
    private static final int ALL_SCHEMES = 4;
    private static final List<Integer> NULL_COMPRESSION = List.of(ClientHello.NULL_COMPRESSION);
    private static final IdentityMemo<List<NamedGroup>, List<Integer>> GROUP_CODES = new IdentityMemo<>(8,
            (groups, flags) -> groups(groups, (flags & TLS13_FLAG) != 0).stream().map(NamedGroup::code).toList());
    private static final IdentityMemo<List<SignatureScheme>, List<SignatureScheme>> SCHEMES = new IdentityMemo<>(8,
            (schemes, flags) -> signatureSchemes(schemes, (flags & TLS13_FLAG) != 0, (flags & TLS12_FLAG) != 0));
    private static final IdentityMemo<List<SignatureScheme>, List<Integer>> SCHEME_CODES = new IdentityMemo<>(8,
            (schemes, flags) -> ((flags & ALL_SCHEMES) != 0 ? schemes : SCHEMES.get(schemes, flags))
                    .stream().map(SignatureScheme::code).toList());
    private static final IdentityMemo<List<CipherSuite>, List<Integer>> SUITE_CODES = new IdentityMemo<>(8,
            ClientHellos::suiteCodes);
    private static final IdentityMemo<List<Integer>, List<Integer>> VERSIONS = new IdentityMemo<>(4,
            (versions, flags) -> versions.stream()
                    .filter(v -> v == HandshakeConfig.TLS13 || v == HandshakeConfig.TLS12).toList());

    private static int flags(HandshakeConfig config) {
        return (config.enables(HandshakeConfig.TLS13) ? TLS13_FLAG : 0)
                | (config.enables(HandshakeConfig.TLS12) ? TLS12_FLAG : 0);
    }

    /** The cipher_suites codes: {@link #suites}, and the SCSV last when TLS 1.2 is enabled. */
    private static List<Integer> suiteCodes(List<CipherSuite> suites, int flags) {
        boolean tls13 = (flags & TLS13_FLAG) != 0;
        boolean tls12 = (flags & TLS12_FLAG) != 0;
        List<Integer> out = new ArrayList<>();
        for (CipherSuite s : suites) {
            if (s.isTls13() ? tls13 : tls12) {
                out.add(s.code());
            }
        }
        if (tls12) {
            out.add(EMPTY_RENEGOTIATION_INFO_SCSV);
        }
        return List.copyOf(out);
    }

    /**
     * The groups for supported_groups: all configured ones when TLS 1.3 is enabled, else those
     * TLS 1.2 can use (no hybrids).
     */
    public static List<NamedGroup> groups(HandshakeConfig config) {
        return groups(config.groups(), config.enables(HandshakeConfig.TLS13));
    }

    private static List<NamedGroup> groups(List<NamedGroup> groups, boolean tls13) {
        return tls13 ? groups : groups.stream().filter(NamedGroup::usableInTls12).toList();
    }

    /** The suites to offer: the TLS 1.3 ones, and the TLS 1.2 ones when TLS 1.2 is enabled, in config order. */
    public static List<CipherSuite> suites(HandshakeConfig config) {
        return config.cipherSuites().stream()
                .filter(s -> s.isTls13() ? config.enables(HandshakeConfig.TLS13) : config.enables(HandshakeConfig.TLS12))
                .toList();
    }

    /**
     * The signature_algorithms to send: schemes usable for handshake signatures in an enabled
     * version (TLS 1.3 leaves out RSA PKCS#1 v1.5, RFC 8446 §4.2.3). With TLS 1.2 the SHA-1
     * schemes are sent too when the configuration holds them, which it does only when the
     * application named them ({@code jdk.tls.client.SignatureSchemes}).
     */
    public static List<SignatureScheme> signatureSchemes(HandshakeConfig config) {
        return SCHEMES.get(config.signatureSchemes(), flags(config));
    }

    private static List<SignatureScheme> signatureSchemes(List<SignatureScheme> schemes, boolean tls13, boolean tls12) {
        return schemes.stream()
                .filter(s -> tls13 && s.usableForHandshakeSignatures(HandshakeConfig.TLS13)
                        || tls12 && (s.usableForHandshakeSignatures(HandshakeConfig.TLS12) || s.isLegacySha1()))
                .toList();
    }

    /**
     * The server names to request: none when server_name is switched off, else
     * {@code config.serverNames()}, else the peer host when it is a DNS name.
     */
    public static List<SNIServerName> requestedNames(HandshakeConfig config) {
        if (!config.serverNameExtension()) {
            return List.of();
        }
        if (!config.serverNames().isEmpty()) {
            return config.serverNames();
        }
        return config.peerHost().flatMap(ServerNames::fromPeerHost).<List<SNIServerName>>map(List::of).orElse(List.of());
    }

    private static Optional<ServerName> serverName(HandshakeConfig config) {
        return ServerNames.extension(requestedNames(config));
    }
}
