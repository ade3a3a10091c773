package dev.bastion.tls.connection;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Handshaker;

/**
 * The one place that chooses the real handshake implementation.
 *
 * <p>INTEGRATION: when branch {@code tls13} is merged, make {@link #create} return
 * {@code config.client() ? Tls13Handshakers.client(config) : Tls13Handshakers.server(config)}
 * and implement {@link HandshakerFactory#updateKeys} in {@link #STANDARD} (or move it to
 * {@code Handshaker}).
 */
public final class Handshakers {

    /** The standard factory: {@link #create}. */
    public static final HandshakerFactory STANDARD = Handshakers::create;

    private Handshakers() {
    }

    /** The handshaker for {@code config}. */
    public static Handshaker create(HandshakeConfig config) {
        // INTEGRATION: return config.client() ? Tls13Handshakers.client(config) : Tls13Handshakers.server(config);
        throw TlsAlert.internalError("no TLS 1.3 handshaker is linked into this build yet (branch tls13)", null);
    }
}
