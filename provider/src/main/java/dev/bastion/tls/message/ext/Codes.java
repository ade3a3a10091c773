package dev.bastion.tls.message.ext;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.IntFunction;

/**
 * Readable names for the u16 code points that messages carry as plain {@code int}s:
 * protocol versions, named groups, signature schemes and cipher suites (IANA TLS registries).
 * For trace and {@code toString} only: this layer never decides anything by these tables,
 * so unknown and GREASE values (RFC 8701) pass through untouched and print as hex.
 */
public final class Codes {
    private static final Map<Integer, String> VERSIONS = Map.of(
            0x0300, "SSLv3", 0x0301, "TLSv1", 0x0302, "TLSv1.1", 0x0303, "TLSv1.2", 0x0304, "TLSv1.3");

    private static final Map<Integer, String> GROUPS = Map.ofEntries(
            Map.entry(0x0017, "secp256r1"), Map.entry(0x0018, "secp384r1"), Map.entry(0x0019, "secp521r1"),
            Map.entry(0x001d, "x25519"), Map.entry(0x001e, "x448"),
            Map.entry(0x0100, "ffdhe2048"), Map.entry(0x0101, "ffdhe3072"), Map.entry(0x0102, "ffdhe4096"),
            Map.entry(0x0103, "ffdhe6144"), Map.entry(0x0104, "ffdhe8192"),
            Map.entry(0x0200, "MLKEM512"), Map.entry(0x0201, "MLKEM768"), Map.entry(0x0202, "MLKEM1024"),
            Map.entry(0x11eb, "SecP256r1MLKEM768"), Map.entry(0x11ec, "X25519MLKEM768"),
            Map.entry(0x11ed, "SecP384r1MLKEM1024"));

    private static final Map<Integer, String> SCHEMES = Map.ofEntries(
            Map.entry(0x0201, "rsa_pkcs1_sha1"), Map.entry(0x0203, "ecdsa_sha1"),
            Map.entry(0x0401, "rsa_pkcs1_sha256"), Map.entry(0x0501, "rsa_pkcs1_sha384"),
            Map.entry(0x0601, "rsa_pkcs1_sha512"), Map.entry(0x0403, "ecdsa_secp256r1_sha256"),
            Map.entry(0x0503, "ecdsa_secp384r1_sha384"), Map.entry(0x0603, "ecdsa_secp521r1_sha512"),
            Map.entry(0x0804, "rsa_pss_rsae_sha256"), Map.entry(0x0805, "rsa_pss_rsae_sha384"),
            Map.entry(0x0806, "rsa_pss_rsae_sha512"), Map.entry(0x0807, "ed25519"), Map.entry(0x0808, "ed448"),
            Map.entry(0x0809, "rsa_pss_pss_sha256"), Map.entry(0x080a, "rsa_pss_pss_sha384"),
            Map.entry(0x080b, "rsa_pss_pss_sha512"));

    private static final Map<Integer, String> SUITES = Map.ofEntries(
            Map.entry(0x1301, "TLS_AES_128_GCM_SHA256"), Map.entry(0x1302, "TLS_AES_256_GCM_SHA384"),
            Map.entry(0x1303, "TLS_CHACHA20_POLY1305_SHA256"), Map.entry(0x1304, "TLS_AES_128_CCM_SHA256"),
            Map.entry(0x1305, "TLS_AES_128_CCM_8_SHA256"),
            Map.entry(0xc02b, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc02c, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc02f, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0xc030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xcca8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xcca9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0xccaa, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            Map.entry(0x009e, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009f, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0x009c, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            Map.entry(0x009d, "TLS_RSA_WITH_AES_256_GCM_SHA384"),
            Map.entry(0xc013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0xc009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            Map.entry(0xc00a, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x002f, "TLS_RSA_WITH_AES_128_CBC_SHA"), Map.entry(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            Map.entry(0x00ff, "TLS_EMPTY_RENEGOTIATION_INFO_SCSV"), Map.entry(0x5600, "TLS_FALLBACK_SCSV"));

    private Codes() {
    }

    /** {@code 0x1a2b}. */
    public static String hex16(int code) {
        return String.format("0x%04x", code);
    }

    /** Whether {@code code} is a GREASE value (RFC 8701 §2: 0x0a0a, 0x1a1a, ... 0xfafa). */
    public static boolean isGrease(int code) {
        return (code & 0x0f0f) == 0x0a0a && (code >>> 8) == (code & 0xff);
    }

    /** {@code TLSv1.3(0x0304)}. */
    public static String version(int code) {
        return named(VERSIONS, code);
    }

    /** {@code x25519(0x001d)}. */
    public static String group(int code) {
        return named(GROUPS, code);
    }

    /** {@code rsa_pss_rsae_sha256(0x0804)}. */
    public static String scheme(int code) {
        return named(SCHEMES, code);
    }

    /** {@code TLS_AES_128_GCM_SHA256(0x1301)}. */
    public static String suite(int code) {
        return named(SUITES, code);
    }

    /** {@code [a, b, c]} with each code named by {@code namer}. */
    public static String list(List<Integer> codes, IntFunction<String> namer) {
        StringJoiner j = new StringJoiner(", ", "[", "]");
        for (int c : codes) {
            j.add(namer.apply(c));
        }
        return j.toString();
    }

    private static String named(Map<Integer, String> table, int code) {
        String name = table.get(code);
        if (name != null) {
            return name + "(" + hex16(code) + ")";
        }
        return isGrease(code) ? "GREASE(" + hex16(code) + ")" : hex16(code);
    }
}
