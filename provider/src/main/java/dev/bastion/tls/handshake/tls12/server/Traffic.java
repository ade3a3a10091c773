package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.FinishedVerified;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.tls12.common.Suites12;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.Side;

/**
 * The handshake is complete. Bastion never renegotiates (MODELS.md §5.7): a ClientHello is
 * answered with a no_renegotiation warning and the connection carries on (RFC 5246 §7.2.2,
 * RFC 5746 §4.4); any other handshake message, and a ChangeCipherSpec, is unexpected_message.
 */
final class Traffic implements ServerState {
    private final CipherSuite suite;
    private final FinishedVerified clientFinished;

    /** Requires the proof that the client's Finished was checked. */
    Traffic(CipherSuite suite, FinishedVerified clientFinished) {
        this.suite = suite;
        this.clientFinished = clientFinished;
    }

    @Override
    public ServerState next(HandshakeMessage message, HandshakeIo io) {
        if (message instanceof ClientHello) {
            io.warning(AlertDescription.NO_RENEGOTIATION);
            return this;
        }
        throw Expect.unexpected(message, "Traffic", "no handshake message (renegotiation is refused)");
    }

    @Override
    public DecodeContext decodeContext() {
        return Suites12.decodeContext(Side.SERVER, suite);
    }

    @Override
    public String toString() {
        return "Traffic(" + suite + ", " + clientFinished + ")";
    }
}
