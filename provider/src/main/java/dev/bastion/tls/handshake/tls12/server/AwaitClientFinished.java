package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.crypto.FinishedVerified;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ext.Opaque;

/**
 * The client's ChangeCipherSpec arrived; its Finished comes next (RFC 5246 §7.4.9, compared in
 * constant time, decrypt_error when it does not match; after RSA key transport with a bad
 * premaster the record itself fails first, bad_record_mac). Then the server sends its
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
            io.changeCipherSpec12(serverWrite);
            io.send(new Finished(Opaque.of(master.serverFinishedVerifyData(io.transcript().current()))));
        } finally {
            serverWrite.destroy();
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
