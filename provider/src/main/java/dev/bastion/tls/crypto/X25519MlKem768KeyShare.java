package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.util.Arrays;
import org.bouncycastle.crypto.params.MLKEMPrivateKeyParameters;

/**
 * The client's X25519MLKEM768 key share: an ML-KEM-768 decapsulation key and an X25519 key
 * pair. {@link #close()} destroys both.
 */
final class X25519MlKem768KeyShare implements KeyShare {
    private final MLKEMPrivateKeyParameters decapsulationKey;
    private final XdhKeyShare x25519;
    private final byte[] publicValue;
    private boolean closed;

    X25519MlKem768KeyShare(MLKEMPrivateKeyParameters decapsulationKey, XdhKeyShare x25519) {
        this.decapsulationKey = decapsulationKey;
        this.x25519 = x25519;
        this.publicValue = X25519MlKem768KeyExchange.concat(MlKem768.encapsulationKey(decapsulationKey), x25519.publicValue());
    }

    @Override
    public NamedGroup group() {
        return NamedGroup.X25519MLKEM768;
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    /** Checks the server share's length, agrees X25519 (all-zero check), then decapsulates. */
    @Override
    public byte[] agree(byte[] serverShare) {
        if (closed) {
            throw new IllegalStateException("X25519MLKEM768 key share is closed");
        }
        if (serverShare.length != X25519MlKem768KeyExchange.SERVER_SHARE_LENGTH) {
            throw TlsAlert.illegalParameter("X25519MLKEM768 server share is " + serverShare.length + " bytes; expected "
                    + X25519MlKem768KeyExchange.SERVER_SHARE_LENGTH);
        }
        int ctLength = MlKem768.CIPHERTEXT_LENGTH;
        byte[] x25519Secret = x25519.agree(Arrays.copyOfRange(serverShare, ctLength, serverShare.length));
        byte[] kemSecret = MlKem768.decapsulate(decapsulationKey, Arrays.copyOf(serverShare, ctLength),
                "X25519MLKEM768 server's ML-KEM-768 ciphertext");
        byte[] secret = X25519MlKem768KeyExchange.concat(kemSecret, x25519Secret);
        Arrays.fill(kemSecret, (byte) 0);
        Arrays.fill(x25519Secret, (byte) 0);
        return secret;
    }

    @Override
    public void close() {
        decapsulationKey.destroy();
        x25519.close();
        closed = true;
    }

    @Override
    public String toString() {
        return "KeyShare(" + group() + ")";
    }
}
