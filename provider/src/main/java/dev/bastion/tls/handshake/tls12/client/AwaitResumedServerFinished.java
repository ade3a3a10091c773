package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.handshake.tls12.common.Keying12;
import dev.bastion.tls.crypto.FinishedVerified;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.NewSessionTicket12;
import dev.bastion.tls.message.ext.Opaque;
import java.util.Optional;

/**
 * Abbreviated handshake: the server's Finished comes next (RFC 5246 §7.4.9, decrypt_error when
 * it does not match); then the client sends its ChangeCipherSpec and Finished, the resumed
 * session is complete and kept again, with the new ticket if the server sent one.
 */
final class AwaitResumedServerFinished implements ClientState {
    private final Progress progress;
    private final Tls12MasterSecret master;
    private final TrafficKeys clientWrite;
    private final byte[] hashBeforeServerFinished;
    private final Optional<NewSessionTicket12> ticket;

    AwaitResumedServerFinished(Progress progress, Tls12MasterSecret master, TrafficKeys clientWrite,
            byte[] hashBeforeServerFinished, Optional<NewSessionTicket12> ticket) {
        this.progress = progress;
        this.master = master;
        this.clientWrite = clientWrite;
        this.hashBeforeServerFinished = hashBeforeServerFinished.clone();
        this.ticket = ticket;
    }

    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        Finished finished = Expect.one(message, Finished.class, "AwaitResumedServerFinished");
        FinishedVerified verified;
        try {
            verified = master.verifyServerFinished(hashBeforeServerFinished, finished.verifyData().toByteArray());
            io.changeCipherSpec12(clientWrite);
            io.send(new Finished(Opaque.of(master.clientFinishedVerifyData(io.transcript().current()))));
            Keying12.give(io, master, progress.extendedMasterSecret(), progress.offer().clientRandom(),
                    progress.serverRandom().toByteArray());
            io.complete(progress.negotiated());
            Sessions12.save(progress, master, ticket, io);
        } finally {
            clientWrite.destroy();
            master.destroy();
        }
        return new Traffic(progress.suite(), verified);
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
