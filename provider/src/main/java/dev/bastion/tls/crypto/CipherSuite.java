package dev.bastion.tls.crypto;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The cipher suites Bastion implements, with their IANA code points and JSSE names (the
 * enum constant names are the standard names).
 */
public enum CipherSuite {
    // TLS 1.3 (RFC 8446 §B.4): key exchange and authentication are negotiated separately
    TLS_AES_128_GCM_SHA256(0x1301, true, KeyExchange.ANY, Authentication.ANY, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_AES_256_GCM_SHA384(0x1302, true, KeyExchange.ANY, Authentication.ANY, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    TLS_CHACHA20_POLY1305_SHA256(0x1303, true, KeyExchange.ANY, Authentication.ANY, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),

    // TLS 1.2 ECDHE (RFC 8422, RFC 5289, RFC 7905)
    TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256(0xC02B, false, KeyExchange.ECDHE, Authentication.ECDSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384(0xC02C, false, KeyExchange.ECDHE, Authentication.ECDSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA9, false, KeyExchange.ECDHE, Authentication.ECDSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256(0xC02F, false, KeyExchange.ECDHE, Authentication.RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384(0xC030, false, KeyExchange.ECDHE, Authentication.RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCA8, false, KeyExchange.ECDHE, Authentication.RSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),

    // TLS 1.2 DHE (RFC 5288, RFC 7905)
    TLS_DHE_RSA_WITH_AES_128_GCM_SHA256(0x009E, false, KeyExchange.DHE, Authentication.RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_DHE_RSA_WITH_AES_256_GCM_SHA384(0x009F, false, KeyExchange.DHE, Authentication.RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384),
    TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256(0xCCAA, false, KeyExchange.DHE, Authentication.RSA, AeadAlgorithm.CHACHA20_POLY1305, HashAlgorithm.SHA256),

    // TLS 1.2 RSA key transport (RFC 5288)
    TLS_RSA_WITH_AES_128_GCM_SHA256(0x009C, false, KeyExchange.RSA, Authentication.RSA, AeadAlgorithm.AES_128_GCM, HashAlgorithm.SHA256),
    TLS_RSA_WITH_AES_256_GCM_SHA384(0x009D, false, KeyExchange.RSA, Authentication.RSA, AeadAlgorithm.AES_256_GCM, HashAlgorithm.SHA384);

    /** How the premaster secret is agreed (TLS 1.2); {@link #ANY} for TLS 1.3 suites. */
    public enum KeyExchange { ANY, ECDHE, DHE, RSA }

    /** The server certificate's key type (TLS 1.2); {@link #ANY} for TLS 1.3 suites. */
    public enum Authentication { ANY, RSA, ECDSA }

    private final int code;
    private final boolean tls13;
    private final KeyExchange keyExchange;
    private final Authentication authentication;
    private final AeadAlgorithm aead;
    private final HashAlgorithm hash;

    CipherSuite(int code, boolean tls13, KeyExchange kx, Authentication auth, AeadAlgorithm aead, HashAlgorithm hash) {
        this.code = code;
        this.tls13 = tls13;
        this.keyExchange = kx;
        this.authentication = auth;
        this.aead = aead;
        this.hash = hash;
    }

    /** The IANA code point. */
    public int code() {
        return code;
    }

    /** The standard (JSSE) name. */
    public String jsseName() {
        return name();
    }

    /** True for the TLS 1.3 suites, false for the TLS 1.2 ones. */
    public boolean isTls13() {
        return tls13;
    }

    public KeyExchange keyExchange() {
        return keyExchange;
    }

    public Authentication authentication() {
        return authentication;
    }

    public AeadAlgorithm aead() {
        return aead;
    }

    /** The suite's hash: HKDF hash (TLS 1.3) or PRF hash (TLS 1.2). */
    public HashAlgorithm hash() {
        return hash;
    }

    public static Optional<CipherSuite> fromCode(int code) {
        for (CipherSuite s : VALUES) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static Optional<CipherSuite> fromJsseName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(ByName.MAP.get(name));
    }

    /** {@code values()} copies its array on every call; lookups scan this one. */
    private static final CipherSuite[] VALUES = values();

    /** Name lookup without a scan: every handshake looks up each enabled suite. */
    private static final class ByName {
        static final Map<String, CipherSuite> MAP = new HashMap<>();

        static {
            for (CipherSuite s : values()) {
                MAP.put(s.name(), s);
            }
        }
    }

    @Override
    public String toString() {
        return String.format("%s(0x%04x)", name(), code);
    }
}
