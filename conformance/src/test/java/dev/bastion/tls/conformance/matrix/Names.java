package dev.bastion.tls.conformance.matrix;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The peers' own names for the IANA names the matrix uses. */
final class Names {
    private static final Map<String, String> OPENSSL_TLS12 = Map.ofEntries(
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"),
            Map.entry("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"),
            Map.entry("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384"),
            Map.entry("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"),
            Map.entry("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", "DHE-RSA-AES128-GCM-SHA256"),
            Map.entry("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "DHE-RSA-AES256-GCM-SHA384"),
            Map.entry("TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "DHE-RSA-CHACHA20-POLY1305"),
            Map.entry("TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256"),
            Map.entry("TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384"));

    private Names() {
    }

    /** OpenSSL's name of a suite (TLS 1.3 suites keep the IANA name). */
    static String openSsl(String suite) {
        return OPENSSL_TLS12.getOrDefault(suite, suite);
    }

    /** The IANA name of a suite OpenSSL reported by its own name. */
    static String fromOpenSsl(String name) {
        return OPENSSL_TLS12.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey)
                .findFirst().orElse(name);
    }

    /** BoringSSL's group names. */
    static String boringSsl(String group) {
        return switch (group) {
            case "x25519" -> "X25519";
            case "secp256r1" -> "P-256";
            case "secp384r1" -> "P-384";
            case "secp521r1" -> "P-521";
            default -> group;
        };
    }

    /**
     * A GnuTLS priority string allowing exactly this case's version, suite, group and server
     * scheme. A client also lists the schemes of the test CAs' own signatures
     * ({@link #signatureList}).
     */
    static String gnuTlsPriority(MatrixCase c, boolean client) {
        StringBuilder p = new StringBuilder("NORMAL:-VERS-ALL:+VERS-").append(c.tls12() ? "TLS1.2" : "TLS1.3")
                .append(":-CIPHER-ALL:+").append(gnuTlsCipher(c.suite()));
        if (c.tls12()) {
            p.append(":-MAC-ALL:+AEAD:-KX-ALL:+").append(switch (c.keyExchange()) {
                case "ECDHE" -> c.suite().contains("_ECDSA_") ? "ECDHE-ECDSA" : "ECDHE-RSA";
                case "DHE" -> "DHE-RSA";
                default -> "RSA";
            });
        }
        if (!c.groups().isEmpty()) {
            p.append(":-GROUP-ALL");
            c.groups().forEach(g -> p.append(":+GROUP-").append(g.toUpperCase(Locale.ROOT)));
        }
        if (c.schemeChecked()) {
            p.append(":-SIGN-ALL");
            List<String> schemes = client ? signatureList(c)
                    : c.clientAuth() ? distinct(c.scheme(), "ecdsa_secp256r1_sha256") : List.of(c.scheme());
            schemes.forEach(s -> p.append(":+").append(gnuTlsSign(s, c.tls12())));
        }
        return p.toString();
    }

    /**
     * The signature schemes a peer client offers in a case: the case's scheme first, then those
     * of the test CAs' certificate signatures (the JDK key manager a subject server uses only
     * takes a chain whose signatures the client lists, RFC 8446 §4.2.3) and of the client's own
     * ECDSA key. For the server's own signature only the case's scheme fits its key in TLS 1.3.
     */
    static List<String> signatureList(MatrixCase c) {
        return distinct(c.scheme(), "rsa_pkcs1_sha256", "ecdsa_secp256r1_sha256", "ed25519");
    }

    private static List<String> distinct(String... schemes) {
        return List.copyOf(new java.util.LinkedHashSet<>(List.of(schemes)));
    }

    private static String gnuTlsCipher(String suite) {
        return suite.contains("CHACHA20") ? "CHACHA20-POLY1305" : suite.contains("AES_256") ? "AES-256-GCM" : "AES-128-GCM";
    }

    /** GnuTLS's names; in TLS 1.2 0x0403 is ECDSA-SHA256 (the curve-bound name is TLS 1.3's only). */
    private static String gnuTlsSign(String scheme, boolean tls12) {
        return switch (scheme) {
            case "ecdsa_secp256r1_sha256" -> tls12 ? "SIGN-ECDSA-SHA256" : "SIGN-ECDSA-SECP256R1-SHA256";
            case "ed25519" -> "SIGN-EDDSA-ED25519";
            case "rsa_pkcs1_sha256" -> "SIGN-RSA-SHA256";
            default -> "SIGN-" + scheme.toUpperCase(Locale.ROOT).replace('_', '-');
        };
    }
}
