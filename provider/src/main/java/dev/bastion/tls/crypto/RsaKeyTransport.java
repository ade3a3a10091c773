package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;

/**
 * TLS 1.2 RSA key transport (RFC 5246 §7.4.7.1): the client encrypts a 48-byte premaster
 * secret with PKCS#1 v1.5; the server decrypts it without ever revealing whether the padding
 * was right (Bleichenbacher's attack needs exactly that oracle).
 *
 * <p>Server side, preferred path: raw RSA ({@code "RSA/ECB/NoPadding"}) followed by our own
 * constant-time padding check ({@link RsaPkcs1Padding}), so nothing depends on how a provider
 * unpads. Fallback, used only when no provider accepts the key for NoPadding (some hardware
 * tokens refuse raw RSA): {@code "RSA/ECB/PKCS1Padding"} with the exception caught. The
 * trade-off: the fallback's timing and its exception path are the provider's, not ours, and
 * may differ between good and bad padding; it still returns the random R without an
 * exception, as the RFC requires, and the version check and final selection stay constant-time.
 */
public final class RsaKeyTransport {
    /** Length of the TLS premaster secret: 2 version bytes + 46 random bytes. */
    public static final int PREMASTER_LENGTH = 48;

    private RsaKeyTransport() {
    }

    /**
     * Client side: encrypts {@code premaster} (48 bytes: {@code ClientHello.client_version}
     * and 46 random bytes) to the server's RSA key with PKCS#1 v1.5.
     *
     * @throws IllegalArgumentException if the premaster is not 48 bytes or the key is not RSA
     * @throws TlsAlert {@code handshake_failure} when the server's key cannot be used (too small,
     *         refused by every provider), {@code internal_error} when JCA lacks RSA
     */
    public static byte[] encryptPremaster(PublicKey serverKey, byte[] premaster, SecureRandom random) {
        if (premaster.length != PREMASTER_LENGTH) {
            throw new IllegalArgumentException("premaster secret must be 48 bytes, got " + premaster.length);
        }
        requireRsa(serverKey);
        Cipher rsa = cipher("RSA/ECB/PKCS1Padding");
        try {
            rsa.init(Cipher.ENCRYPT_MODE, serverKey, random);
            return rsa.doFinal(premaster);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new TlsAlert(AlertDescription.HANDSHAKE_FAILURE,
                    "cannot encrypt the premaster secret to the server's RSA key: " + e, e);
        }
    }

    /**
     * Server side: the premaster secret in {@code encrypted}, or 48 random bytes when it is not
     * a correctly padded 48-byte block starting with {@code clientHelloVersion}
     * (RFC 5246 §7.4.7.1; the RFC's "version number check explicitly disabled" option is not
     * offered). Never throws because of {@code encrypted}: a wrong premaster only makes the
     * client's Finished fail later. R is generated first; the decryption always runs (on a
     * zero block when {@code encrypted} is not modulus-sized, a fact the peer knows anyway);
     * the choice between the decrypted bytes and R is made without branching.
     *
     * @param clientHelloVersion {@code ClientHello.client_version}, e.g. 0x0303
     */
    public static byte[] decryptPremaster(PrivateKey key, byte[] encrypted, int clientHelloVersion,
            SecureRandom random) {
        requireRsa(key);
        byte[] r = new byte[PREMASTER_LENGTH];
        random.nextBytes(r);
        int k = modulusLength(key);
        if (k < 0) {
            return viaPkcs1Padding(key, encrypted, clientHelloVersion, r);
        }
        if (k < PREMASTER_LENGTH + RsaPkcs1Padding.MIN_OVERHEAD) {
            return r; // a key under 472 bits cannot carry a premaster secret at all
        }
        int good = RsaPkcs1Padding.zero(encrypted.length ^ k);
        byte[] em = rawDecrypt(key, good == -1 ? encrypted : new byte[k], k);
        if (em == null) {
            return viaPkcs1Padding(key, encrypted, clientHelloVersion, r);
        }
        good &= RsaPkcs1Padding.premasterMask(em, clientHelloVersion);
        byte[] out = new byte[PREMASTER_LENGTH];
        RsaPkcs1Padding.select(good, em, k - PREMASTER_LENGTH, r, out);
        Arrays.fill(em, (byte) 0);
        Arrays.fill(r, (byte) 0);
        return out;
    }

    /**
     * Strict RSAES-PKCS1-v1_5 decryption (RFC 8017 §7.2.2) on the same constant-time padding
     * check: the message, or {@code decrypt_error}. Throwing is itself an oracle, so this is for
     * tests and for uses where the caller may learn the result; key transport uses
     * {@link #decryptPremaster}.
     */
    public static byte[] decryptPkcs1(PrivateKey key, byte[] ciphertext) {
        requireRsa(key);
        int k = modulusLength(key);
        if (k < 0) {
            throw new IllegalArgumentException("the key does not reveal its modulus length");
        }
        if (ciphertext.length != k) {
            throw TlsAlert.decryptError("RSA ciphertext has " + ciphertext.length + " bytes, expected " + k);
        }
        byte[] em = rawDecrypt(key, ciphertext, k);
        if (em == null) {
            throw TlsAlert.internalError("no provider does raw RSA with this " + key.getAlgorithm() + " key", null);
        }
        int start = RsaPkcs1Padding.messageStart(em);
        if (start < 0) {
            throw TlsAlert.decryptError("RSA ciphertext does not decrypt to PKCS#1 v1.5 type 2 padding");
        }
        byte[] message = Arrays.copyOfRange(em, start, k);
        Arrays.fill(em, (byte) 0);
        return message;
    }

    /** The fallback path of {@link #decryptPremaster}; package-private so tests can run it. */
    static byte[] viaPkcs1Padding(PrivateKey key, byte[] encrypted, int clientHelloVersion, byte[] r) {
        byte[] m = null;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, key);
            m = rsa.doFinal(encrypted);
        } catch (GeneralSecurityException | RuntimeException e) {
            // bad padding, wrong length, or a key no provider takes: the answer is R
        }
        int good = m != null && m.length == PREMASTER_LENGTH ? -1 : 0;
        byte[] block = good == -1 ? m : new byte[PREMASTER_LENGTH];
        good &= RsaPkcs1Padding.zero((block[0] & 0xFF) ^ ((clientHelloVersion >>> 8) & 0xFF))
                & RsaPkcs1Padding.zero((block[1] & 0xFF) ^ (clientHelloVersion & 0xFF));
        byte[] out = new byte[PREMASTER_LENGTH];
        RsaPkcs1Padding.select(good, block, 0, r, out);
        Arrays.fill(block, (byte) 0);
        if (m != null) {
            Arrays.fill(m, (byte) 0);
        }
        Arrays.fill(r, (byte) 0);
        return out;
    }

    /**
     * Raw RSA decryption, right-aligned into a k-byte block (some providers drop leading zero
     * bytes); a ciphertext the provider rejects (not below the modulus) gives an all-zero
     * block, which fails the padding check. Null when no provider does NoPadding with this key.
     */
    private static byte[] rawDecrypt(PrivateKey key, byte[] ciphertext, int k) {
        Cipher raw;
        try {
            raw = Cipher.getInstance("RSA/ECB/NoPadding");
            raw.init(Cipher.DECRYPT_MODE, key);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException | InvalidKeyException e) {
            return null;
        }
        byte[] em = new byte[k];
        try {
            byte[] out = raw.doFinal(ciphertext);
            if (out.length <= k) {
                System.arraycopy(out, 0, em, k - out.length, out.length);
            }
            Arrays.fill(out, (byte) 0);
        } catch (GeneralSecurityException | RuntimeException e) {
            // c >= n or similar: public facts about the ciphertext; em stays all zero (bad padding)
        }
        return em;
    }

    private static int modulusLength(Key key) {
        if (key instanceof RSAKey && ((RSAKey) key).getModulus() != null) {
            return (((RSAKey) key).getModulus().bitLength() + 7) / 8;
        }
        return -1;
    }

    private static void requireRsa(Key key) {
        Objects.requireNonNull(key, "key");
        if (!"RSA".equals(key.getAlgorithm().toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("RSA key transport needs an RSA key, got " + key.getAlgorithm());
        }
    }

    private static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
            throw TlsAlert.internalError("no JCA provider implements " + transformation, e);
        }
    }
}
