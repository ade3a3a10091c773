package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.SharedLists;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.SignatureKeyType;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.message.ext.Codes;
import java.security.Principal;
import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stateless choices shared by the handshakes of both versions: cipher suite, signature scheme
 * and the key types a key manager is asked for. Each takes our list and the peer's offer and
 * never throws: the caller turns "nothing in common" into the alert its RFC names.
 */
public final class Negotiator {
    private Negotiator() {
    }

    /**
     * The suite to use from the peer's {@code offered} codes: the first of {@code ours} the peer
     * offered ({@code serverOrder}, {@code SSLParameters.setUseCipherSuitesOrder(true)}), or else
     * the first offered code that is one of {@code ours}.
     */
    public static Optional<CipherSuite> chooseSuite(List<CipherSuite> ours, List<Integer> offered, boolean serverOrder) {
        if (serverOrder) {
            return ours.stream().filter(s -> offered.contains(s.code())).findFirst();
        }
        for (int code : offered) {
            for (CipherSuite s : ours) {
                if (s.code() == code) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The schemes both sides accept for handshake signatures in {@code version}, in the
     * peer's order (the peer lists its preference; RFC 8446 §4.2.3 "in descending order of
     * preference").
     */
    public static List<SignatureScheme> commonSchemes(List<Integer> peerCodes, List<SignatureScheme> ours, int version) {
        List<SignatureScheme> out = new ArrayList<>();
        for (int code : peerCodes) {
            for (SignatureScheme s : ours) {
                if (s.code() == code && s.usableForHandshakeSignatures(version) && !out.contains(s)) {
                    out.add(s);
                }
            }
        }
        return List.copyOf(out);
    }

    /** Our schemes usable for handshake signatures in {@code version}, in our order. */
    public static List<SignatureScheme> usable(List<SignatureScheme> ours, int version) {
        return ours.stream().filter(s -> s.usableForHandshakeSignatures(version)).toList();
    }

    /** The JSSE key types ({@code "EC"}, {@code "RSA"}, {@code "RSASSA-PSS"}, {@code "EdDSA"}) of {@code schemes}, in order. */
    public static List<String> keyTypes(List<SignatureScheme> schemes) {
        Set<String> out = new LinkedHashSet<>();
        for (SignatureScheme s : schemes) {
            out.add(keyType(s.keyType()));
        }
        return List.copyOf(out);
    }

    /** The JSSE key type name a key manager knows for {@code type}. */
    public static String keyType(SignatureKeyType type) {
        switch (type) {
            case EC:
                return "EC";
            case RSA:
                return "RSA";
            case RSASSA_PSS:
                return "RSASSA-PSS";
            default:
                return "EdDSA";
        }
    }

    /**
     * {@code chosen} when its key signs with one of {@code schemes}; otherwise the first other
     * credential of the same key types and the same identity that does (a TLS 1.3 ECDSA scheme
     * binds the curve, so a P-256 key chosen for "EC" cannot answer a client that offers only
     * ecdsa_secp384r1_sha384 while a P-384 key for the same names can). When the key manager chose
     * nothing, nothing: declining is its decision (SunJSSE then sends no client certificate, or
     * fails the server's handshake), and so is which identity to present, which is why the
     * stand-in must carry the chosen certificate's subject and alternative names. When none
     * fits, {@code chosen} as it was: the caller then fails with its own message.
     */
    public static Optional<LocalCredential> fitting(Optional<LocalCredential> chosen, List<SignatureScheme> schemes,
            int version, Credentials credentials, List<Principal> issuers, boolean client) {
        if (chosen.isEmpty()) {
            return chosen;
        }
        X509Certificate leaf = chosen.get().chain().get(0);
        if (schemeFor(schemes, leaf.getPublicKey(), version).isPresent()) {
            return chosen;
        }
        for (String type : keyTypes(schemes)) {
            for (LocalCredential c : credentials.credentialsOfType(type, issuers, client)) {
                X509Certificate other = c.chain().get(0);
                if (sameIdentity(leaf, other) && schemeFor(schemes, other.getPublicKey(), version).isPresent()) {
                    return Optional.of(c);
                }
            }
        }
        return chosen;
    }

    /** Whether two certificates name the same subject with the same alternative names (in any order). */
    static boolean sameIdentity(X509Certificate a, X509Certificate b) {
        if (!a.getSubjectX500Principal().equals(b.getSubjectX500Principal())) {
            return false;
        }
        try {
            Collection<List<?>> x = a.getSubjectAlternativeNames();
            Collection<List<?>> y = b.getSubjectAlternativeNames();
            return x == null || y == null ? x == y : Set.copyOf(x).equals(Set.copyOf(y));
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    /** The first of {@code candidates} that {@code key} can sign with in {@code version}. */
    public static Optional<SignatureScheme> schemeFor(List<SignatureScheme> candidates, PublicKey key, int version) {
        return candidates.stream().filter(s -> s.matches(key, version)).findFirst();
    }

    /** RFC names of the schemes among {@code codes} that we know (for {@code getPeerSupportedSignatureAlgorithms}). */
    public static List<String> schemeNames(List<Integer> codes) {
        int slot = codes.hashCode() & (SCHEME_NAMES.length - 1);
        SchemeNames m = SCHEME_NAMES[slot];
        if (m != null && m.codes().equals(codes)) {
            return m.names();
        }
        List<String> out = new ArrayList<>();
        for (int code : codes) {
            SignatureScheme.fromCode(code).ifPresent(s -> out.add(s.rfcName()));
        }
        List<String> names = SharedLists.of(out);
        SCHEME_NAMES[slot] = new SchemeNames(List.copyOf(codes), names);
        return names;
    }

    /**
     * {@link #schemeNames} for the last few lists of codes, by content: peers mostly send the
     * same few lists. Racy by design: an entry is immutable, a lost write costs a recomputation.
     */
    private static final SchemeNames[] SCHEME_NAMES = new SchemeNames[8];

    private record SchemeNames(List<Integer> codes, List<String> names) {
    }

    /** {@code [TLS_AES_128_GCM_SHA256(0x1301), ...]} for alert messages. */
    public static String suiteList(List<Integer> codes) {
        return Codes.list(codes, Codes::suite);
    }

    /** {@code [x25519(0x001d), ...]} for alert messages. */
    public static String groupList(List<Integer> codes) {
        return Codes.list(codes, Codes::group);
    }

    /** {@code [ecdsa_secp256r1_sha256(0x0403), ...]} for alert messages. */
    public static String schemeList(List<Integer> codes) {
        return Codes.list(codes, Codes::scheme);
    }
}
