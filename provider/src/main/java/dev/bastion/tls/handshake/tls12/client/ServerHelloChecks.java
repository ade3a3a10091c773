package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.handshake.ClientOffer;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.EcPointFormats;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MessageKind;
import dev.bastion.tls.message.ext.RenegotiationInfo;
import dev.bastion.tls.message.ext.StatusRequest;
import java.util.List;
import java.util.Optional;

/**
 * The TLS 1.2 client's checks of a ServerHello against its offer (RFC 5246 §7.4.1.3): version,
 * downgrade sentinel (RFC 8446 §4.1.3, when the client offered TLS 1.3), cipher suite,
 * compression, solicited extensions, renegotiation_info (RFC 5746 §3.4), ec_point_formats
 * (RFC 8422 §5.2), no resumption of a session this client never had, the extended master
 * secret policy (RFC 7627 §5.2) and the ALPN answer (RFC 7301 §3.2).
 */
final class ServerHelloChecks {
    private ServerHelloChecks() {
    }

    /** Checks {@code sh} and returns the selected suite. */
    static CipherSuite accept(ClientOffer offer, ServerHello sh) {
        Extensions sent = offer.hello().extensions();
        // those sent, and renegotiation_info for the SCSV (RFC 5746 §3.4)
        sh.extensions().requireSolicited(code -> code == ExtensionType.RENEGOTIATION_INFO.code() || sent.contains(code),
                MessageKind.SERVER_HELLO_12);
        version(offer.config(), sh);
        CipherSuite suite = suite(offer, sh.cipherSuite());
        if (sh.legacyCompressionMethod() != 0) {
            throw TlsAlert.illegalParameter("ServerHello.compression_method is " + sh.legacyCompressionMethod()
                    + "; the client offered only null(0) (RFC 5246 §7.4.1.3)");
        }
        Optional<RenegotiationInfo> ri = sh.extensions().renegotiationInfo();
        if (ri.isPresent() && ri.get().renegotiatedConnection().length() != 0) {
            throw TlsAlert.handshakeFailure("ServerHello renegotiation_info carries "
                    + ri.get().renegotiatedConnection() + " on an initial handshake, must be empty (RFC 5746 §3.4)");
        }
        Optional<EcPointFormats> formats = sh.extensions().get(EcPointFormats.class);
        if (formats.isPresent() && !formats.get().containsUncompressed()) {
            throw TlsAlert.illegalParameter("ServerHello ec_point_formats " + formats.get().formats()
                    + " lacks uncompressed(0) (RFC 8422 §5.2)");
        }
        boolean echo = !sh.legacySessionIdEcho().isEmpty() && sh.legacySessionIdEcho().equals(offer.hello().legacySessionId());
        if (echo && offer.resumption().isEmpty()) {
            throw TlsAlert.illegalParameter("ServerHello resumes session " + sh.legacySessionIdEcho()
                    + ", which this client did not offer to resume (RFC 5246 §7.4.1.3)");
        }
        return suite;
    }

    /**
     * Whether the server will staple an OCSP response (it answered status_request, which it may
     * only when asked, with empty data: RFC 6066 §8; else decode_error).
     */
    static boolean statusRequest(ServerHello sh) {
        Optional<StatusRequest> status = sh.extensions().get(StatusRequest.class);
        if (status.isPresent() && !status.get().data().isEmpty()) {
            throw TlsAlert.decodeError("ServerHello status_request carries " + status.get().data()
                    + ", must be empty (RFC 6066 §8)");
        }
        return status.isPresent();
    }

    /**
     * Whether the server resumes the offered session: it echoes the session id the client sent
     * with it (RFC 5246 §7.4.1.3; for a ticket, RFC 5077 §3.4).
     */
    static boolean resumes(ClientOffer offer, ServerHello sh) {
        return offer.resumption().isPresent() && !sh.legacySessionIdEcho().isEmpty()
                && sh.legacySessionIdEcho().equals(offer.hello().legacySessionId());
    }

    /**
     * RFC 7627 §5.3: a resumed session keeps its extended master secret use; a ServerHello that
     * differs is handshake_failure.
     */
    static void sameExtendedMasterSecret(boolean session, ServerHello sh) {
        boolean now = sh.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET);
        if (now != session) {
            throw TlsAlert.handshakeFailure("ServerHello resumes a session " + (session ? "with" : "without")
                    + " the extended master secret, but " + (now ? "has" : "lacks") + " extended_master_secret"
                    + " (RFC 7627 §5.3)");
        }
    }

    /** Whether both sides use the extended master secret; refuses a server without it when the policy says so. */
    static boolean extendedMasterSecret(HandshakeConfig config, ServerHello sh) {
        boolean used = sh.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET);
        if (!used && !config.tls12().legacyMasterSecretAllowed()) {
            throw TlsAlert.handshakeFailure("server does not use the extended master secret (RFC 7627), and"
                    + " jdk.tls.allowLegacyMasterSecret=false forbids the legacy one");
        }
        return used;
    }

    /** The server's ALPN answer, which must be a protocol the client offered (RFC 7301 §3.2). */
    static Optional<String> applicationProtocol(ClientOffer offer, ServerHello sh) {
        Optional<Alpn> alpn = sh.extensions().alpn();
        if (alpn.isEmpty()) {
            return Optional.empty();
        }
        String chosen = alpn.get().protocolNames().get(0);
        List<String> offered = offer.hello().extensions().alpn().map(Alpn::protocolNames).orElse(List.of());
        if (alpn.get().protocolNames().size() != 1 || !offered.contains(chosen)) {
            throw TlsAlert.illegalParameter("server selected application protocols " + alpn.get().protocolNames()
                    + "; exactly one of the offered " + offered + " is allowed (RFC 7301 §3.2)");
        }
        return Optional.of(chosen);
    }

    private static void version(HandshakeConfig config, ServerHello sh) {
        if (sh.legacyVersion() != HandshakeConfig.TLS12) {
            throw new TlsAlert(AlertDescription.PROTOCOL_VERSION, "server chose " + Codes.version(sh.legacyVersion())
                    + "; the client offered " + Codes.list(config.versions(), Codes::version));
        }
        // RFC 8446 §4.1.3: a client that offered TLS 1.3 and gets TLS 1.2 checks the sentinels
        if (config.enables(HandshakeConfig.TLS13) && (sh.hasTls12DowngradeSentinel() || sh.hasTls11DowngradeSentinel())) {
            throw TlsAlert.illegalParameter("ServerHello negotiates TLS 1.2, but its random ends with a TLS 1.3"
                    + " downgrade sentinel (" + sh.random() + "): the connection was downgraded (RFC 8446 §4.1.3)");
        }
    }

    private static CipherSuite suite(ClientOffer offer, int code) {
        Optional<CipherSuite> suite = CipherSuite.fromCode(code).filter(s -> !s.isTls13())
                .filter(s -> offer.hello().offersCipherSuite(code));
        if (suite.isEmpty()) {
            throw TlsAlert.illegalParameter("ServerHello selected cipher suite " + Codes.suite(code)
                    + ", which was not offered for TLS 1.2 (offered: " + Negotiator.suiteList(offer.hello().cipherSuites()
                            .stream().filter(ServerHelloChecks::isTls12Suite).toList()) + ")");
        }
        return suite.get();
    }

    private static boolean isTls12Suite(int code) {
        return CipherSuite.fromCode(code).map(s -> !s.isTls13()).orElse(false);
    }
}
