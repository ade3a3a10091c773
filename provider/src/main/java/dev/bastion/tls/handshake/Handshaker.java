package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;

/**
 * One side's handshake as the connection core drives it: start it, then hand it each
 * decoded handshake message (already added to the transcript). It holds the current state
 * (a small immutable object per RFC step) and nothing else.
 */
public interface Handshaker {

    /** Client: builds and sends the ClientHello. Server: nothing, it awaits one. */
    void start(HandshakeIo io);

    /**
     * Handles one message from the peer. May be expensive (signatures, key agreement): an
     * {@code SSLEngine} runs it as a delegated task.
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code unexpected_message} for a message the
     *     current state does not accept, and whatever alert the message deserves
     */
    void receive(HandshakeMessage message, HandshakeIo io);

    /** How to decode the next message from the peer (negotiated version, side, lengths). */
    DecodeContext decodeContext();

    /**
     * Whether a TLS 1.3 compatibility change_cipher_spec record from the peer is acceptable
     * now (RFC 8446 §5: after the first ClientHello and before the peer's Finished).
     */
    boolean acceptsCompatibilityCcs();

    /**
     * The peer's TLS 1.2 change_cipher_spec record arrived (RFC 5246 §7.1); the connection
     * calls this only when {@link #acceptsCompatibilityCcs()} is false. The state that awaits it
     * installs the pending read keys; every other state refuses it.
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code unexpected_message} when no CCS is expected
     */
    default void changeCipherSpec(HandshakeIo io) {
        throw TlsAlert.unexpectedMessage("change_cipher_spec received, but " + this
                + " expects none");
    }

    /**
     * After the handshake (TLS 1.3): sends a KeyUpdate and protects what we send after it
     * with the next application traffic secret (RFC 8446 §4.6.3, §7.2). With
     * {@code requestPeerUpdate} the peer is asked to update its own keys too. The connection
     * calls it before the write keys reach their AEAD limit (RFC 8446 §5.5).
     *
     * @throws IllegalStateException before the handshake is complete
     */
    default void sendKeyUpdate(HandshakeIo io, boolean requestPeerUpdate) {
        throw new IllegalStateException("KeyUpdate is not supported by " + getClass().getSimpleName());
    }
}
