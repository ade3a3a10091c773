package dev.bastion.tls.crypto;

import javax.security.auth.Destroyable;

/**
 * What every TLS 1.3 key-schedule object is: one secret and the HKDF of its suite's hash.
 * Subclasses offer only the derivations legal at their stage; this holds the secret, wipes it
 * on {@link #destroy()} and never shows it in {@link #toString()}.
 */
abstract class HkdfSecret implements Destroyable {
    final Hkdf hkdf;
    final SecretBytes secret;

    /** Takes ownership of {@code secret}. */
    HkdfSecret(Hkdf hkdf, byte[] secret, String name) {
        this.hkdf = hkdf;
        this.secret = new SecretBytes(secret, name);
    }

    public HashAlgorithm hash() {
        return hkdf.hash();
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
        return getClass().getSimpleName() + "(" + hash() + ", " + secret + ")";
    }
}
