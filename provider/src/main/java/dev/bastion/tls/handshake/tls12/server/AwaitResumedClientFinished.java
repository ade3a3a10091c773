package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.handshake.tls12.common.Keying12;
import dev.bastion.tls.crypto.FinishedVerified;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.HandshakeMessage;

/**
 * Abbreviated handshake: the client's Finished comes last (RFC 5246 §7.4.9, over every message
 * including the server's Finished; decrypt_error when it does not match). Then the resumed
 * session is complete.
 */
final class AwaitResumedClientFinished implements ServerState {
    private final Progress progress;
    private final Tls12MasterSecret master;
    private final byte[] hashBeforeClientFinished;

    AwaitResumedClientFinished(Progress progress, Tls12MasterSecret master, byte[] hashBeforeClientFinished) {
        this.progress = progress;
        this.master = master;
        this.hashBeforeClientFinished = hashBeforeClientFinished.clone();
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        Finished finished = Expect.one(message, Finished.class, "AwaitResumedClientFinished");
        FinishedVerified verified;
        try {
            verified = master.verifyClientFinished(hashBeforeClientFinished, finished.verifyData().toByteArray());
            Keying12.give(io, master, progress.extendedMasterSecret(), progress.hello().random().toByteArray(),
                    progress.serverRandom().toByteArray());
        } finally {
            master.destroy();
        }
        io.complete(progress.negotiated());
        return new Traffic(progress.suite(), verified);
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
