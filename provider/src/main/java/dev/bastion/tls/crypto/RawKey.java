package dev.bastion.tls.crypto;

import javax.crypto.SecretKey;

/**
 * A secret key handed to a JCA cipher that shares the caller's key array instead of copying it
 * as {@link javax.crypto.spec.SecretKeySpec} does: the owner keeps the only long-lived copy,
 * and wiping that array wipes the key (the cipher copies it at each initialisation).
 */
final class RawKey implements SecretKey {
    private static final long serialVersionUID = 1L;

    private final transient byte[] key;
    private final String algorithm;

    RawKey(byte[] key, String algorithm) {
        this.key = key;
        this.algorithm = algorithm;
    }

    @Override
    public String getAlgorithm() {
        return algorithm;
    }

    @Override
    public String getFormat() {
        return "RAW";
    }

    @Override
    public byte[] getEncoded() {
        return key.clone();
    }

    /** Keys are never serialised: a deserialised instance would hold no key. */
    private Object writeReplace() throws java.io.ObjectStreamException {
        throw new java.io.NotSerializableException(getClass().getName());
    }
}
