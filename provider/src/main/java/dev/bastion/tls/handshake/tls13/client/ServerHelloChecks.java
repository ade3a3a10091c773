package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.KeyShareServerHello;
import dev.bastion.tls.message.ext.SupportedVersionsServerHello;
import java.util.Optional;

/**
 * The client's checks of a ServerHello or HelloRetryRequest against its offer (RFC 8446
 * §4.1.3, §4.1.4): version (and the downgrade sentinels), legacy_session_id_echo, cipher
 * suite, compression method and that every extension was solicited.
 */
final class ServerHelloChecks {
    private ServerHelloChecks() {
    }

    /** Checks what a ServerHello and a HelloRetryRequest share, and returns the selected suite. */
    static CipherSuite accept(Offer offer, ServerHello sh) {
        String what = sh.isHelloRetryRequest() ? "HelloRetryRequest" : "ServerHello";
        version(offer.config(), sh, what);
        if (!sh.legacySessionIdEcho().equals(offer.hello().legacySessionId())) {
            throw TlsAlert.illegalParameter(what + ".legacy_session_id_echo " + sh.legacySessionIdEcho()
                    + " is not the client's legacy_session_id " + offer.hello().legacySessionId() + " (RFC 8446 §4.1.3)");
        }
        CipherSuite suite = suite(offer, sh.cipherSuite(), what);
        if (sh.legacyCompressionMethod() != 0) {
            throw TlsAlert.illegalParameter(what + ".legacy_compression_method is " + sh.legacyCompressionMethod()
                    + ", must be 0 (RFC 8446 §4.1.3)");
        }
        sh.extensions().requireSolicited(offer.hello().extensions(), sh.extensionKind());
        return suite;
    }

    /**
     * Whether {@code sh} is a TLS 1.2 ServerHello that the TLS 1.2 client should take over: no
     * supported_versions, legacy_version TLS 1.2, TLS 1.2 enabled, and not a HelloRetryRequest.
     *
     * @throws TlsAlert {@code illegal_parameter} when such a ServerHello carries a downgrade
     *     sentinel (RFC 8446 §4.1.3)
     */
    static boolean selectsTls12(HandshakeConfig config, ServerHello sh) {
        if (sh.isHelloRetryRequest() || sh.extensions().supportedVersionsServerHello().isPresent()
                || sh.legacyVersion() != HandshakeConfig.TLS12 || !config.enables(HandshakeConfig.TLS12)) {
            return false;
        }
        downgradeSentinel(sh);
        return true;
    }

    /** The client's key share for the group of the ServerHello's key_share (RFC 8446 §4.2.8). */
    static KeyShare ourShare(Offer offer, ServerHello sh) {
        KeyShareServerHello ks = sh.extensions().keyShareServerHello().orElseThrow(() -> new TlsAlert(
                AlertDescription.MISSING_EXTENSION, "ServerHello has no key_share; the client offered no PSK, so"
                        + " (EC)DHE is the only possible key exchange (RFC 8446 §4.2.8, §9.2)"));
        int group = ks.share().group();
        for (KeyShare s : offer.shares()) {
            if (s.group().code() == group) {
                return s;
            }
        }
        throw TlsAlert.illegalParameter("ServerHello key_share is for group " + Codes.group(group)
                + ", but the client sent key shares only for " + Negotiator.groupList(
                        offer.shares().stream().map(s -> s.group().code()).toList()) + " (RFC 8446 §4.2.8)");
    }

    private static void version(HandshakeConfig config, ServerHello sh, String what) {
        Optional<SupportedVersionsServerHello> sv = sh.extensions().supportedVersionsServerHello();
        if (sv.isPresent()) {
            int v = sv.get().selectedVersion();
            if (v != HandshakeConfig.TLS13) {
                // RFC 8446 §4.2.1: a version not offered, or prior to TLS 1.3, is illegal_parameter
                throw TlsAlert.illegalParameter(what + " selected " + Codes.version(v) + " in supported_versions;"
                        + " only TLS 1.3 may be selected there (client offered " + versions(config) + ", RFC 8446 §4.2.1)");
            }
            return;
        }
        if (sh.isHelloRetryRequest()) {
            throw new TlsAlert(AlertDescription.MISSING_EXTENSION,
                    "HelloRetryRequest without supported_versions (RFC 8446 §4.1.4)");
        }
        int legacy = sh.legacyVersion();
        downgradeSentinel(sh);
        if (legacy == HandshakeConfig.TLS12 && config.enables(HandshakeConfig.TLS12)) {
            // only after a HelloRetryRequest, which chose TLS 1.3 (RFC 8446 §4.1.4)
            throw TlsAlert.illegalParameter("ServerHello chose TLS 1.2 after a HelloRetryRequest chose TLS 1.3"
                    + " (RFC 8446 §4.1.4)");
        }
        throw new TlsAlert(AlertDescription.PROTOCOL_VERSION, "server chose " + Codes.version(legacy)
                + "; the client offered " + versions(config));
    }

    /** RFC 8446 §4.1.3: a TLS 1.3 client that gets TLS 1.2 or below checks the downgrade sentinels. */
    private static void downgradeSentinel(ServerHello sh) {
        if (sh.hasTls12DowngradeSentinel() || sh.hasTls11DowngradeSentinel()) {
            throw TlsAlert.illegalParameter("ServerHello negotiates " + Codes.version(sh.legacyVersion())
                    + ", but its random ends with a TLS 1.3 downgrade sentinel (" + sh.random()
                    + "): the connection was downgraded (RFC 8446 §4.1.3)");
        }
    }

    private static CipherSuite suite(Offer offer, int code, String what) {
        Optional<CipherSuite> suite = CipherSuite.fromCode(code).filter(CipherSuite::isTls13)
                .filter(s -> offer.hello().offersCipherSuite(code));
        if (suite.isEmpty()) {
            throw TlsAlert.illegalParameter(what + " selected cipher suite " + Codes.suite(code)
                    + ", which was not offered (offered TLS 1.3 suites: " + Negotiator.suiteList(offer.hello()
                            .cipherSuites().stream().filter(ServerHelloChecks::isTls13Suite).toList()) + ")");
        }
        return suite.get();
    }

    private static boolean isTls13Suite(int code) {
        return CipherSuite.fromCode(code).map(CipherSuite::isTls13).orElse(false);
    }

    private static String versions(HandshakeConfig config) {
        return Codes.list(config.versions(), Codes::version);
    }
}
