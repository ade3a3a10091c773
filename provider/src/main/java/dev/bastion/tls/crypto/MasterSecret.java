package dev.bastion.tls.crypto;


/**
 * The TLS 1.3 master secret (RFC 8446 §7.1), made by {@link HandshakeSecret#masterSecret}.
 * (The TLS 1.2 master secret is {@link Tls12MasterSecret}.) Not thread-safe.
 */
public final class MasterSecret extends HkdfSecret {

    /** Takes ownership of {@code secret}. */
    MasterSecret(Hkdf hkdf, byte[] secret) {
        super(hkdf, secret, "master secret");
    }

    /**
     * {@code client_application_traffic_secret_0 = Derive-Secret(., "c ap traffic",
     * ClientHello...server Finished)}.
     */
    public TrafficSecret clientApplicationTrafficSecret(byte[] serverFinishedHash) {
        return KeySchedule13.trafficSecret(hkdf(), secret(), "c ap traffic", serverFinishedHash,
                "client_application_traffic_secret_0");
    }

    /**
     * {@code server_application_traffic_secret_0 = Derive-Secret(., "s ap traffic",
     * ClientHello...server Finished)}.
     */
    public TrafficSecret serverApplicationTrafficSecret(byte[] serverFinishedHash) {
        return KeySchedule13.trafficSecret(hkdf(), secret(), "s ap traffic", serverFinishedHash,
                "server_application_traffic_secret_0");
    }

    /** The exporter over {@code Derive-Secret(., "exp master", ClientHello...server Finished)}. */
    public Tls13Exporter exporter(byte[] serverFinishedHash) {
        KeySchedule13.requireHash(hash(), serverFinishedHash, "transcript hash for exporter_master_secret");
        return new Tls13Exporter(hash(), hkdf().deriveSecret(secret(), "exp master", serverFinishedHash),
                "exporter_master_secret");
    }

    /**
     * {@code resumption_master_secret = Derive-Secret(., "res master", ClientHello...client
     * Finished)}. This is the last use of the master secret, so it is destroyed.
     */
    public ResumptionMasterSecret resumptionMasterSecret(byte[] clientFinishedHash) {
        KeySchedule13.requireHash(hash(), clientFinishedHash, "transcript hash for resumption_master_secret");
        byte[] rms = hkdf().deriveSecret(secret(), "res master", clientFinishedHash);
        destroy();
        return new ResumptionMasterSecret(hkdf(), rms);
    }

}
