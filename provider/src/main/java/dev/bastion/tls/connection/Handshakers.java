package dev.bastion.tls.connection;

import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.tls12.Tls12Handshakers;
import dev.bastion.tls.handshake.tls13.Tls13Handshakers;

/** The one place that chooses the real handshake implementation. */
public final class Handshakers {

    /** The standard factory: {@link #create}. */
    public static final HandshakerFactory STANDARD = Handshakers::create;

    private Handshakers() {
    }

    /**
     * The handshaker for {@code config}: the TLS 1.3 one whenever TLS 1.3 is enabled (it hands
     * over to the TLS 1.2 states when the peer picks or offers only TLS 1.2), else TLS 1.2's.
     */
    public static Handshaker create(HandshakeConfig config) {
        return config.enables(HandshakeConfig.TLS13) ? Tls13Handshakers.of(config) : Tls12Handshakers.of(config);
    }
}
