package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.handshake.tls12.common.Keying12;
import dev.bastion.tls.crypto.FinishedVerified;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.NewSessionTicket12;
import java.util.Optional;

/**
 * The server's ChangeCipherSpec arrived; its Finished comes next (RFC 5246 §7.4.9, compared in
 * constant time, decrypt_error when it does not match). Then the handshake is complete, the
 * session is kept for resumption ({@link Sessions12}) and the master secret wiped.
 */
final class AwaitServerFinished implements ClientState {
    private final Progress progress;
    private final Tls12MasterSecret master;
    private final byte[] hashBeforeServerFinished;
    private final Optional<NewSessionTicket12> ticket;

    AwaitServerFinished(Progress progress, Tls12MasterSecret master, byte[] hashBeforeServerFinished,
            Optional<NewSessionTicket12> ticket) {
        this.progress = progress;
        this.master = master;
        this.hashBeforeServerFinished = hashBeforeServerFinished.clone();
        this.ticket = ticket;
    }

    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        Finished finished = Expect.one(message, Finished.class, "AwaitServerFinished");
        FinishedVerified verified;
        try {
            verified = master.verifyServerFinished(hashBeforeServerFinished, finished.verifyData().toByteArray());
            Keying12.give(io, master, progress.extendedMasterSecret(), progress.offer().clientRandom(),
                    progress.serverRandom().toByteArray());
            io.complete(progress.negotiated());
            Sessions12.save(progress, master, ticket, io);
        } finally {
            master.destroy();
        }
        return new Traffic(progress.suite(), verified);
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
