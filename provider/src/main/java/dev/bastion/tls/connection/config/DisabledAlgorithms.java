package dev.bastion.tls.connection.config;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureKeyType;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.diag.Trace;
import java.security.Key;
import java.security.interfaces.DSAKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.UnaryOperator;

/**
 * The security property {@code jdk.tls.disabledAlgorithms}, applied to what Bastion can
 * check: protocol names, cipher suites (by name, by wildcard such as {@code TLS_RSA_*}, and by
 * component: key exchange {@code ECDHE}/{@code DHE}/{@code RSA}, authentication, cipher
 * {@code AES_128_GCM}/{@code AES}/{@code GCM}/{@code CHACHA20_POLY1305}), named groups (by
 * name; {@code EC}/{@code DH}/{@code XDH} key-size constraints by group size), signature
 * schemes (RFC name, JCA name such as {@code SHA1withRSA}, hash, key algorithm;
 * {@code usage HandshakeSignature}/{@code CertificateSignature}) and certificate keys (algorithm
 * and {@code keySize} constraints such as {@code RSA keySize < 2048}). {@code include <property>}
 * pulls in another security property's list, as in the JDK. See {@link AlgorithmConstraint}
 * for the entries that are not applied. A malformed entry is ignored with a warning.
 */
public final class DisabledAlgorithms {
    /** The security property. */
    public static final String PROPERTY = "jdk.tls.disabledAlgorithms";

    /** Nothing disabled. */
    public static final DisabledAlgorithms NONE = new DisabledAlgorithms(List.of());

    private static final Trace TRACE = Trace.get("config");
    private static final int MAX_INCLUDE_DEPTH = 4;

    private final List<AlgorithmConstraint> entries;
    // the answers for the enum constants, worked out once: handshakes ask them again and again
    private final boolean[] protocols;
    private final boolean[] suites;
    private final boolean[] groups;
    private final boolean[] handshakeSchemes;
    private final boolean[] certificateSchemes;

    private DisabledAlgorithms(List<AlgorithmConstraint> entries) {
        this.entries = List.copyOf(entries);
        Protocol[] ps = Protocol.values();
        protocols = new boolean[ps.length];
        for (Protocol p : ps) {
            protocols[p.ordinal()] = !disabledName(p.jsseName());
        }
        CipherSuite[] cs = CipherSuite.values();
        suites = new boolean[cs.length];
        for (CipherSuite c : cs) {
            suites[c.ordinal()] = computePermits(c);
        }
        NamedGroup[] gs = NamedGroup.values();
        groups = new boolean[gs.length];
        for (NamedGroup g : gs) {
            groups[g.ordinal()] = computePermits(g);
        }
        SignatureScheme[] ss = SignatureScheme.values();
        handshakeSchemes = new boolean[ss.length];
        certificateSchemes = new boolean[ss.length];
        for (SignatureScheme s : ss) {
            handshakeSchemes[s.ordinal()] = computePermits(s, true);
            certificateSchemes[s.ordinal()] = computePermits(s, false);
        }
    }

    /** Parses {@code value}; {@code security} resolves {@code include} entries. */
    public static DisabledAlgorithms parse(String value, UnaryOperator<String> security) {
        List<AlgorithmConstraint> out = new ArrayList<>();
        collect(value, security, out, 0);
        return new DisabledAlgorithms(out);
    }

    /** The entries, in order. */
    public List<AlgorithmConstraint> entries() {
        return entries;
    }

    public boolean permits(Protocol protocol) {
        return protocols[protocol.ordinal()];
    }

    public boolean permits(CipherSuite suite) {
        return suites[suite.ordinal()];
    }

    public boolean permits(NamedGroup group) {
        return groups[group.ordinal()];
    }

    /** Whether {@code scheme} may be used for handshake signatures ({@code true}) or in certificates. */
    public boolean permits(SignatureScheme scheme, boolean handshake) {
        return (handshake ? handshakeSchemes : certificateSchemes)[scheme.ordinal()];
    }

    private boolean computePermits(CipherSuite suite) {
        for (String name : suiteNames(suite)) {
            if (disabledName(name)) {
                return false;
            }
        }
        return true;
    }

    private boolean computePermits(NamedGroup group) {
        if (disabledName(group.jsseName())) {
            return false;
        }
        String family = groupFamily(group);
        return !disabledName(family) && !refusesSize(family, OptionalInt.of(groupBits(group)));
    }

    private boolean computePermits(SignatureScheme scheme, boolean handshake) {
        for (String name : schemeNames(scheme)) {
            for (AlgorithmConstraint c : entries) {
                if (c.names(name) && c.refusesSignatureUse(handshake)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Whether a certificate's (or our own) public key passes the algorithm and key-size entries. */
    public boolean permits(Key key) {
        String alg = key.getAlgorithm() == null ? "" : key.getAlgorithm();
        OptionalInt bits = keySize(key);
        List<String> names = keyNames(alg);
        for (String name : names) {
            if (disabledName(name) || refusesSize(name, bits)) {
                return false;
            }
        }
        return true;
    }

    /** A key as messages name it: "1024-bit RSA", or the bare algorithm when its size is unknown. */
    public static String describe(Key key) {
        String alg = key.getAlgorithm() == null ? "unnamed" : key.getAlgorithm();
        OptionalInt bits = keySize(key);
        return bits.isPresent() ? bits.getAsInt() + "-bit " + alg : alg;
    }

    /**
     * Whether a Diffie-Hellman key over a prime of {@code primeBits} bits passes the {@code DH}
     * (alias {@code DiffieHellman}) entries, such as {@code DH keySize < 2048}: what SunJSSE's
     * TLS 1.2 client checks a server's ServerKeyExchange against.
     */
    public boolean permitsDhKey(int primeBits) {
        for (String name : List.of("DH", "DiffieHellman")) {
            if (disabledName(name) || refusesSize(name, OptionalInt.of(primeBits))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "DisabledAlgorithms" + entries;
    }

    /** Whether no entry disables {@code name} outright (any entry with conditions is not applied here). */
    public boolean permitsName(String name) {
        return !disabledName(name);
    }

    private boolean disabledName(String name) {
        for (AlgorithmConstraint c : entries) {
            if (c.unconditional() && c.names(name)) {
                return true;
            }
        }
        return false;
    }

    private boolean refusesSize(String algorithm, OptionalInt bits) {
        for (AlgorithmConstraint c : entries) {
            if (c.names(algorithm) && c.refusesSize(bits)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(String value, UnaryOperator<String> security, List<AlgorithmConstraint> out, int depth) {
        String v = NameList.unquote(value);
        if (v == null || v.isBlank()) {
            return;
        }
        for (String raw : v.split(",")) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("include ")) {
                String property = entry.substring("include ".length()).trim();
                if (depth < MAX_INCLUDE_DEPTH) {
                    collect(security.apply(property), security, out, depth + 1);
                }
                continue;
            }
            try {
                out.add(AlgorithmConstraint.parse(entry));
            } catch (IllegalArgumentException e) {
                TRACE.warning(() -> "ignoring malformed entry '" + entry + "' in " + PROPERTY + ": " + e.getMessage());
            }
        }
    }

    /** The suite's name and the algorithm names it is made of. */
    static List<String> suiteNames(CipherSuite suite) {
        List<String> names = new ArrayList<>(List.of(suite.jsseName()));
        switch (suite.aead()) {
            case AES_128_GCM:
                names.addAll(List.of("AES_128_GCM", "AES_128", "AES", "GCM"));
                break;
            case AES_256_GCM:
                names.addAll(List.of("AES_256_GCM", "AES_256", "AES", "GCM"));
                break;
            default:
                names.addAll(List.of("CHACHA20_POLY1305", "CHACHA20", "ChaCha20-Poly1305"));
        }
        if (!suite.isTls13()) {
            String kx = suite.keyExchange().name();
            String auth = suite.authentication().name();
            names.add(kx);
            if (suite.keyExchange() != CipherSuite.KeyExchange.RSA) {
                names.add(auth);
                names.add(kx + "_" + auth);
            }
        }
        return names;
    }

    private static List<String> schemeNames(SignatureScheme s) {
        List<String> names = new ArrayList<>(List.of(s.rfcName(), s.jcaAlgorithm()));
        s.hashAlgorithm().ifPresent(h -> names.add(h.replace("-", "")));
        switch (s.keyType()) {
            case EC:
                names.addAll(List.of("EC", "ECDSA"));
                break;
            case RSA:
                names.add("RSA");
                break;
            case RSASSA_PSS:
                names.addAll(List.of("RSASSA-PSS", "RSA"));
                break;
            case ED25519:
                names.addAll(List.of("EdDSA", "Ed25519"));
                break;
            default:
                names.addAll(List.of("EdDSA", "Ed448"));
        }
        return names;
    }

    private static List<String> keyNames(String algorithm) {
        switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "EC":
            case "ECDSA":
                return List.of("EC", "ECDSA");
            case "ED25519":
            case "ED448":
                return List.of("EdDSA", algorithm);
            case "EDDSA":
                return List.of("EdDSA");
            default:
                return List.of(algorithm);
        }
    }

    private static OptionalInt keySize(Key key) {
        if (key instanceof DSAKey && ((DSAKey) key).getParams() != null) {
            return OptionalInt.of(((DSAKey) key).getParams().getP().bitLength());
        }
        return SignatureKeyType.keySize(key);
    }

    private static String groupFamily(NamedGroup g) {
        if (g == NamedGroup.X25519 || g == NamedGroup.X448) {
            return "XDH";
        }
        return g.family() == NamedGroup.Family.FFDHE ? "DH" : g.family() == NamedGroup.Family.ECDHE ? "EC" : g.jsseName();
    }

    private static int groupBits(NamedGroup g) {
        switch (g) {
            case SECP256R1:
                return 256;
            case SECP384R1:
                return 384;
            case SECP521R1:
                return 521;
            case X25519:
                return 255;
            case X448:
                return 448;
            case FFDHE2048:
                return 2048;
            case FFDHE3072:
                return 3072;
            case FFDHE4096:
                return 4096;
            case FFDHE6144:
                return 6144;
            case FFDHE8192:
                return 8192;
            default:
                return 768; // X25519MLKEM768: its ML-KEM parameter set; only a name entry disables it
        }
    }
}
