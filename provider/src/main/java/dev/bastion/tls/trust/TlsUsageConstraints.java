package dev.bastion.tls.trust;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The entries of the security property {@code jdk.certpath.disabledAlgorithms} that only a TLS
 * stack can apply: those with a {@code usage TLSServer} or {@code usage TLSClient}
 * constraint, alone or with {@code jdkCA} (the chain ends at a root of the JDK's own
 * {@code lib/security/cacerts}), {@code denyAfter} and {@code keySize}. The JDK's
 * {@code CertPathValidator} applies the other entries but cannot know that a path serves a TLS
 * server or client, so a trust manager built on its public API has to apply these itself, as
 * SunJSSE's does through the validator variant. The JDK's default has one such entry,
 * {@code SHA1 jdkCA & usage TLSServer}: no SHA-1 signature in a server chain that ends at a JDK
 * root.
 *
 * <p>An entry refuses a certificate of the path (the anchor excepted) whose signature algorithm
 * contains the entry's algorithm as a component ({@code SHA1} in {@code SHA1withRSA}; hash names
 * with or without the hyphen) or whose key is of that algorithm; with {@code keySize}, whose key of
 * that algorithm has a size the comparison refuses.
 */
final class TlsUsageConstraints {
    /** The security property. */
    static final String PROPERTY = "jdk.certpath.disabledAlgorithms";

    private record Entry(String algorithm, boolean server, boolean client, boolean jdkCa, LocalDate denyAfter,
            String keySizeOp, int keySize) {
    }

    private final List<Entry> entries;
    private final Predicate<X509Certificate> jdkCa;

    private TlsUsageConstraints(List<Entry> entries, Predicate<X509Certificate> jdkCa) {
        this.entries = List.copyOf(entries);
        this.jdkCa = jdkCa;
    }

    /** The constraints of the security property {@code PROPERTY} as {@code security} reads it. */
    static TlsUsageConstraints of(UnaryOperator<String> security) {
        return parse(security.apply(PROPERTY), security, TlsUsageConstraints::isJdkRoot);
    }

    /** Whether {@code anchor} is a root of the JDK's own {@code lib/security/cacerts} ({@code jdkCA}). */
    static boolean isJdkRoot(X509Certificate anchor) {
        return JdkCas.ROOTS.contains(anchor);
    }

    /**
     * The TLS usage entries of {@code value}; {@code include} entries are resolved through
     * {@code security}; {@code jdkCa} says whether an anchor is one of the JDK's roots.
     */
    static TlsUsageConstraints parse(String value, UnaryOperator<String> security, Predicate<X509Certificate> jdkCa) {
        List<Entry> out = new ArrayList<>();
        collect(value, security, out, 0);
        return new TlsUsageConstraints(out, jdkCa);
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    private static void collect(String value, UnaryOperator<String> security, List<Entry> out, int depth) {
        if (value == null || depth > 4) {
            return;
        }
        String v = value.trim();
        if (v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        for (String raw : v.split(",")) {
            String entry = raw.trim();
            if (entry.regionMatches(true, 0, "include ", 0, 8)) {
                collect(security.apply(entry.substring(8).trim()), security, out, depth + 1);
                continue;
            }
            Entry e = entry(entry);
            if (e != null) {
                out.add(e);
            }
        }
    }

    /** One entry, when it has a TLS usage and nothing this class cannot evaluate; else null. */
    private static Entry entry(String text) {
        String[] parts = text.split("&");
        String[] first = parts[0].trim().split("\\s+", 2);
        if (first[0].isEmpty()) {
            return null;
        }
        boolean server = false;
        boolean client = false;
        boolean jdkCa = false;
        LocalDate denyAfter = null;
        String op = null;
        int size = 0;
        for (int i = 0; i < parts.length; i++) {
            String c = i == 0 ? (first.length > 1 ? first[1].trim() : "") : parts[i].trim();
            if (c.isEmpty()) {
                continue;
            }
            String[] w = c.split("\\s+");
            try {
                if (w[0].equalsIgnoreCase("usage")) { // keywords in any case, as the JDK reads them
                    for (int k = 1; k < w.length; k++) {
                        server |= w[k].equalsIgnoreCase("TLSServer");
                        client |= w[k].equalsIgnoreCase("TLSClient");
                    }
                } else if (w[0].equalsIgnoreCase("jdkCA") && w.length == 1) {
                    jdkCa = true;
                } else if (w[0].equalsIgnoreCase("denyAfter") && w.length == 2) {
                    denyAfter = LocalDate.parse(w[1]);
                } else if (w[0].equalsIgnoreCase("keySize") && w.length == 3) {
                    op = w[1];
                    size = Integer.parseInt(w[2]);
                } else {
                    return null; // a constraint for other checkers (or malformed): the JDK's validator has it
                }
            } catch (RuntimeException malformed) {
                return null;
            }
        }
        return server || client ? new Entry(first[0], server, client, jdkCa, denyAfter, op, size) : null;
    }

    /**
     * Refuses the first certificate of {@code path} (end entity first, the anchor not included)
     * that an entry for this use forbids.
     *
     * @param server whether the path is a TLS server's (else a client's)
     * @param anchor the trust anchor the validator found, or null when it was given by name and key
     * @throws CertPathValidatorException with reason {@code ALGORITHM_CONSTRAINED}, naming the certificate and the entry
     */
    void check(List<X509Certificate> path, X509Certificate anchor, boolean server, Instant now)
            throws CertPathValidatorException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (Entry e : entries) {
            if (!(server ? e.server() : e.client()) || (e.denyAfter() != null && !today.isAfter(e.denyAfter()))) {
                continue;
            }
            if (e.jdkCa() && (anchor == null || !jdkCa.test(anchor))) {
                continue;
            }
            for (X509Certificate c : path) {
                if (refuses(e, c)) {
                    throw new CertPathValidatorException("certificate " + c.getSubjectX500Principal() + " ("
                            + c.getSigAlgName() + ", " + c.getPublicKey().getAlgorithm() + " key) is refused by the "
                            + PROPERTY + " entry " + describe(e), null, null, -1, BasicReason.ALGORITHM_CONSTRAINED);
                }
            }
        }
    }

    private static boolean refuses(Entry e, X509Certificate c) {
        PublicKey key = c.getPublicKey();
        boolean keyNamed = e.algorithm().equalsIgnoreCase(key.getAlgorithm());
        if (e.keySizeOp() != null) {
            int bits = bits(key);
            return keyNamed && bits > 0 && compare(bits, e.keySizeOp(), e.keySize());
        }
        return keyNamed || components(c.getSigAlgName()).contains(normal(e.algorithm()));
    }

    /** {@code SHA1withRSA} -> {SHA1, RSA, SHA1WITHRSA}; hyphens dropped, upper case. */
    private static Set<String> components(String sigAlg) {
        Set<String> out = new HashSet<>();
        String n = normal(sigAlg);
        out.add(n);
        Collections.addAll(out, n.split("WITH|AND"));
        return out;
    }

    private static String normal(String name) {
        return name.replace("-", "").toUpperCase(Locale.ROOT);
    }

    private static int bits(PublicKey key) {
        if (key instanceof RSAKey r) {
            return r.getModulus().bitLength();
        }
        if (key instanceof ECKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        if (key instanceof DSAKey d && d.getParams() != null) {
            return d.getParams().getP().bitLength();
        }
        return -1;
    }

    private static boolean compare(int bits, String op, int bound) {
        return switch (op) {
            case "<" -> bits < bound;
            case "<=" -> bits <= bound;
            case "==" -> bits == bound;
            case "!=" -> bits != bound;
            case ">=" -> bits >= bound;
            case ">" -> bits > bound;
            default -> false;
        };
    }

    private static String describe(Entry e) {
        List<String> c = new ArrayList<>();
        if (e.keySizeOp() != null) {
            c.add("keySize " + e.keySizeOp() + " " + e.keySize());
        }
        if (e.jdkCa()) {
            c.add("jdkCA");
        }
        if (e.denyAfter() != null) {
            c.add("denyAfter " + e.denyAfter());
        }
        c.add("usage" + (e.server() ? " TLSServer" : "") + (e.client() ? " TLSClient" : ""));
        return "'" + e.algorithm() + " " + String.join(" & ", c) + "'";
    }

    /** The roots of the JDK's own {@code lib/security/cacerts}, read once when first asked. */
    private static final class JdkCas {
        private static final Set<X509Certificate> ROOTS = load();

        private static Set<X509Certificate> load() {
            Path file = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
            Set<X509Certificate> out = new HashSet<>();
            try {
                KeyStore ks = KeyStore.getInstance(file.toFile(), (char[]) null); // JKS or PKCS12; certificates need no password
                for (String alias : Collections.list(ks.aliases())) {
                    Certificate c = ks.getCertificate(alias);
                    if (c instanceof X509Certificate x) {
                        out.add(x);
                    }
                }
            } catch (Exception e) {
                // no readable cacerts: no anchor is a JDK root, and jdkCA entries never apply
            }
            return Set.copyOf(out);
        }
    }
}
