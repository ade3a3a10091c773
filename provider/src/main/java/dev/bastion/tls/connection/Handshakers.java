package dev.bastion.tls.connection;

import dev.bastion.tls.handshake.tls13.Tls13Handshakers;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Handshaker;

/** The one place that chooses the real handshake implementation. */
public final class Handshakers {

    /** The standard factory: {@link #create}. */
    public static final HandshakerFactory STANDARD = Handshakers::create;

    private Handshakers() {
    }

    /** The handshaker for {@code config}. */
    public static Handshaker create(HandshakeConfig config) {
        return config.client() ? Tls13Handshakers.client(config) : Tls13Handshakers.server(config);
    }
}
