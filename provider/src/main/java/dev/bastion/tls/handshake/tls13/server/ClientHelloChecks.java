package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.KeyShareClientHello;
import dev.bastion.tls.message.ext.KeyShareEntry;
import dev.bastion.tls.message.ext.SupportedGroups;
import dev.bastion.tls.message.ext.SupportedVersionsClientHello;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** The server's checks of a ClientHello that TLS 1.3 requires (RFC 8446 §4.1.2, §4.2, §9.2). */
final class ClientHelloChecks {
    /** What a second ClientHello may change (RFC 8446 §4.1.2), besides dropping early_data. */
    private static final Set<Integer> MAY_CHANGE = Set.of(ExtensionType.KEY_SHARE.code(), ExtensionType.COOKIE.code(),
            ExtensionType.EARLY_DATA.code(), ExtensionType.PRE_SHARED_KEY.code(), ExtensionType.PADDING.code());

    private ClientHelloChecks() {
    }

    /** A first ClientHello that offers TLS 1.3 with what a certificate-based handshake needs. */
    static void check(HandshakeConfig config, ClientHello ch) {
        Optional<SupportedVersionsClientHello> sv = ch.extensions().supportedVersionsClientHello();
        if (sv.isEmpty() || !sv.get().versions().contains(HandshakeConfig.TLS13)) {
            String offered = sv.map(v -> Codes.list(v.versions(), Codes::version))
                    .orElse("legacy_version " + Codes.version(ch.legacyVersion()));
            throw new TlsAlert(AlertDescription.PROTOCOL_VERSION, "client offers " + offered + " but not TLS 1.3"
                    + "; this server enables " + Codes.list(config.versions(), Codes::version));
        }
        if (!ch.hasOnlyNullCompression()) {
            throw TlsAlert.illegalParameter("ClientHello.legacy_compression_methods is "
                    + ch.legacyCompressionMethods() + ", must be exactly [0] in TLS 1.3 (RFC 8446 §4.1.2)");
        }
        Extensions ext = ch.extensions();
        if (!ext.contains(ExtensionType.SIGNATURE_ALGORITHMS)) {
            throw new TlsAlert(AlertDescription.MISSING_EXTENSION,
                    "ClientHello offers TLS 1.3 without signature_algorithms (RFC 8446 §4.2.3, §9.2)");
        }
        if (ext.supportedGroups().isEmpty() || ext.keyShareClientHello().isEmpty()) {
            throw new TlsAlert(AlertDescription.MISSING_EXTENSION, "ClientHello offers TLS 1.3 without "
                    + (ext.supportedGroups().isEmpty() ? "supported_groups" : "key_share")
                    + "; without a PSK both are required (RFC 8446 §9.2)");
        }
        // RFC 8446 §4.2.9: "If clients offer "pre_shared_key" without a "psk_key_exchange_modes"
        // extension, servers MUST abort the handshake." (This server ignores the PSKs themselves.)
        if (ext.contains(ExtensionType.PRE_SHARED_KEY) && !ext.contains(ExtensionType.PSK_KEY_EXCHANGE_MODES)) {
            throw new TlsAlert(AlertDescription.MISSING_EXTENSION,
                    "ClientHello offers pre_shared_key without psk_key_exchange_modes (RFC 8446 §4.2.9)");
        }
        List<Integer> groups = ext.supportedGroups().map(SupportedGroups::groups).orElseThrow();
        for (KeyShareEntry share : ext.keyShareClientHello().map(KeyShareClientHello::shares).orElseThrow()) {
            if (!groups.contains(share.group())) {
                throw TlsAlert.illegalParameter("ClientHello has a key share for " + Codes.group(share.group())
                        + ", which is not in its supported_groups " + Negotiator.groupList(groups) + " (RFC 8446 §4.2.8)");
            }
        }
    }

    /**
     * RFC 8446 §4.1.2: after a HelloRetryRequest the client sends the same ClientHello, except
     * for a key share for the selected group only, a cookie (this server sends none), no
     * early_data, an updated pre_shared_key and padding. Anything else is illegal_parameter.
     */
    static void sameAsFirst(ClientHello first, ClientHello second, int selectedGroup) {
        field(first.legacyVersion() == second.legacyVersion(), "legacy_version");
        field(first.random().equals(second.random()), "random");
        field(first.legacySessionId().equals(second.legacySessionId()), "legacy_session_id");
        field(first.cipherSuites().equals(second.cipherSuites()), "cipher_suites");
        field(first.legacyCompressionMethods().equals(second.legacyCompressionMethods()), "legacy_compression_methods");
        Map<Integer, Extension> before = fixed(first.extensions());
        Map<Integer, Extension> after = fixed(second.extensions());
        if (!before.equals(after)) {
            throw TlsAlert.illegalParameter("second ClientHello changed extensions other than key_share, cookie,"
                    + " early_data, pre_shared_key and padding: before " + before.values() + ", after "
                    + after.values() + " (RFC 8446 §4.1.2)");
        }
        if (second.extensions().contains(ExtensionType.EARLY_DATA) || second.extensions().contains(ExtensionType.COOKIE)) {
            throw TlsAlert.illegalParameter("second ClientHello carries "
                    + (second.extensions().contains(ExtensionType.COOKIE) ? "a cookie the server never sent"
                    : "early_data") + " (RFC 8446 §4.1.2, §4.2.2, §4.2.10)");
        }
        List<KeyShareEntry> shares = second.extensions().keyShareClientHello().map(KeyShareClientHello::shares)
                .orElse(List.of());
        if (shares.size() != 1 || shares.get(0).group() != selectedGroup) {
            throw TlsAlert.illegalParameter("second ClientHello has key shares for " + Negotiator.groupList(
                    shares.stream().map(KeyShareEntry::group).toList()) + "; the HelloRetryRequest asked for exactly one,"
                    + " for " + Codes.group(selectedGroup) + " (RFC 8446 §4.1.2)");
        }
    }

    private static void field(boolean same, String name) {
        if (!same) {
            throw TlsAlert.illegalParameter("second ClientHello changed " + name
                    + " after the HelloRetryRequest (RFC 8446 §4.1.2)");
        }
    }

    private static Map<Integer, Extension> fixed(Extensions extensions) {
        Map<Integer, Extension> out = new TreeMap<>();
        for (Extension e : extensions.list()) {
            if (!MAY_CHANGE.contains(e.code())) {
                out.put(e.code(), e);
            }
        }
        return out;
    }
}
