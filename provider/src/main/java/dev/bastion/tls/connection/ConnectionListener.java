package dev.bastion.tls.connection;

import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.session.KeyingMaterial;
import dev.bastion.tls.session.SessionContext;

/**
 * What the connection tells its adapter (the engine or the socket) about the session, so the
 * adapter can keep its {@code SSLSession} objects current. Called with the connection's lock
 * held, from the thread that runs the handshake step (possibly a delegated task's).
 */
public interface ConnectionListener {

    /** The handshake learned more ({@code getHandshakeSession()}). */
    void handshakeSession(Negotiated sofar);

    /** The handshake completed ({@code getSession()}). */
    void complete(Negotiated result);

    /**
     * The session context of this connection's side, where its handshake looks sessions up and
     * stores them; null for none (nothing is resumed). Known once the handshake has begun.
     */
    default SessionContext sessionContext() {
        return null;
    }

    /** The connection's keying material exporter and its secret bytes, given before {@link #complete}; the default drops them. */
    default void keyingMaterial(KeyingMaterial exporter, byte[] material) {
    }

    /**
     * The connection failed with a fatal alert, sent or received: its session must not be
     * resumed (RFC 5246 §7.2.2; SunJSSE does the same for TLS 1.3). The default does nothing.
     */
    default void failed() {
    }

    /** A listener that ignores everything. */
    ConnectionListener NONE = new ConnectionListener() {
        @Override
        public void handshakeSession(Negotiated sofar) {
        }

        @Override
        public void complete(Negotiated result) {
        }
    };
}
