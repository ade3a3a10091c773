package dev.bastion.tls.crypto;

import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * AES-GCM (NIST SP 800-38D, RFC 5116) over Bouncy Castle's lightweight GCM and AES engine.
 * Kept for comparison and as a fallback: on HotSpot the JDK's intrinsified AES-GCM is
 * much faster (see {@link Aeads}).
 */
final class BcAesGcmAead extends BcAead {
    private static final int TAG_BITS = AeadAlgorithm.TAG_LENGTH * 8;

    private final GCMModeCipher cipher;
    private final int keyLength;
    private KeyParameter pendingKey;

    BcAesGcmAead(AeadAlgorithm algorithm, byte[] key) {
        this(algorithm, GCMBlockCipher.newInstance(AESEngine.newInstance()), key);
    }

    private BcAesGcmAead(AeadAlgorithm algorithm, GCMModeCipher cipher, byte[] key) {
        super(algorithm, cipher);
        if (algorithm == AeadAlgorithm.CHACHA20_POLY1305) {
            throw new IllegalArgumentException("not an AES-GCM algorithm: " + algorithm);
        }
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength() + "-byte key, got " + key.length);
        }
        this.cipher = cipher;
        this.keyLength = key.length;
        this.pendingKey = new KeyParameter(key);
    }

    @Override
    CipherParameters parameters(byte[] nonce) {
        KeyParameter key = pendingKey;
        pendingKey = null;
        return new AEADParameters(key, TAG_BITS, nonce);
    }

    /** Overwrites Bouncy Castle's key schedule and GHASH key by re-keying with zeros. */
    @Override
    public void close() {
        super.close();
        pendingKey = null;
        cipher.init(false, new AEADParameters(new KeyParameter(new byte[keyLength]), TAG_BITS, new byte[AeadAlgorithm.NONCE_LENGTH]));
    }
}
