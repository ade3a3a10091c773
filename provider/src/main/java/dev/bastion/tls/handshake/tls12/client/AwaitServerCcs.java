package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.crypto.TrafficKeys;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;

/**
 * The client's Finished is out; the server's ChangeCipherSpec comes next (RFC 5246 §7.1), which
 * switches the read side to the server's write keys. Any handshake message before it — a
 * Finished in the clear above all — is unexpected_message.
 */
final class AwaitServerCcs implements ClientState {
    private final Progress progress;
    private final Tls12MasterSecret master;
    private final TrafficKeys serverWrite;
    private final byte[] hashBeforeServerFinished;

    AwaitServerCcs(Progress progress, Tls12MasterSecret master, TrafficKeys serverWrite, byte[] hashBeforeServerFinished) {
        this.progress = progress;
        this.master = master;
        this.serverWrite = serverWrite;
        this.hashBeforeServerFinished = hashBeforeServerFinished.clone();
    }

    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        throw Expect.unexpected(message, "AwaitServerCcs", "ChangeCipherSpec (RFC 5246 §7.1)");
    }

    @Override
    public ClientState changeCipherSpec(HandshakeIo io) {
        try {
            io.installReadKeys12(serverWrite);
        } finally {
            serverWrite.destroy();
        }
        return new AwaitServerFinished(progress, master, hashBeforeServerFinished);
    }

    @Override
    public DecodeContext decodeContext() {
        return progress.decodeContext();
    }
}
