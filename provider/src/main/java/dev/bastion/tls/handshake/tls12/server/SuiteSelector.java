package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.DhParameters;
import dev.bastion.tls.crypto.EcdsaCurve;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.CertificateChains;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.LocalCredential;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.handshake.Tls12Options;
import dev.bastion.tls.handshake.tls12.common.Schemes12;
import dev.bastion.tls.handshake.tls12.common.Suites12;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.SupportedGroups;
import java.security.Principal;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TLS 1.2 server's choice of cipher suite (RFC 5246 §7.4.1.3): the candidates in the
 * client's order, or ours with {@code honourServerCipherSuiteOrder}; the first one the server
 * can carry out wins:
 * <ul>
 *   <li>ECDHE: a curve both enable, the first in the client's supported_groups (RFC 8422 §5.1;
 *       without the extension, secp256r1 when enabled);
 *   <li>DHE: when the client lists FFDHE groups (codes 256-511), one of them that we enable,
 *       else no DHE (RFC 7919 §4); without any, the group {@code jdk.tls.ephemeralDHKeySize} asks
 *       for when it is set (ffdhe2048, 3072 or 4096: the smallest that large, else ffdhe4096),
 *       else the first FFDHE group of our own list (already
 *       cut by {@code jdk.tls.namedGroups} and {@code jdk.tls.disabledAlgorithms}: with
 *       {@code DH keySize < 3072} or ffdhe2048 disabled, ffdhe3072); when our list names no
 *       FFDHE group, the smallest RFC 7919 group of at least {@link Tls12Options#minDhPrimeBits}
 *       (ffdhe2048 by default, as SunJSSE's server does then), and no DHE when none is large
 *       enough;
 *   <li>a certificate from the key manager for the suite's key types ({@link Suites12#keyTypes});
 *       an ECDSA certificate's curve must be among the client's supported_groups (RFC 8422 §5.1);
 *   <li>(EC)DHE: a signature scheme of the client's signature_algorithms that fits the key
 *       ({@link Schemes12#choose}).
 * </ul>
 * None left is handshake_failure, naming why each candidate failed; insufficient_security when a
 * DHE suite failed because none of the client's FFDHE groups is acceptable (RFC 7919 §4).
 */
final class SuiteSelector {
    /** The RFC 7919 groups, smallest first, for a server whose own list names none. */
    private static final List<NamedGroup> LEGACY_DH_GROUPS = List.of(NamedGroup.FFDHE2048, NamedGroup.FFDHE3072,
            NamedGroup.FFDHE4096, NamedGroup.FFDHE6144, NamedGroup.FFDHE8192);

    private SuiteSelector() {
    }

    static SuiteChoice select(HandshakeConfig config, ClientHello ch, HandshakeIo io) {
        List<CipherSuite> ours = config.cipherSuites().stream().filter(s -> !s.isTls13()).toList();
        List<CipherSuite> candidates = candidates(ours, ch.cipherSuites(), config.honourServerCipherSuiteOrder());
        List<Principal> issuers = CertificateChains.issuers(ch.extensions());
        Map<List<String>, Optional<LocalCredential>> asked = new HashMap<>();
        List<String> refused = new ArrayList<>();
        boolean ffdheRefused = false;
        for (CipherSuite suite : candidates) {
            Optional<NamedGroup> group = group(suite, config, ch);
            if (suite.keyExchange() != CipherSuite.KeyExchange.RSA && group.isEmpty()) {
                refused.add(suite.name() + ": no group in common");
                ffdheRefused |= suite.keyExchange() == CipherSuite.KeyExchange.DHE && listsFfdhe(ch);
                continue;
            }
            Optional<LocalCredential> credential = asked.computeIfAbsent(Suites12.keyTypes(suite),
                    types -> io.credentials().chooseServerCredential(types, issuers));
            Optional<String> why = credential.map(c -> unusable(suite, c.chain().get(0).getPublicKey(), ch))
                    .orElse(Optional.of("no certificate for key types " + Suites12.keyTypes(suite)));
            if (why.isPresent()) {
                refused.add(suite.name() + ": " + why.get());
                continue;
            }
            PublicKey key = credential.get().chain().get(0).getPublicKey();
            Optional<SignatureScheme> scheme = suite.keyExchange() == CipherSuite.KeyExchange.RSA ? Optional.empty()
                    : Schemes12.choose(Schemes12.peerCodes(ch.extensions()), Schemes12.ours(config), key);
            if (suite.keyExchange() != CipherSuite.KeyExchange.RSA && scheme.isEmpty()) {
                refused.add(suite.name() + ": no signature scheme in common for the " + key.getAlgorithm() + " key");
                continue;
            }
            return new SuiteChoice(suite, group, credential.get(), scheme, customDh(suite, group, config, ch));
        }
        String why = "no TLS 1.2 cipher suite can be used: client offered " + Negotiator.suiteList(ch.cipherSuites())
                + ", server enables " + ours + "; " + refused
                + io.credentials().refusedChoice().map(r -> "; " + r).orElse("");
        if (ffdheRefused) {
            // RFC 7919 §4: the client's FFDHE groups are all unacceptable and no other suite is usable
            throw new TlsAlert(AlertDescription.INSUFFICIENT_SECURITY, why + " (RFC 7919 §4)");
        }
        throw TlsAlert.handshakeFailure(why);
    }

    /**
     * {@code jdk.tls.server.defaultDHEParameters}' group of the size {@code jdk.tls.ephemeralDHKeySize}
     * names, else of the size of {@code group}, for a DHE suite with a client that lists no FFDHE
     * group (one that does gets the RFC 7919 group it named).
     */
    private static Optional<DhParameters> customDh(CipherSuite suite, Optional<NamedGroup> group, HandshakeConfig config,
            ClientHello ch) {
        if (suite.keyExchange() != CipherSuite.KeyExchange.DHE || group.isEmpty() || listsFfdhe(ch)
                || config.tls12().customDhe().isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, DhParameters> custom = config.tls12().customDhe();
        int wanted = config.tls12().ephemeralDhBits();
        if (wanted >= config.tls12().minDhPrimeBits() && custom.containsKey(wanted)) {
            return Optional.of(custom.get(wanted)); // jdk.tls.ephemeralDHKeySize names a configured size exactly
        }
        return Optional.ofNullable(custom.get(group.get().dhParameters().orElseThrow().p().bitLength()));
    }

    /** Whether the client's supported_groups names any FFDHE code point (256..511, known or not; RFC 7919 §4). */
    private static boolean listsFfdhe(ClientHello ch) {
        return ch.extensions().supportedGroups().map(SupportedGroups::groups).orElse(List.of()).stream()
                .anyMatch(c -> c >= 0x0100 && c <= 0x01FF);
    }

    private static List<CipherSuite> candidates(List<CipherSuite> ours, List<Integer> offered, boolean serverOrder) {
        if (serverOrder) {
            return ours.stream().filter(s -> offered.contains(s.code())).toList();
        }
        List<CipherSuite> out = new ArrayList<>();
        for (int code : offered) {
            ours.stream().filter(s -> s.code() == code).findFirst().ifPresent(out::add);
        }
        return out;
    }

    /** The (EC)DHE group for {@code suite}; empty for RSA key transport or when none fits. */
    static Optional<NamedGroup> group(CipherSuite suite, HandshakeConfig config, ClientHello ch) {
        Optional<List<Integer>> theirs = ch.extensions().supportedGroups().map(SupportedGroups::groups);
        switch (suite.keyExchange()) {
            case ECDHE:
                if (theirs.isEmpty()) {
                    return config.groups().stream().filter(g -> g == NamedGroup.SECP256R1).findFirst();
                }
                return first(theirs.get(), config, NamedGroup.Family.ECDHE);
            case DHE:
                List<Integer> ffdhe = theirs.orElse(List.of()).stream().filter(c -> c >= 0x0100 && c <= 0x01FF).toList();
                return ffdhe.isEmpty() ? ownFfdhe(config) : first(ffdhe, config, NamedGroup.Family.FFDHE);
            default:
                return Optional.empty();
        }
    }

    /**
     * The DH group for a client that lists no FFDHE group (RFC 7919 §4: any group will do): with
     * {@code jdk.tls.ephemeralDHKeySize}, the smallest RFC 7919 group of at least that size (and
     * of the DH minimum); else the first FFDHE group of ours; else the smallest large enough.
     */
    private static Optional<NamedGroup> ownFfdhe(HandshakeConfig config) {
        int wanted = config.tls12().ephemeralDhBits();
        if (wanted > 0) {
            int bits = Math.max(wanted, config.tls12().minDhPrimeBits());
            return LEGACY_DH_GROUPS.stream().filter(g -> g.dhParameters().orElseThrow().p().bitLength() >= bits).findFirst()
                    .or(() -> LEGACY_DH_GROUPS.stream().filter(g -> g.dhParameters().orElseThrow().p().bitLength()
                            >= config.tls12().minDhPrimeBits()).reduce((a, b) -> b)); // past ffdhe4096: the largest
        }
        Optional<NamedGroup> enabled = config.groups().stream().filter(g -> g.family() == NamedGroup.Family.FFDHE).findFirst();
        if (enabled.isPresent()) {
            return enabled;
        }
        return LEGACY_DH_GROUPS.stream()
                .filter(g -> g.dhParameters().orElseThrow().p().bitLength() >= config.tls12().minDhPrimeBits()).findFirst();
    }

    private static Optional<NamedGroup> first(List<Integer> codes, HandshakeConfig config, NamedGroup.Family family) {
        for (int code : codes) {
            Optional<NamedGroup> g = NamedGroup.fromCode(code).filter(x -> x.family() == family)
                    .filter(config.groups()::contains);
            if (g.isPresent()) {
                return g;
            }
        }
        return Optional.empty();
    }

    /** Why the certificate with {@code key} cannot serve {@code suite}; empty when it can. */
    private static Optional<String> unusable(CipherSuite suite, PublicKey key, ClientHello ch) {
        if (!Suites12.fits(suite, key)) {
            return Optional.of("the key manager's " + key.getAlgorithm() + " certificate does not fit");
        }
        Optional<EcdsaCurve> curve = EcdsaCurve.of(key);
        Optional<List<Integer>> theirs = ch.extensions().supportedGroups().map(SupportedGroups::groups);
        if (curve.isPresent() && theirs.isPresent()) {
            int code = NamedGroup.fromName(curve.get().standardName()).map(NamedGroup::code).orElse(-1);
            if (!theirs.get().contains(code)) {
                return Optional.of("the certificate's curve " + curve.get().standardName()
                        + " is not among the client's supported_groups (RFC 8422 §5.1)");
            }
        }
        return Optional.empty();
    }
}
