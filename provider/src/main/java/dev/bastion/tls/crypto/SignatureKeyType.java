package dev.bastion.tls.crypto;

import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.NamedParameterSpec;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The kind of key a {@link SignatureScheme} needs. RSA keys come in two kinds that TLS keeps
 * apart (RFC 8446 §4.2.3): {@link #RSA} is an {@code rsaEncryption} key (JCA algorithm
 * {@code "RSA"}), {@link #RSASSA_PSS} a key whose certificate names the RSASSA-PSS OID
 * (JCA algorithm {@code "RSASSA-PSS"}, RFC 4055).
 */
public enum SignatureKeyType {
    EC,
    ED25519,
    ED448,
    RSA,
    RSASSA_PSS;

    /**
     * The kind of {@code key}, from its JCA algorithm name and, for EdDSA keys that are named
     * {@code "EdDSA"}, their parameters. Works for keys of any provider, including keys that
     * do not reveal their material (hardware tokens); empty for keys no scheme can use.
     */
    public static Optional<SignatureKeyType> of(Key key) {
        String alg = key.getAlgorithm() == null ? "" : key.getAlgorithm().toUpperCase(Locale.ROOT);
        switch (alg) {
            case "EC":
            case "ECDSA":
                return Optional.of(EC);
            case "ED25519":
                return Optional.of(ED25519);
            case "ED448":
                return Optional.of(ED448);
            case "EDDSA":
                return edCurve(key);
            case "RSA":
                return Optional.of(RSA);
            case "RSASSA-PSS":
                return Optional.of(RSASSA_PSS);
            default:
                return Optional.empty();
        }
    }

    /**
     * The key's size in bits as JSSE reports it (the quantity {@code jdk.tls.disabledAlgorithms}
     * constraints such as {@code RSA keySize < 2048} compare against): RSA modulus length, EC
     * group order length, 255 for Ed25519 and 448 for Ed448. Empty when the key does not reveal
     * it. Bastion's handshake layer decides what is too small.
     */
    public static OptionalInt keySize(Key key) {
        if (key instanceof RSAKey && ((RSAKey) key).getModulus() != null) {
            return OptionalInt.of(((RSAKey) key).getModulus().bitLength());
        }
        if (key instanceof ECKey && ((ECKey) key).getParams() != null) {
            return OptionalInt.of(((ECKey) key).getParams().getOrder().bitLength());
        }
        Optional<SignatureKeyType> type = of(key);
        if (type.isPresent() && type.get() == ED25519) {
            return OptionalInt.of(255);
        }
        if (type.isPresent() && type.get() == ED448) {
            return OptionalInt.of(448);
        }
        return OptionalInt.empty();
    }

    private static Optional<SignatureKeyType> edCurve(Key key) {
        if (key instanceof EdECKey) {
            NamedParameterSpec params = ((EdECKey) key).getParams();
            if (params != null && "Ed25519".equalsIgnoreCase(params.getName())) {
                return Optional.of(ED25519);
            }
            if (params != null && "Ed448".equalsIgnoreCase(params.getName())) {
                return Optional.of(ED448);
            }
        }
        return Optional.empty();
    }
}
