package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;
import org.bouncycastle.crypto.params.MLKEMPublicKeyParameters;

/**
 * X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem §3, checked against the draft text): the ML-KEM
 * part comes first everywhere, for historical reasons.
 * <ul>
 *   <li>client share: ML-KEM-768 encapsulation key (1184) || X25519 public key (32) = 1216 bytes;
 *   <li>server share: ML-KEM-768 ciphertext (1088) || X25519 public key (32) = 1120 bytes;
 *   <li>shared secret: ML-KEM shared secret (32) || X25519 shared secret (32) = 64 bytes.
 * </ul>
 * The server checks the encapsulation key (FIPS 203 §7.2) and the client the ciphertext
 * length, both with {@code illegal_parameter}; the X25519 part gets the usual RFC 8446
 * checks, including the all-zero result.
 */
final class X25519MlKem768KeyExchange implements GroupKeyExchange {
    static final int X25519_LENGTH = 32;
    static final int CLIENT_SHARE_LENGTH = MlKem768.ENCAPSULATION_KEY_LENGTH + X25519_LENGTH;
    static final int SERVER_SHARE_LENGTH = MlKem768.CIPHERTEXT_LENGTH + X25519_LENGTH;

    private final XdhKeyExchange x25519 = new XdhKeyExchange(NamedGroup.X25519);

    @Override
    public KeyShare generate(SecureRandom random) {
        MLKEMPrivateKeyParameters dk = MlKem768.generate(random);
        return new X25519MlKem768KeyShare(dk, (XdhKeyShare) x25519.generate(random));
    }

    /**
     * A client share whose X25519 part is the key pair of {@code x25519} (copied: the two shares
     * close independently), for a ClientHello that also offers {@code x25519} on its own.
     */
    KeyShare generate(SecureRandom random, XdhKeyShare x25519) {
        return new X25519MlKem768KeyShare(MlKem768.generate(random), x25519.copy());
    }

    /** The client's share from an ML-KEM seed and an X25519 private key: for known-answer tests. */
    X25519MlKem768KeyShare generate(byte[] mlKemSeed, byte[] x25519Private) {
        return new X25519MlKem768KeyShare(MlKem768.fromSeed(mlKemSeed), x25519.fromPrivate(x25519Private.clone()));
    }

    @Override
    public Encapsulation encapsulate(byte[] clientShare, SecureRandom random) {
        MLKEMPublicKeyParameters ek = checkClientShare(clientShare);
        try (XdhKeyShare own = (XdhKeyShare) x25519.generate(random)) {
            return respond(clientShare, MlKem768.encapsulate(ek, random), own);
        }
    }

    /** The server's step with a given ML-KEM {@code m} and X25519 private key: for known-answer tests. */
    Encapsulation encapsulate(byte[] clientShare, byte[] m, byte[] x25519Private) {
        MLKEMPublicKeyParameters ek = checkClientShare(clientShare);
        try (XdhKeyShare own = x25519.fromPrivate(x25519Private.clone())) {
            return respond(clientShare, MlKem768.encapsulate(ek, m), own);
        }
    }

    private static MLKEMPublicKeyParameters checkClientShare(byte[] clientShare) {
        if (clientShare.length != CLIENT_SHARE_LENGTH) {
            throw TlsAlert.illegalParameter("X25519MLKEM768 client share is " + clientShare.length + " bytes; expected "
                    + CLIENT_SHARE_LENGTH);
        }
        return MlKem768.checkEncapsulationKey(Arrays.copyOf(clientShare, MlKem768.ENCAPSULATION_KEY_LENGTH),
                "X25519MLKEM768 client's ML-KEM-768 encapsulation key");
    }

    private static Encapsulation respond(byte[] clientShare, Encapsulation kem, XdhKeyShare own) {
        byte[] peerX25519 = Arrays.copyOfRange(clientShare, MlKem768.ENCAPSULATION_KEY_LENGTH, CLIENT_SHARE_LENGTH);
        byte[] x25519Secret;
        try {
            x25519Secret = own.agree(peerX25519);
        } catch (TlsAlert e) {
            kem.destroy();
            throw e;
        }
        byte[] share = concat(kem.publicValue(), own.publicValue());
        byte[] secret = concat(kem.sharedSecret(), x25519Secret);
        kem.destroy();
        Arrays.fill(x25519Secret, (byte) 0);
        return new Encapsulation(share, secret);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
