package dev.bastion.tls.crypto;


/**
 * The handshake secret of the TLS 1.3 key schedule (RFC 8446 §7.1), made by
 * {@link EarlySecret#handshakeSecret}. Not thread-safe (one handshake owns it).
 */
public final class HandshakeSecret extends HkdfSecret {

    /** Takes ownership of {@code secret}. */
    HandshakeSecret(Hkdf hkdf, byte[] secret) {
        super(hkdf, secret, "handshake secret");
    }

    /**
     * {@code client_handshake_traffic_secret = Derive-Secret(., "c hs traffic",
     * ClientHello...ServerHello)}.
     */
    public TrafficSecret clientHandshakeTrafficSecret(byte[] helloHash) {
        return KeySchedule13.trafficSecret(hkdf(), secret(), "c hs traffic", helloHash,
                "client_handshake_traffic_secret");
    }

    /**
     * {@code server_handshake_traffic_secret = Derive-Secret(., "s hs traffic",
     * ClientHello...ServerHello)}.
     */
    public TrafficSecret serverHandshakeTrafficSecret(byte[] helloHash) {
        return KeySchedule13.trafficSecret(hkdf(), secret(), "s hs traffic", helloHash,
                "server_handshake_traffic_secret");
    }

    /**
     * {@code Master Secret = HKDF-Extract(Derive-Secret(., "derived", ""), 0)}. Destroys this
     * handshake secret: derive both handshake traffic secrets first.
     */
    public MasterSecret masterSecret() {
        byte[] ms = KeySchedule13.nextStage(hkdf(), secret(), new byte[hash().length()]);
        destroy();
        return new MasterSecret(hkdf(), ms);
    }

}
