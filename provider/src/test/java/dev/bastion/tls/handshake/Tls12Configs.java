package dev.bastion.tls.handshake;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.TestCerts.Kind;
import java.util.List;

/** TLS 1.2 test configurations and the certificate each suite needs. */
final class Tls12Configs {
    static final List<CipherSuite> SUITES = List.of(
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_DHE_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_RSA_WITH_AES_256_GCM_SHA384, CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
    static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1,
            NamedGroup.SECP521R1, NamedGroup.X448, NamedGroup.FFDHE2048, NamedGroup.FFDHE3072);
    static final List<SignatureScheme> SCHEMES = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ED25519, SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384);

    private Tls12Configs() {
    }

    static TestConfig client() {
        TestConfig c = TestConfig.client();
        tls12(c);
        return c;
    }

    static TestConfig server() {
        TestConfig c = TestConfig.server();
        tls12(c);
        return c;
    }

    /** A TLS 1.3 and TLS 1.2 configuration with every suite of both. */
    static TestConfig both(TestConfig c) {
        c.versions = List.of(HandshakeConfig.TLS13, HandshakeConfig.TLS12);
        c.suites = new java.util.ArrayList<>(TestConfig.TLS13_SUITES);
        c.suites.addAll(SUITES);
        c.schemes = SCHEMES;
        return c;
    }

    private static void tls12(TestConfig c) {
        c.versions = List.of(HandshakeConfig.TLS12);
        c.suites = SUITES;
        c.groups = GROUPS;
        c.keyShareGroups = List.of();
        c.schemes = SCHEMES;
    }

    /** The certificate kinds a suite can use. */
    static List<Kind> kinds(CipherSuite suite) {
        if (suite.authentication() == CipherSuite.Authentication.ECDSA) {
            return List.of(Kind.EC_P256, Kind.ED25519);
        }
        return List.of(Kind.RSA_2048);
    }

    /** The groups a suite can use (none for RSA key transport). */
    static List<NamedGroup> groups(CipherSuite suite) {
        switch (suite.keyExchange()) {
            case ECDHE:
                return GROUPS.stream().filter(g -> g.family() == NamedGroup.Family.ECDHE).toList();
            case DHE:
                return GROUPS.stream().filter(g -> g.family() == NamedGroup.Family.FFDHE).toList();
            default:
                return List.of(NamedGroup.X25519);
        }
    }
}
