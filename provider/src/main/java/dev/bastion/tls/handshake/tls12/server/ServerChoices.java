package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.handshake.ServerAnswers;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.handshake.tls12.common.Tickets12;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.EcPointFormats;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.SessionTicket;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIServerName;

/**
 * The TLS 1.2 server's decisions on a checked ClientHello: a fresh 32-byte session id (known to
 * the handshake session from the start, {@code getId()}), server name and ALPN
 * ({@link ServerAnswers}), the extended master secret (RFC 7627 §5.3, with
 * {@code jdk.tls.useExtendedMasterSecret} and {@code jdk.tls.allowLegacyMasterSecret}), then
 * suite, group and certificate ({@link SuiteSelector}). The handshake session shows the
 * requested names and the client's signature schemes before the key manager is asked.
 */
final class ServerChoices {
    private ServerChoices() {
    }

    static Choices make(HandshakeConfig config, ClientHello ch, HandshakeIo io) {
        List<SNIServerName> requested = ServerAnswers.requestedNames(ch);
        boolean ack = ServerAnswers.acknowledgeServerName(config, requested);
        List<Integer> clientSchemes = ch.extensions().signatureAlgorithms().map(SignatureAlgorithms::schemes)
                .orElse(List.of());
        byte[] sessionId = new byte[32];
        io.random().nextBytes(sessionId);
        Negotiated n = Negotiated.NONE.withVersion(HandshakeConfig.TLS12).withSessionId(Opaque.of(sessionId))
                .withRequestedServerNames(requested).withPeerSignatureSchemes(Negotiator.schemeNames(clientSchemes))
                .withCreationTime(SessionStates.now(io));
        io.handshakeSession(n);
        Optional<String> protocol = ServerAnswers.applicationProtocol(config, ch, io);
        n = n.withApplicationProtocol(protocol);
        io.handshakeSession(n);
        boolean ems = extendedMasterSecret(config, ch);
        SuiteChoice suite = SuiteSelector.select(config, ch, io);
        n = n.withCipherSuite(suite.suite()).withLocalCertificates(suite.credential().chain());
        if (suite.group().isPresent() && suite.customDh().isEmpty()) { // a custom DH group is no named group
            n = n.withGroup(suite.group().get());
        }
        boolean formats = suite.suite().keyExchange() == CipherSuite.KeyExchange.ECDHE
                && ch.extensions().get(EcPointFormats.class).isPresent();
        return new Choices(suite, protocol, ack, ems, ClientHelloChecks.secureRenegotiation(ch), formats,
                Tickets12.issue(ch.extensions().get(SessionTicket.class), io), n);
    }

    private static boolean extendedMasterSecret(HandshakeConfig config, ClientHello ch) {
        boolean offered = ch.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET);
        if (offered && config.tls12().useExtendedMasterSecret()) {
            return true;
        }
        if (!config.tls12().legacyMasterSecretAllowed()) {
            throw TlsAlert.handshakeFailure("client does not offer the extended master secret (RFC 7627), and"
                    + " jdk.tls.allowLegacyMasterSecret=false forbids the legacy one");
        }
        return false;
    }
}
