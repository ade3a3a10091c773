package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A PSK binder key, {@code binder_key = Derive-Secret(Early Secret, "ext binder" | "res
 * binder", "")} (RFC 8446 §7.1), and the binders computed with it (§4.2.11.2): each binder
 * is computed like a Finished value with {@code binder_key} as the base key, over the
 * transcript hash of the ClientHello truncated before the binders list (plus, after a
 * HelloRetryRequest, the messages before it).
 */
public final class PskBinderKey extends HkdfSecret {

    /** Takes ownership of {@code key}; shares the early secret's HKDF (same thread). */
    PskBinderKey(Hkdf hkdf, byte[] key) {
        super(hkdf, key, "binder_key");
    }

    /** The binder value for a PskBinderEntry. */
    public byte[] binder(byte[] truncatedHelloHash) {
        return hkdf().finishedMac(secret(), truncatedHelloHash);
    }

    /**
     * Checks a received binder in constant time.
     *
     * @throws TlsAlert {@code decrypt_error} if it does not validate (RFC 8446 §4.2.11 and
     *     §6.2: "validate ... a PSK binder")
     */
    public void verifyBinder(byte[] truncatedHelloHash, byte[] receivedBinder) {
        byte[] expected = binder(truncatedHelloHash);
        try {
            if (!MessageDigest.isEqual(expected, receivedBinder)) {
                throw TlsAlert.decryptError("pre_shared_key binder (" + receivedBinder.length
                        + " bytes) does not validate for the selected PSK (RFC 8446 §4.2.11)");
            }
        } finally {
            Arrays.fill(expected, (byte) 0);
        }
    }

}
