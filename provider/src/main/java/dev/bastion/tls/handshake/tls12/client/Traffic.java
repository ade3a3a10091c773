package dev.bastion.tls.handshake.tls12.client;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.FinishedVerified;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.tls12.common.Suites12;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.HelloRequest;
import dev.bastion.tls.message.Side;

/**
 * The handshake is complete. Bastion never renegotiates (MODELS.md §5.7): a HelloRequest is
 * answered with a no_renegotiation warning and the connection carries on (RFC 5246 §7.4.1.1,
 * §7.2.2); any other handshake message, and a ChangeCipherSpec, is unexpected_message.
 */
final class Traffic implements ClientState {
    private final CipherSuite suite;
    private final FinishedVerified serverFinished;

    /** Requires the proof that the server's Finished was checked. */
    Traffic(CipherSuite suite, FinishedVerified serverFinished) {
        this.suite = suite;
        this.serverFinished = serverFinished;
    }

    @Override
    public ClientState next(HandshakeMessage message, HandshakeIo io) {
        return receive(message, io);
    }

    @Override
    public ClientState receive(HandshakeMessage message, HandshakeIo io) {
        if (message instanceof HelloRequest) {
            io.warning(AlertDescription.NO_RENEGOTIATION);
            return this;
        }
        throw Expect.unexpected(message, "Traffic", "no handshake message (renegotiation is refused)");
    }

    @Override
    public DecodeContext decodeContext() {
        return Suites12.decodeContext(Side.CLIENT, suite);
    }

    @Override
    public String toString() {
        return "Traffic(" + suite + ", " + serverFinished + ")";
    }
}
