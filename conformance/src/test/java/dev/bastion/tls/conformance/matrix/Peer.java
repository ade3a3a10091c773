package dev.bastion.tls.conformance.matrix;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The implementations the subject is run against, with what each can do: the matrix asks each
 * peer only for what it supports (its own limits and policies are listed here, with the reason,
 * not reported as failures).
 */
public enum Peer {
    OPENSSL("OpenSSL", EnumSet.allOf(Role.class)),
    GNUTLS("GnuTLS", EnumSet.allOf(Role.class)),
    /** A client only: Bastion is the server. */
    CURL("curl", EnumSet.of(Role.SERVER)),
    SUNJSSE17("SunJSSE 17", EnumSet.allOf(Role.class)),
    SUNJSSE25("SunJSSE 25", EnumSet.allOf(Role.class)),
    BCJSSE("BCJSSE 1.84", EnumSet.allOf(Role.class)),
    BORINGSSL("BoringSSL", EnumSet.allOf(Role.class));

    static final List<String> SUITES13 = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    static final List<String> SCHEMES13 = List.of("rsa_pss_rsae_sha256", "rsa_pss_rsae_sha384", "rsa_pss_rsae_sha512",
            "ecdsa_secp256r1_sha256", "ed25519");
    private static final List<String> EC_GROUPS = List.of("x25519", "secp256r1", "secp384r1", "secp521r1", "x448");
    private static final List<String> FFDHE = List.of("ffdhe2048", "ffdhe3072", "ffdhe4096");
    private static final String HYBRID = "X25519MLKEM768";
    private static final List<String> ECDHE12 = List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final List<String> DHE12 = List.of("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
    private static final List<String> RSA12 = List.of("TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_GCM_SHA384");

    /** Name in the report. */
    final String title;
    /** The roles Bastion plays against this peer. */
    final Set<Role> bastionRoles;

    Peer(String title, Set<Role> bastionRoles) {
        this.title = title;
        this.bastionRoles = bastionRoles;
    }

    /**
     * TLS 1.3 groups. OpenSSL 3.0 (and curl over it) and JDK 25 have no ML-KEM; BoringSSL has no
     * x448 and no finite-field groups; SunJSSE 17's FFDHE rows are held back as a peer bug (see
     * {@link #knownBug}).
     */
    List<String> groups13() {
        return switch (this) {
            case OPENSSL, CURL, GNUTLS, SUNJSSE17, SUNJSSE25 -> concat(EC_GROUPS, FFDHE);
            case BCJSSE -> concat(List.of(HYBRID), EC_GROUPS, FFDHE);
            case BORINGSSL -> List.of(HYBRID, "x25519", "secp256r1", "secp384r1", "secp521r1");
        };
    }

    /**
     * TLS 1.3 server signature schemes (each with a certificate of its key type) when Bastion
     * plays {@code role}. BoringSSL clients do not offer ed25519 (it must be enabled in code, which
     * Netty does not expose), so a Bastion server cannot use an Ed25519 certificate with them.
     */
    List<String> schemes13(Role role) {
        if (this == BORINGSSL && role == Role.SERVER) {
            return SCHEMES13.stream().filter(s -> !s.equals("ed25519")).toList();
        }
        return SCHEMES13;
    }

    /**
     * TLS 1.2 suites (AEAD only, as Bastion). JDK 25 disables {@code TLS_RSA_*} in
     * {@code jdk.tls.disabledAlgorithms} and BCJSSE does not enable them by default; BoringSSL
     * has no DHE.
     */
    List<String> suites12() {
        return switch (this) {
            case SUNJSSE25, BCJSSE -> concat(ECDHE12, DHE12);
            case BORINGSSL -> concat(ECDHE12, RSA12);
            default -> concat(ECDHE12, DHE12, RSA12);
        };
    }

    /** TLS 1.2 groups for a suite: the ECDHE curves, ffdhe2048 for DHE (RFC 7919), none for RSA key transport. */
    List<String> groups12(String suite) {
        if (suite.startsWith("TLS_DHE_")) {
            return List.of("ffdhe2048");
        }
        if (suite.startsWith("TLS_RSA_")) {
            return List.of(MatrixCase.NONE);
        }
        return this == BORINGSSL ? List.of("x25519", "secp256r1", "secp384r1", "secp521r1") : EC_GROUPS;
    }

    /** TLS 1.2 ServerKeyExchange schemes for a suite. */
    static List<String> schemes12(String suite) {
        if (suite.startsWith("TLS_RSA_")) {
            return List.of(MatrixCase.NONE);
        }
        return suite.contains("_ECDSA_") ? List.of("ecdsa_secp256r1_sha256")
                : List.of("rsa_pss_rsae_sha256", "rsa_pkcs1_sha256");
    }

    /**
     * A case that cannot be run meaningfully for a reason already known and written down (a
     * peer's own bug, or a limit of the harness with this peer), so the cell is skipped with that
     * reason instead of failing at random; null for none. See conformance/INTEROP.md.
     */
    String knownBug(MatrixCase c) {
        if ((this == SUNJSSE17 || this == SUNJSSE25) && c.group().startsWith("ffdhe") && !c.tls12()) {
            return "peer bug JDK-8328046: SunJSSE (17.0.15 and 25.0.3 alike) strips leading zero bytes of the"
                    + " TLS 1.3 FFDHE secret, 1 handshake in 256 fails with bad_record_mac (OpenSSL too)";
        }
        if (this == BCJSSE && c.resumed() && !c.tls12()) {
            return "peer limit: BCJSSE 1.84 neither offers nor accepts TLS 1.3 resumption PSKs (bc-java #946,"
                    + " #1835); a second connection is a full handshake with any partner";
        }
        return null;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        return java.util.Arrays.stream(lists).flatMap(List::stream).toList();
    }
}
