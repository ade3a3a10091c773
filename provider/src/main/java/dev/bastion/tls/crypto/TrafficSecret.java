package dev.bastion.tls.crypto;

import java.util.Arrays;

/**
 * A TLS 1.3 traffic secret of one direction (RFC 8446 §7.1): client/server early,
 * handshake or application traffic secret. It yields the record keys of its direction
 * (§7.3), the Finished value of its sender (§4.4.4) and, for application secrets, the next
 * generation after a KeyUpdate (§7.2).
 *
 * <p>Each instance has its own HKDF, so the read and write directions can be used by
 * different threads; one instance is not thread-safe.
 */
public final class TrafficSecret extends HkdfSecret {

    /** Takes ownership of {@code secret}. */
    TrafficSecret(HashAlgorithm hash, byte[] secret, String name) {
        super(new Hkdf(hash), checkLength(hash, secret, name), name);
    }

    private static byte[] checkLength(HashAlgorithm hash, byte[] secret, String name) {
        if (secret.length != hash.length()) {
            throw new IllegalArgumentException(name + " must be " + hash.length() + " bytes, got " + secret.length);
        }
        return secret;
    }

    /**
     * The record protection key and IV of this direction (RFC 8446 §7.3):
     * {@code key = HKDF-Expand-Label(secret, "key", "", key_length)},
     * {@code iv = HKDF-Expand-Label(secret, "iv", "", iv_length)}. The caller owns (and
     * destroys) the result.
     */
    public TrafficKeys keys(AeadAlgorithm aead) {
        byte[] s = secret();
        byte[] key = hkdf().expandLabel(s, "key", new byte[0], aead.keyLength());
        byte[] iv = hkdf().expandLabel(s, "iv", new byte[0], aead.nonceLength());
        // usually the last routine use: an idle connection keeps this secret only for KeyUpdate
        releaseHkdf();
        return new TrafficKeys(aead, key, iv);
    }

    /**
     * Finished.verify_data for the side that sends with this handshake traffic secret
     * (RFC 8446 §4.4.4): {@code HMAC(finished_key, transcriptHash)} with
     * {@code finished_key = HKDF-Expand-Label(secret, "finished", "", Hash.length)}.
     *
     * @param transcriptHash Transcript-Hash(Handshake Context, Certificate*,
     *     CertificateVerify*), i.e. of every handshake message before this Finished
     */
    public byte[] finishedVerifyData(byte[] transcriptHash) {
        return hkdf().finishedMac(secret(), transcriptHash);
    }

    /**
     * Checks the peer's Finished (this must be the peer's handshake traffic secret), in
     * constant time.
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code decrypt_error} on mismatch (RFC 8446
     *     §4.4.4), {@code decode_error} if {@code receivedVerifyData} has the wrong length
     */
    public FinishedVerified verifyFinished(byte[] transcriptHash, byte[] receivedVerifyData) {
        byte[] expected = finishedVerifyData(transcriptHash);
        try {
            return FinishedVerified.check(expected, receivedVerifyData, "Finished.verify_data");
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
    }

    /**
     * The next application traffic secret after a KeyUpdate (RFC 8446 §7.2):
     * {@code HKDF-Expand-Label(secret, "traffic upd", "", Hash.length)}. This secret is
     * destroyed, as §7.2 recommends; keys already derived from it are the caller's to
     * destroy.
     */
    public TrafficSecret next() {
        byte[] n = hkdf().expandLabel(secret(), "traffic upd", new byte[0], hash().length());
        destroy();
        return new TrafficSecret(hash(), n, "next application traffic secret");
    }

    /**
     * A copy of the secret bytes, for the NSS key log ({@code SSLKEYLOGFILE}) only. The
     * caller wipes the copy after writing it.
     */
    public byte[] copyForKeyLog() {
        return secret().clone();
    }

}
