package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.Tls12KeyBlock;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.ClientOffer;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.handshake.tls12.common.MasterSecrets;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.session.SessionState;
import dev.bastion.tls.session.Tls12Session;
import java.util.Arrays;
import java.util.Optional;

/**
 * The client's side of an abbreviated TLS 1.2 handshake (RFC 5246 §7.3, Figure 2): the server
 * echoed the offered session's id, so it resumes that session. Its suite must be the session's
 * (RFC 5246 §7.4.1.3, else illegal_parameter) and its extended master secret use too (RFC 7627
 * §5.3, else handshake_failure). The keys come from the session's master secret and the new
 * randoms; the server's [NewSessionTicket], ChangeCipherSpec and Finished come next.
 */
final class ResumedHandshake {
    private ResumedHandshake() {
    }

    static ClientState accept(ClientOffer offer, ServerHello sh, CipherSuite suite, HandshakeIo io) {
        Tls12Session offered = offer.resumption().orElseThrow();
        SessionState s = offered.state();
        if (suite.code() != s.cipherSuite()) {
            throw TlsAlert.illegalParameter("ServerHello resumes session " + sh.legacySessionIdEcho() + " with "
                    + suite + ", but the session's cipher suite is " + Codes.suite(s.cipherSuite())
                    + " (RFC 5246 §7.4.1.3)");
        }
        ServerHelloChecks.sameExtendedMasterSecret(s.extendedMasterSecret(), sh);
        Optional<String> protocol = ServerHelloChecks.applicationProtocol(offer, sh);
        io.transcript().selectHash(suite.hash());
        Negotiated n = SessionStates.resumed(s, suite, offer.negotiated().requestedServerNames())
                .withVersion(HandshakeConfig.TLS12).withSessionId(sh.legacySessionIdEcho())
                .withApplicationProtocol(protocol);
        io.handshakeSession(n);
        byte[] secret = s.secret();
        Tls12MasterSecret master = Tls12MasterSecret.fromSession(suite, secret);
        Arrays.fill(secret, (byte) 0);
        byte[] clientRandom = offer.clientRandom();
        MasterSecrets.log(master, clientRandom, io);
        Tls12KeyBlock keys = master.keyBlock(clientRandom, sh.random().toByteArray());
        Progress progress = new Progress(offer, suite, sh.random(), s.extendedMasterSecret(),
                sh.extensions().contains(ExtensionType.SESSION_TICKET), false, n);
        return new AwaitResumedServerCcs(progress, master, keys, Optional.empty());
    }
}
