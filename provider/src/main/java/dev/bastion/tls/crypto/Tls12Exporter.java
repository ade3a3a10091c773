package dev.bastion.tls.crypto;

import java.util.Set;

/**
 * The TLS 1.2 keying material exporter (RFC 5705 §4): {@code PRF(master_secret, label,
 * client_random + server_random [+ context_value_length + context_value])[length]}. With no
 * context the length and value are left out, so no context differs from an empty one.
 */
public final class Tls12Exporter implements Exporter {
    /**
     * Labels the TLS 1.2 key schedule itself uses (RFC 5705 §4 and the IANA "TLS Exporter
     * Labels" registry reserve them); exporting under them could reveal handshake values.
     */
    private static final Set<String> RESERVED = Set.of("client finished", "server finished", "master secret",
            "key expansion", "extended master secret");

    private final Prf12 prf;
    private final SecretBytes masterSecret;
    private final byte[] clientRandom;
    private final byte[] serverRandom;

    /** Takes ownership of {@code masterSecret}; copies the randoms. */
    Tls12Exporter(HashAlgorithm prfHash, byte[] masterSecret, byte[] clientRandom, byte[] serverRandom) {
        this.prf = new Prf12(prfHash);
        this.masterSecret = new SecretBytes(masterSecret, "TLS 1.2 exporter master secret");
        this.clientRandom = clientRandom.clone();
        this.serverRandom = serverRandom.clone();
    }

    @Override
    public synchronized byte[] exportKeyingMaterial(String label, byte[] context, int length) {
        if (RESERVED.contains(label)) {
            throw new IllegalArgumentException("exporter label \"" + label + "\" is reserved by TLS (RFC 5705 §4)");
        }
        byte[] labelBytes = Prf12.ascii(label);
        if (context == null) {
            return prf.p(masterSecret.get(), length, labelBytes, clientRandom, serverRandom);
        }
        if (context.length > 0xFFFF) {
            throw new IllegalArgumentException("exporter context of " + context.length
                    + " bytes exceeds 65535 (RFC 5705 §4)");
        }
        byte[] contextLength = {(byte) (context.length >>> 8), (byte) context.length};
        return prf.p(masterSecret.get(), length, labelBytes, clientRandom, serverRandom, contextLength, context);
    }

    @Override
    public synchronized void destroy() {
        masterSecret.destroy();
    }

    @Override
    public synchronized boolean isDestroyed() {
        return masterSecret.isDestroyed();
    }

    @Override
    public String toString() {
        return "Tls12Exporter(" + prf.hash() + ", " + masterSecret + ")";
    }
}
