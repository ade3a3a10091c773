package dev.bastion.tls.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One fresh, never-updated JCA {@code MessageDigest} per hash, made once with the provider
 * preferred then, to be cloned: a clone skips {@code getInstance}'s provider lookup, and only
 * reads the prototype, so sharing it across threads is safe. Null for a hash whose digest
 * cannot be cloned; callers then look one up each time.
 */
final class Digests {
    private static final MessageDigest[] PROTOTYPES = new MessageDigest[HashAlgorithm.values().length];

    static {
        for (HashAlgorithm h : HashAlgorithm.values()) {
            try {
                MessageDigest d = MessageDigest.getInstance(h.jcaName());
                d.clone(); // proves it clones
                PROTOTYPES[h.ordinal()] = d;
            } catch (NoSuchAlgorithmException | CloneNotSupportedException e) {
                // this hash is looked up per use
            }
        }
    }

    private Digests() {
    }

    /** The prototype, or null when the digest cannot be cloned. Never update it. */
    static MessageDigest prototype(HashAlgorithm hash) {
        return PROTOTYPES[hash.ordinal()];
    }

    /** A fresh digest: a copy of the prototype, or a lookup. */
    static MessageDigest fresh(HashAlgorithm hash) {
        MessageDigest proto = PROTOTYPES[hash.ordinal()];
        if (proto != null) {
            return copy(proto);
        }
        try {
            return MessageDigest.getInstance(hash.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no " + hash.jcaName(), e);
        }
    }

    /** A copy of {@code d}, a prototype or a digest made from one (whose class clones). */
    static MessageDigest copy(MessageDigest d) {
        try {
            return (MessageDigest) d.clone();
        } catch (CloneNotSupportedException e) {
            // the prototypes' clones succeeded when they were made
            throw new IllegalStateException(d.getAlgorithm() + " digest of " + d.getProvider() + " cannot be cloned", e);
        }
    }
}
