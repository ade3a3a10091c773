package dev.bastion.tls.crypto;


/**
 * The first stage of the TLS 1.3 key schedule (RFC 8446 §7.1):
 * {@code Early Secret = HKDF-Extract(0, PSK)}, with a PSK of {@code Hash.length} zeros when
 * no PSK is in use. Not thread-safe (one handshake owns it).
 */
public final class EarlySecret extends HkdfSecret {

    private EarlySecret(Hkdf hkdf, byte[] psk) {
        super(hkdf, hkdf.extract(new byte[0], psk), "early secret");
    }

    /** The early secret of a full handshake: no PSK, so IKM = {@code Hash.length} zeros. */
    public static EarlySecret withoutPsk(HashAlgorithm hash) {
        return new EarlySecret(new Hkdf(hash), new byte[hash.length()]);
    }

    /**
     * The early secret from a PSK (resumption or external). The caller keeps and wipes
     * {@code psk}; nothing here holds on to it.
     */
    public static EarlySecret fromPsk(HashAlgorithm hash, byte[] psk) {
        if (psk.length == 0) {
            throw new IllegalArgumentException("a PSK must not be empty");
        }
        return new EarlySecret(new Hkdf(hash), psk);
    }

    /** Binder key for a resumption PSK (from a NewSessionTicket): label "res binder". */
    public PskBinderKey resumptionBinderKey() {
        return binderKey("res binder");
    }

    /** Binder key for an external PSK: label "ext binder". */
    public PskBinderKey externalBinderKey() {
        return binderKey("ext binder");
    }

    /** {@code client_early_traffic_secret = Derive-Secret(., "c e traffic", ClientHello)}. */
    public TrafficSecret clientEarlyTrafficSecret(byte[] clientHelloHash) {
        return KeySchedule13.trafficSecret(hkdf(), secret(), "c e traffic", clientHelloHash,
                "client_early_traffic_secret");
    }

    /** The early exporter over {@code Derive-Secret(., "e exp master", ClientHello)}. */
    public Tls13Exporter earlyExporter(byte[] clientHelloHash) {
        KeySchedule13.requireHash(hash(), clientHelloHash, "ClientHello hash");
        return new Tls13Exporter(hash(), hkdf().deriveSecret(secret(), "e exp master", clientHelloHash),
                "early_exporter_master_secret");
    }

    /**
     * The handshake secret from the (EC)DHE or KEM shared secret:
     * {@code HKDF-Extract(Derive-Secret(., "derived", ""), shared)}. Destroys this early
     * secret. The caller keeps and wipes {@code sharedSecret}.
     */
    public HandshakeSecret handshakeSecret(byte[] sharedSecret) {
        if (sharedSecret.length == 0) {
            throw new IllegalArgumentException("an (EC)DHE shared secret must not be empty");
        }
        return next(sharedSecret);
    }

    /** The handshake secret of a {@code psk_ke} handshake (no (EC)DHE): IKM = zeros. */
    public HandshakeSecret handshakeSecretWithoutKeyExchange() {
        return next(new byte[hash().length()]);
    }


    private PskBinderKey binderKey(String label) {
        return new PskBinderKey(hkdf(), hkdf().deriveSecret(secret(), label, hkdf().emptyHash()));
    }

    private HandshakeSecret next(byte[] ikm) {
        byte[] hs = KeySchedule13.nextStage(hkdf(), secret(), ikm);
        destroy();
        return new HandshakeSecret(hkdf(), hs);
    }
}
