package dev.bastion.tls.crypto;

import java.util.Arrays;

/**
 * Helpers shared by the TLS 1.3 key-schedule stages (RFC 8446 §7.1):
 *
 * <pre>
 * EarlySecret     = HKDF-Extract(0, PSK or 0)                    binder keys, c e traffic, e exp master
 *   └ HandshakeSecret = HKDF-Extract(Derive-Secret(., "derived", ""), (EC)DHE or 0)   c/s hs traffic
 *       └ MasterSecret = HKDF-Extract(Derive-Secret(., "derived", ""), 0)   c/s ap traffic, exp master
 *           └ ResumptionMasterSecret                              PSK per ticket nonce
 * </pre>
 *
 * Each stage offers only the derivations legal at that point and destroys its secret when
 * the next stage is derived from it.
 */
final class KeySchedule13 {
    private KeySchedule13() {
    }

    /** Bad transcript hash lengths are our own bug, not the peer's. */
    static byte[] requireHash(HashAlgorithm hash, byte[] transcriptHash, String what) {
        if (transcriptHash.length != hash.length()) {
            throw new IllegalArgumentException(what + " must be a " + hash + " hash of " + hash.length()
                    + " bytes, got " + transcriptHash.length);
        }
        return transcriptHash;
    }

    /** {@code Derive-Secret(secret, label, Messages)} as a traffic secret. */
    static TrafficSecret trafficSecret(Hkdf hkdf, byte[] secret, String label, byte[] transcriptHash, String name) {
        requireHash(hkdf.hash(), transcriptHash, "transcript hash for " + name);
        return new TrafficSecret(hkdf.hash(), hkdf.deriveSecret(secret, label, transcriptHash), name);
    }

    /** {@code HKDF-Extract(Derive-Secret(secret, "derived", ""), ikm)}: the next stage's secret. */
    static byte[] nextStage(Hkdf hkdf, byte[] secret, byte[] ikm) {
        byte[] derived = hkdf.deriveSecret(secret, "derived", hkdf.emptyHash());
        try {
            return hkdf.extract(derived, ikm);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }
}
