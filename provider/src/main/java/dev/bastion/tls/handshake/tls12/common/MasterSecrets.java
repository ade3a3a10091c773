package dev.bastion.tls.handshake.tls12.common;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.HandshakeIo;
import java.util.Arrays;

/**
 * The TLS 1.2 master secret of a full handshake: the extended master secret over the session
 * hash when both sides use it (RFC 7627 §4), else the RFC 5246 §8.1 one over both randoms. It
 * goes to the NSS key log as {@code CLIENT_RANDOM <client_random> <master_secret>}.
 */
public final class MasterSecrets {
    /** The NSS key log label of a TLS 1.2 master secret. */
    public static final String KEY_LOG_LABEL = "CLIENT_RANDOM";

    private MasterSecrets() {
    }

    /**
     * Derives and logs the master secret. The caller wipes {@code premaster}.
     *
     * @param sessionHash the transcript hash through ClientKeyExchange (RFC 7627 §3); used only
     *     with {@code extended}
     */
    public static Tls12MasterSecret derive(CipherSuite suite, byte[] premaster, boolean extended, byte[] clientRandom,
            byte[] serverRandom, byte[] sessionHash, HandshakeIo io) {
        Tls12MasterSecret ms = extended ? Tls12MasterSecret.fromPreMasterExtended(suite, premaster, sessionHash)
                : Tls12MasterSecret.fromPreMaster(suite, premaster, clientRandom, serverRandom);
        log(ms, clientRandom, io);
        return ms;
    }

    /** Writes the {@code CLIENT_RANDOM} key log line of {@code ms} (also for a resumed session's new randoms). */
    public static void log(Tls12MasterSecret ms, byte[] clientRandom, HandshakeIo io) {
        byte[] copy = ms.copyForSessionOrKeyLog();
        try {
            io.keyLog(KEY_LOG_LABEL, clientRandom.clone(), copy);
        } finally {
            Arrays.fill(copy, (byte) 0);
        }
    }
}
