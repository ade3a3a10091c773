package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.handshake.tls12.common.Keying12;
import dev.bastion.tls.crypto.FinishedVerified;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.handshake.tls12.common.Tickets12;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import java.util.Arrays;
import java.util.Optional;

/**
 * The client's ChangeCipherSpec arrived; its Finished comes next (RFC 5246 §7.4.9, compared in
 * constant time, decrypt_error when it does not match; after RSA key transport with a bad
 * premaster the record itself fails first, bad_record_mac). Then the server sends a
 * NewSessionTicket when it issues one (RFC 5077 §3.3; else it caches the session by id), its
 * ChangeCipherSpec and Finished, and the handshake is complete.
 */
final class AwaitClientFinished implements ServerState {
    private final Progress progress;
    private final Tls12MasterSecret master;
    private final TrafficKeys serverWrite;
    private final byte[] hashBeforeClientFinished;

    AwaitClientFinished(Progress progress, Tls12MasterSecret master, TrafficKeys serverWrite,
            byte[] hashBeforeClientFinished) {
        this.progress = progress;
        this.master = master;
        this.serverWrite = serverWrite;
        this.hashBeforeClientFinished = hashBeforeClientFinished.clone();
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        Finished finished = Expect.one(message, Finished.class, "AwaitClientFinished");
        FinishedVerified verified;
        try {
            verified = master.verifyClientFinished(hashBeforeClientFinished, finished.verifyData().toByteArray());
            remember(io);
            Keying12.give(io, master, progress.extendedMasterSecret(), progress.hello().random().toByteArray(),
                    progress.serverRandom().toByteArray());
            io.changeCipherSpec12(serverWrite);
            io.send(new Finished(Opaque.of(master.serverFinishedVerifyData(io.transcript().current()))));
        } finally {
            serverWrite.destroy();
            master.destroy();
        }
        io.complete(progress.negotiated());
        return new Traffic(progress.suite(), verified);
    }

    /** The session's ticket (RFC 5077 §3.3, before the server's ChangeCipherSpec), or its cache entry (RFC 5246 §7.4.1.2). */
    private void remember(HandshakeIo io) {
        Optional<SessionContext> sessions = io.sessions();
        if (sessions.isEmpty()) {
            return;
        }
        byte[] secret = master.copyForSessionOrKeyLog();
        SessionState state = SessionStates.of(progress.config(), progress.negotiated(), progress.negotiated().sessionId().toByteArray(),
                secret, progress.extendedMasterSecret());
        Arrays.fill(secret, (byte) 0);
        if (progress.issueTicket()) {
            Tickets12.send(state, io);
        } else {
            sessions.get().cache(state, progress.config().peerHost().orElse(null), progress.config().peerPort());
        }
        state.wipe();
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
