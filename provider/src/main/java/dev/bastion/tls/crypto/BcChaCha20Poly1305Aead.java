package dev.bastion.tls.crypto;

import org.bouncycastle.crypto.CipherParameters;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * ChaCha20-Poly1305 (RFC 8439 §2.8) over Bouncy Castle's lightweight
 * {@link ChaCha20Poly1305}. The key is handed over once; later records pass a null key so
 * Bouncy Castle keeps its key setup.
 */
final class BcChaCha20Poly1305Aead extends BcAead {
    private final ChaCha20Poly1305 cipher;
    private KeyParameter pendingKey;

    BcChaCha20Poly1305Aead(byte[] key) {
        this(new ChaCha20Poly1305(), key);
    }

    private BcChaCha20Poly1305Aead(ChaCha20Poly1305 cipher, byte[] key) {
        super(AeadAlgorithm.CHACHA20_POLY1305, cipher);
        if (key.length != AeadAlgorithm.CHACHA20_POLY1305.keyLength()) {
            throw new IllegalArgumentException("ChaCha20-Poly1305 needs a 32-byte key, got " + key.length);
        }
        this.cipher = cipher;
        this.pendingKey = new KeyParameter(key);
    }

    @Override
    CipherParameters parameters(byte[] nonce) {
        KeyParameter key = pendingKey;
        pendingKey = null;
        return new ParametersWithIV(key, nonce);
    }

    /** Overwrites Bouncy Castle's copy of the key by re-keying with zeros. */
    @Override
    public void close() {
        super.close();
        pendingKey = null;
        cipher.init(false, new ParametersWithIV(new KeyParameter(new byte[32]), new byte[AeadAlgorithm.NONCE_LENGTH]));
    }
}
