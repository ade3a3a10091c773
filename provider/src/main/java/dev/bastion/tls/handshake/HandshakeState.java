package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;

/**
 * One step of a handshake (MODELS.md §5.2): an immutable object holding only what is known at
 * that point. Each side and version has a sealed sub-interface listing its states, whose
 * {@link #next} narrows the return type. A state accepts the messages it expects with
 * {@code instanceof} and sends everything else to {@link Expect#unexpected}.
 */
public interface HandshakeState {

    /**
     * Handles one message from the peer (already in the transcript) and returns the state
     * that follows.
     *
     * @throws dev.bastion.tls.codec.TlsAlert for a message this state does not accept
     *     ({@code unexpected_message}) or one that fails its checks
     */
    HandshakeState next(HandshakeMessage message, HandshakeIo io);

    /** How to decode the next message from the peer. */
    DecodeContext decodeContext();

    /** Whether a compatibility change_cipher_spec record may arrive now (RFC 8446 §5). */
    boolean acceptsCompatibilityCcs();

    /**
     * The peer's TLS 1.2 change_cipher_spec arrived (see {@link Handshaker#changeCipherSpec});
     * returns the state that follows. Only a state that awaits it accepts it.
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code unexpected_message} in every other state
     */
    default HandshakeState changeCipherSpec(HandshakeIo io) {
        throw TlsAlert.unexpectedMessage("change_cipher_spec received in state " + getClass().getSimpleName()
                + ", which expects a handshake message (RFC 5246 §7.1, RFC 8446 §5)");
    }

    /**
     * Sends a KeyUpdate (see {@link Handshaker#sendKeyUpdate}); only the states after the
     * handshake support it.
     *
     * @throws IllegalStateException in every other state
     */
    default HandshakeState sendKeyUpdate(HandshakeIo io, boolean requestPeerUpdate) {
        throw new IllegalStateException("no KeyUpdate before the handshake is complete (state "
                + getClass().getSimpleName() + ")");
    }
}
