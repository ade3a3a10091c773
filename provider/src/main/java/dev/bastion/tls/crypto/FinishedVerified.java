package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.security.MessageDigest;

/**
 * Proof that a peer's Finished message was checked against the transcript. Only the
 * verification methods of the key schedule ({@link TrafficSecret#verifyFinished},
 * {@link Tls12MasterSecret#verifyClientFinished}, {@link Tls12MasterSecret#verifyServerFinished})
 * can create one, so a handshake state that requires it cannot be reached without the check.
 */
public final class FinishedVerified {

    private FinishedVerified() {
    }

    /**
     * Compares in constant time ({@link MessageDigest#isEqual} does not stop at the first
     * difference). The lengths are public (they follow from the cipher suite).
     *
     * @param what names the message in the alert text, e.g. "Finished.verify_data"
     * @throws TlsAlert {@code decode_error} if the lengths differ, {@code decrypt_error} if the
     *     values differ (RFC 8446 §4.4.4 and §6.2; RFC 5246 §7.4.9)
     */
    static FinishedVerified check(byte[] expected, byte[] received, String what) {
        if (expected.length != received.length) {
            throw TlsAlert.decodeError(what + ": expected " + expected.length + " bytes, found " + received.length);
        }
        if (!MessageDigest.isEqual(expected, received)) {
            throw TlsAlert.decryptError(what + " does not match the handshake transcript: the peer derived "
                    + "different keys or saw different handshake messages");
        }
        return new FinishedVerified();
    }

    @Override
    public String toString() {
        return "FinishedVerified";
    }
}
