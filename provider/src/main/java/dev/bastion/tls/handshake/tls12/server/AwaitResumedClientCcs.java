package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;

/**
 * Abbreviated handshake: the server's Finished is out; the client's ChangeCipherSpec comes next
 * (RFC 5246 §7.3, Figure 2) and switches the read side to the client's write keys.
 */
final class AwaitResumedClientCcs implements ServerState {
    private final Progress progress;
    private final Tls12MasterSecret master;
    private final TrafficKeys clientWrite;

    AwaitResumedClientCcs(Progress progress, Tls12MasterSecret master, TrafficKeys clientWrite) {
        this.progress = progress;
        this.master = master;
        this.clientWrite = clientWrite;
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        throw Expect.unexpected(message, "AwaitResumedClientCcs", "ChangeCipherSpec (RFC 5246 §7.1)");
    }

    @Override
    public ServerState changeCipherSpec(HandshakeIo io) {
        try {
            io.installReadKeys12(clientWrite);
        } finally {
            clientWrite.destroy();
        }
        return new AwaitResumedClientFinished(progress, master, io.transcript().current());
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
