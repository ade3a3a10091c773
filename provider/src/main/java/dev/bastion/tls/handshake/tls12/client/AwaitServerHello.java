package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.handshake.MaxFragmentLengths;
import dev.bastion.tls.handshake.ClientOffer;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.ExtensionType;
import java.util.Optional;

/**
 * The ClientHello is out; the ServerHello comes next ({@link ServerHelloChecks}). When it echoes
 * the id of the session the client offered, the server resumes it ({@link ResumedHandshake});
 * otherwise the transcript hash becomes the suite's PRF hash, and the messages themselves are
 * kept too until the client knows whether it must sign them in a CertificateVerify (RFC 5246
 * §7.4.8).
 */
final class AwaitServerHello implements ClientState {
    private final ClientOffer offer;

    AwaitServerHello(ClientOffer offer) {
        this.offer = offer;
    }

    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        return accept(offer, Expect.one(message, ServerHello.class, "AwaitServerHello"), io);
    }

    static ClientState accept(ClientOffer offer, ServerHello sh, HandshakeIo io) {
        CipherSuite suite = ServerHelloChecks.accept(offer, sh);
        MaxFragmentLengths.accept(offer.hello().extensions(), sh.extensions(), "ServerHello", io);
        if (ServerHelloChecks.resumes(offer, sh)) {
            return ResumedHandshake.accept(offer, sh, suite, io);
        }
        offer.resumption().ifPresent(r -> r.state().wipe());
        offer.config().requireSessionCreation("New session creation is disabled, and the server did not resume");
        boolean ems = ServerHelloChecks.extendedMasterSecret(offer.config(), sh);
        Optional<String> protocol = ServerHelloChecks.applicationProtocol(offer, sh);
        io.transcript().retainMessages();
        io.transcript().selectHash(suite.hash());
        Negotiated n = offer.negotiated().withVersion(HandshakeConfig.TLS12).withCipherSuite(suite)
                .withSessionId(sh.legacySessionIdEcho()).withApplicationProtocol(protocol);
        io.handshakeSession(n);
        return new AwaitServerCertificate(new Progress(offer, suite, sh.random(), ems,
                sh.extensions().contains(ExtensionType.SESSION_TICKET), ServerHelloChecks.statusRequest(sh), n));
    }

    @Override
    public DecodeContext decodeContext() {
        return DecodeContext.hello(Side.CLIENT);
    }
}
