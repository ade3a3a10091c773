package dev.bastion.tls.handshake.tls12.common;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.SignatureKeyType;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.KeyExchangeKind;
import dev.bastion.tls.message.Side;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a TLS 1.2 cipher suite asks of the handshake: its key exchange, the certificate key it
 * needs (RFC 5246 §7.4.2, RFC 8422 §5.3), the key types a key manager is asked for, and the
 * authType a trust manager is told (SunJSSE's: the key exchange name).
 */
public final class Suites12 {
    private static final Set<SignatureKeyType> ECDSA_KEYS = Set.of(SignatureKeyType.EC, SignatureKeyType.ED25519,
            SignatureKeyType.ED448);
    private static final Set<SignatureKeyType> RSA_SIGNING_KEYS = Set.of(SignatureKeyType.RSA,
            SignatureKeyType.RSASSA_PSS);

    private Suites12() {
    }

    /** The key exchange of a TLS 1.2 suite. */
    public static KeyExchangeKind kind(CipherSuite suite) {
        switch (suite.keyExchange()) {
            case ECDHE:
                return KeyExchangeKind.ECDHE;
            case DHE:
                return KeyExchangeKind.DHE;
            case RSA:
                return KeyExchangeKind.RSA;
            default:
                throw new IllegalArgumentException(suite + " is not a TLS 1.2 suite");
        }
    }

    /** How messages of the peer of {@code local} decode once {@code suite} is chosen. */
    public static DecodeContext decodeContext(Side local, CipherSuite suite) {
        return DecodeContext.tls12(local, kind(suite));
    }

    /**
     * The authType SunJSSE passes to {@code checkServerTrusted} for a TLS 1.2 server chain:
     * {@code ECDHE_ECDSA}, {@code ECDHE_RSA}, {@code DHE_RSA} or {@code RSA}.
     */
    public static String authType(CipherSuite suite) {
        if (suite.keyExchange() == CipherSuite.KeyExchange.RSA) {
            return "RSA";
        }
        return suite.keyExchange() + "_" + suite.authentication();
    }

    /**
     * The JSSE key types to ask a key manager for: ECDSA suites take EC keys and, as RFC 8422
     * §5.1.3 allows, EdDSA keys; (EC)DHE_RSA suites take rsaEncryption and RSASSA-PSS keys
     * (RFC 8446 §4.2.3 applies rsa_pss_pss to TLS 1.2); RSA key transport needs an
     * rsaEncryption key (RFC 5246 §7.4.2).
     */
    public static List<String> keyTypes(CipherSuite suite) {
        if (suite.authentication() == CipherSuite.Authentication.ECDSA) {
            return List.of("EC", "EdDSA");
        }
        if (suite.keyExchange() == CipherSuite.KeyExchange.RSA) {
            return List.of("RSA");
        }
        return List.of("RSA", "RSASSA-PSS");
    }

    /** Whether a certificate with {@code key} can serve {@code suite} (see {@link #keyTypes}). */
    public static boolean fits(CipherSuite suite, PublicKey key) {
        Optional<SignatureKeyType> type = SignatureKeyType.of(key);
        if (type.isEmpty()) {
            return false;
        }
        if (suite.authentication() == CipherSuite.Authentication.ECDSA) {
            return ECDSA_KEYS.contains(type.get());
        }
        if (suite.keyExchange() == CipherSuite.KeyExchange.RSA) {
            return type.get() == SignatureKeyType.RSA;
        }
        return RSA_SIGNING_KEYS.contains(type.get());
    }
}
