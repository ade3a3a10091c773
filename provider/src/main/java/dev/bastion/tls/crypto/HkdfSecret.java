package dev.bastion.tls.crypto;

import javax.security.auth.Destroyable;

/**
 * What every TLS 1.3 key-schedule object is: one secret and the HKDF of its suite's hash.
 * Subclasses offer only the derivations legal at their stage; this holds the secret, wipes it
 * on {@link #destroy()} and never shows it in {@link #toString()}.
 */
abstract class HkdfSecret implements Destroyable {
    private final HashAlgorithm hash;
    private Hkdf hkdf;
    private final byte[] secret;
    private final String name;
    private boolean destroyed;

    /** Takes ownership of {@code secret}: the caller must not keep or change the array. */
    HkdfSecret(Hkdf hkdf, byte[] secret, String name) {
        this.hash = hkdf.hash();
        this.hkdf = hkdf;
        this.secret = secret;
        this.name = name;
    }

    /**
     * The secret itself (not a copy): callers must not change or keep it. Reading it after
     * {@link #destroy()} is a programming error in Bastion (never something a peer can cause).
     *
     * @throws IllegalStateException after {@link #destroy()}
     */
    final byte[] secret() {
        if (destroyed) {
            throw new IllegalStateException(name + " was used after it was destroyed");
        }
        return secret;
    }

    public HashAlgorithm hash() {
        return hash;
    }

    /** The HKDF of this secret's hash; made again after {@link #releaseHkdf()}. */
    final Hkdf hkdf() {
        Hkdf h = hkdf;
        if (h == null) {
            h = new Hkdf(hash);
            hkdf = h;
        }
        return h;
    }

    /**
     * Drops the HKDF and its JCA objects until the next derivation: secrets an idle connection
     * keeps (traffic secrets for KeyUpdate, the resumption master secret for tickets) hold only
     * their bytes meanwhile.
     */
    final void releaseHkdf() {
        hkdf = null;
    }

    @Override
    public void destroy() {
        java.util.Arrays.fill(secret, (byte) 0);
        destroyed = true;
    }

    @Override
    public boolean isDestroyed() {
        return destroyed;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + hash() + ", " + name + (destroyed ? " (destroyed))" : " (hidden))");
    }
}
