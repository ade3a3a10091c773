package dev.bastion.tls.handshake.tls12.common;

import dev.bastion.tls.crypto.SessionExporter;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.HandshakeIo;

/**
 * Gives a TLS 1.2 connection's keying material exporter (RFC 5705) to the session, at the
 * Finished that completes the handshake: the master secret and this connection's randoms when
 * the extended master secret was used, otherwise an exporter that refuses (RFC 7627 §5.4).
 */
public final class Keying12 {
    private Keying12() {
    }

    public static void give(HandshakeIo io, Tls12MasterSecret master, boolean extendedMasterSecret, byte[] clientRandom,
            byte[] serverRandom) {
        if (extendedMasterSecret) {
            io.keyingMaterial(SessionExporter.tls12(master), SessionExporter.tls12Material(master, clientRandom, serverRandom));
        } else {
            io.keyingMaterial(SessionExporter.WITHOUT_EMS, SessionExporter.noMaterial());
        }
    }
}
