package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.message.NewSessionTicket12;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import dev.bastion.tls.session.Tls12Session;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a TLS 1.2 client keeps a session it can resume: in its session cache under the peer's
 * host and port, with the session id the server gave (RFC 5246 §7.4.1.3) and the RFC 5077
 * ticket it sent, if any (an empty ticket is none, §3.3). A session with neither cannot be
 * resumed and is not kept. A resumed session without a new ticket keeps its old one.
 */
final class Sessions12 {
    private Sessions12() {
    }

    static void save(Progress progress, Tls12MasterSecret master, Optional<NewSessionTicket12> ticket, HandshakeIo io) {
        Optional<SessionContext> sessions = io.sessions();
        HandshakeConfig config = progress.config();
        byte[] id = progress.negotiated().sessionId().toByteArray();
        byte[] t = ticket.map(x -> x.ticket().toByteArray()).filter(x -> x.length > 0)
                .orElseGet(() -> progress.negotiated().resumed()
                        ? progress.offer().resumption().map(Tls12Session::ticket).orElse(new byte[0]) : new byte[0]);
        if (sessions.isEmpty() || config.peerHost().isEmpty() || (id.length == 0 && t.length == 0)) {
            return;
        }
        byte[] secret = master.copyForSessionOrKeyLog();
        SessionState state = SessionStates.of(config, progress.negotiated(), id, secret, progress.extendedMasterSecret());
        Arrays.fill(secret, (byte) 0);
        sessions.get().saveTls12(config.peerHost().get(), config.peerPort(), state, t);
    }
}
