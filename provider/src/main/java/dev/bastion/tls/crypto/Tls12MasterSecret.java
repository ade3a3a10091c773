package dev.bastion.tls.crypto;

import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * The TLS 1.2 master secret and what is derived from it with the suite's PRF (RFC 5246 §5):
 * the key block (§6.3), Finished.verify_data (§7.4.9) and the exporter (RFC 5705). Not
 * thread-safe (one handshake owns it).
 */
public final class Tls12MasterSecret implements Destroyable {
    /** RFC 5246 §8.1: the master secret is always 48 bytes. */
    public static final int LENGTH = 48;
    /** RFC 5246 §7.4.9: verify_data_length is 12 for every suite Bastion implements. */
    public static final int VERIFY_DATA_LENGTH = 12;
    private static final int RANDOM_LENGTH = 32;

    private final CipherSuite suite;
    private final Prf12 prf;
    private final SecretBytes secret;

    /** Takes ownership of {@code secret}. */
    private Tls12MasterSecret(CipherSuite suite, Prf12 prf, byte[] secret) {
        this.suite = suite;
        this.prf = prf;
        this.secret = new SecretBytes(secret, "TLS 1.2 master secret");
    }

    /**
     * {@code master_secret = PRF(pre_master_secret, "master secret", ClientHello.random +
     * ServerHello.random)[0..47]} (RFC 5246 §8.1). The caller keeps and wipes {@code preMaster}.
     */
    public static Tls12MasterSecret fromPreMaster(CipherSuite suite, byte[] preMaster, byte[] clientRandom,
            byte[] serverRandom) {
        Prf12 prf = new Prf12(requireTls12(suite).hash());
        byte[] ms = prf.derive(preMaster, "master secret", requireRandom(clientRandom), requireRandom(serverRandom),
                LENGTH);
        return new Tls12MasterSecret(suite, prf, ms);
    }

    /**
     * The extended master secret (RFC 7627 §4): {@code PRF(pre_master_secret, "extended
     * master secret", session_hash)[0..47]}, where {@code session_hash} is the PRF-hash of
     * the handshake messages up to and including ClientKeyExchange (§3).
     */
    public static Tls12MasterSecret fromPreMasterExtended(CipherSuite suite, byte[] preMaster, byte[] sessionHash) {
        Prf12 prf = new Prf12(requireTls12(suite).hash());
        requireHash(suite, sessionHash, "session_hash");
        return new Tls12MasterSecret(suite, prf, prf.derive(preMaster, "extended master secret", sessionHash, LENGTH));
    }

    /** A master secret restored from a cached session (copied). */
    public static Tls12MasterSecret fromSession(CipherSuite suite, byte[] masterSecret) {
        if (masterSecret.length != LENGTH) {
            throw new IllegalArgumentException("a TLS 1.2 master secret is 48 bytes, got " + masterSecret.length);
        }
        return new Tls12MasterSecret(suite, new Prf12(requireTls12(suite).hash()), masterSecret.clone());
    }

    public CipherSuite suite() {
        return suite;
    }

    /**
     * The record keys (RFC 5246 §6.3): {@code key_block = PRF(master_secret, "key
     * expansion", server_random + client_random)}, split into client_write_key,
     * server_write_key, client_write_IV, server_write_IV (AEAD suites have no MAC keys). The
     * IV is the 4-byte salt for AES-GCM (RFC 5288 §3) and 12 bytes for ChaCha20-Poly1305
     * (RFC 7905 §2).
     */
    public Tls12KeyBlock keyBlock(byte[] clientRandom, byte[] serverRandom) {
        AeadAlgorithm aead = suite.aead();
        int keyLen = aead.keyLength();
        int ivLen = aead == AeadAlgorithm.CHACHA20_POLY1305 ? AeadAlgorithm.NONCE_LENGTH : 4;
        byte[] block = prf.derive(secret.get(), "key expansion", requireRandom(serverRandom),
                requireRandom(clientRandom), 2 * keyLen + 2 * ivLen);
        try {
            TrafficKeys client = new TrafficKeys(aead, Arrays.copyOfRange(block, 0, keyLen),
                    Arrays.copyOfRange(block, 2 * keyLen, 2 * keyLen + ivLen));
            TrafficKeys server = new TrafficKeys(aead, Arrays.copyOfRange(block, keyLen, 2 * keyLen),
                    Arrays.copyOfRange(block, 2 * keyLen + ivLen, 2 * keyLen + 2 * ivLen));
            return new Tls12KeyBlock(client, server);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    /**
     * The client's Finished.verify_data (RFC 5246 §7.4.9): {@code PRF(master_secret,
     * "client finished", Hash(handshake_messages))[0..11]}.
     */
    public byte[] clientFinishedVerifyData(byte[] handshakeHash) {
        return verifyData("client finished", handshakeHash);
    }

    /** The server's Finished.verify_data, with label "server finished". */
    public byte[] serverFinishedVerifyData(byte[] handshakeHash) {
        return verifyData("server finished", handshakeHash);
    }

    /**
     * Checks the client's Finished in constant time.
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code decrypt_error} on mismatch,
     *     {@code decode_error} if the length is not 12
     */
    public FinishedVerified verifyClientFinished(byte[] handshakeHash, byte[] received) {
        return check(clientFinishedVerifyData(handshakeHash), received, "client Finished.verify_data");
    }

    /** Checks the server's Finished in constant time; alerts as {@link #verifyClientFinished}. */
    public FinishedVerified verifyServerFinished(byte[] handshakeHash, byte[] received) {
        return check(serverFinishedVerifyData(handshakeHash), received, "server Finished.verify_data");
    }

    /** The RFC 5705 exporter of this connection; it keeps its own copy of the secret. */
    public Tls12Exporter exporter(byte[] clientRandom, byte[] serverRandom) {
        return new Tls12Exporter(suite.hash(), secret.get().clone(), requireRandom(clientRandom),
                requireRandom(serverRandom));
    }

    /**
     * A copy of the 48 secret bytes, only for the session cache (resumption) and the NSS key
     * log ({@code CLIENT_RANDOM} lines). The caller wipes the copy when done.
     */
    public byte[] copyForSessionOrKeyLog() {
        return secret.get().clone();
    }

    @Override
    public void destroy() {
        secret.destroy();
    }

    @Override
    public boolean isDestroyed() {
        return secret.isDestroyed();
    }

    @Override
    public String toString() {
        return "Tls12MasterSecret(" + suite + ", " + secret + ")";
    }

    private byte[] verifyData(String label, byte[] handshakeHash) {
        requireHash(suite, handshakeHash, "Hash(handshake_messages)");
        return prf.derive(secret.get(), label, handshakeHash, VERIFY_DATA_LENGTH);
    }

    private static FinishedVerified check(byte[] expected, byte[] received, String what) {
        try {
            return FinishedVerified.check(expected, received, what);
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
    }

    private static CipherSuite requireTls12(CipherSuite suite) {
        if (suite.isTls13()) {
            throw new IllegalArgumentException(suite + " is a TLS 1.3 suite");
        }
        return suite;
    }

    private static byte[] requireRandom(byte[] random) {
        if (random.length != RANDOM_LENGTH) {
            throw new IllegalArgumentException("a hello random is 32 bytes, got " + random.length);
        }
        return random;
    }

    private static void requireHash(CipherSuite suite, byte[] hash, String what) {
        if (hash.length != suite.hash().length()) {
            throw new IllegalArgumentException(what + " must be a " + suite.hash() + " hash, got "
                    + hash.length + " bytes");
        }
    }
}
