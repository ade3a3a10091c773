package dev.bastion.tls.connection;

import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Handshaker;

/**
 * Creates the {@link Handshaker} of one connection. {@link Handshakers#STANDARD} is the real
 * one; tests pass scripted handshakers.
 */
public interface HandshakerFactory {

    /** A handshaker for {@code config} (client or server, per {@link HandshakeConfig#client()}). */
    Handshaker create(HandshakeConfig config);

    /**
     * Asks {@code handshaker}, once its handshake is complete, to send a TLS 1.3 KeyUpdate and
     * install new write keys through {@code io} (RFC 8446 §4.6.3), setting
     * {@code update_requested} when {@code requestPeerUpdate}. The connection calls this when a
     * write key reaches its limit ({@code RecordLimits.keyUpdateThreshold},
     * {@code jdk.tls.keyLimits}), when a read key reaches its byte limit (with
     * {@code requestPeerUpdate}), and for {@code beginHandshake()} after the handshake.
     *
     * @return false when the handshaker cannot update keys now (still handshaking, or a
     *     handshaker without KeyUpdate)
     */
    default boolean updateKeys(Handshaker handshaker, HandshakeIo io, boolean requestPeerUpdate) {
        try {
            handshaker.sendKeyUpdate(io, requestPeerUpdate);
            return true;
        } catch (IllegalStateException notNow) {
            return false;
        }
    }
}
