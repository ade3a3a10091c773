package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.SupportedVersionsClientHello;
import java.util.Optional;

/**
 * The server's choice of protocol version for a ClientHello, shared by both versions' servers:
 * with supported_versions, the highest version both sides enable (RFC 8446 §4.2.1: the
 * extension alone decides, legacy_version is ignored); without it, TLS 1.2 when the client's
 * legacy_version is at least TLS 1.2 (RFC 8446 §4.2.1, §D.2: such a client cannot be offering
 * TLS 1.3; RFC 5246 §E.1). Anything older is {@code protocol_version}: SSL 3.0, TLS 1.0 and
 * TLS 1.1 are never negotiated (MODELS.md §5.7).
 *
 * <p>A ClientHello carrying TLS_FALLBACK_SCSV says its sender retried with a lower version
 * than it could speak; when that gives a version below the highest this server enables, the
 * server refuses with {@code inappropriate_fallback} (RFC 7507 §3), as OpenSSL and GnuTLS do
 * (SunJSSE ignores the SCSV). A client offering TLS 1.3 in supported_versions negotiates it and
 * is unaffected.
 */
public final class ServerVersions {
    private ServerVersions() {
    }

    /**
     * {@link HandshakeConfig#TLS13} or {@link HandshakeConfig#TLS12}.
     *
     * @throws TlsAlert {@code protocol_version} when no version is enabled on both sides,
     *     {@code inappropriate_fallback} for a fallback below this server's highest version
     */
    public static int choose(HandshakeConfig config, ClientHello ch) {
        int v = negotiate(config, ch);
        int highest = config.versions().get(0); // highest first; not empty once a version was chosen
        if (v < highest && ch.offersCipherSuite(ClientHellos.FALLBACK_SCSV)) {
            throw new TlsAlert(AlertDescription.INAPPROPRIATE_FALLBACK, "client signals a fallback (TLS_FALLBACK_SCSV)"
                    + " to " + Codes.version(v) + " but this server enables " + Codes.version(highest)
                    + ": a downgrade by someone on the path, or a client retrying after a failure (RFC 7507 §3)");
        }
        return v;
    }

    private static int negotiate(HandshakeConfig config, ClientHello ch) {
        Optional<SupportedVersionsClientHello> sv = ch.extensions().supportedVersionsClientHello();
        if (sv.isPresent()) {
            for (int v : config.versions()) {
                if (sv.get().versions().contains(v)) {
                    return v;
                }
            }
            throw new TlsAlert(AlertDescription.PROTOCOL_VERSION, "client offers "
                    + Codes.list(sv.get().versions(), Codes::version) + " in supported_versions; this server enables "
                    + enabled(config));
        }
        if (ch.legacyVersion() >= HandshakeConfig.TLS12 && config.enables(HandshakeConfig.TLS12)) {
            return HandshakeConfig.TLS12;
        }
        throw new TlsAlert(AlertDescription.PROTOCOL_VERSION, "client offers legacy_version "
                + Codes.version(ch.legacyVersion()) + " and no supported_versions"
                + (ch.legacyVersion() >= HandshakeConfig.TLS12 ? ", so not TLS 1.3" : "")
                + "; this server enables " + enabled(config));
    }

    private static String enabled(HandshakeConfig config) {
        return Codes.list(config.versions(), Codes::version);
    }
}
