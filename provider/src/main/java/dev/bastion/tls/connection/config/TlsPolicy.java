package dev.bastion.tls.connection.config;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.handshake.Tls12Options;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What an {@code SSLContext} allows and prefers before any engine changes it: the defaults of
 * {@link TlsDefaults} shaped by the {@code jdk.tls.*} system properties and the security
 * properties {@code jdk.tls.disabledAlgorithms} and {@code jdk.tls.keyLimits}, read once when
 * the context is created. Immutable.
 *
 * @param clientProtocols enabled by default on client engines, highest first
 * @param serverProtocols enabled by default on server engines, highest first
 * @param supportedSuites every suite that is not disabled, in preference order
 * @param clientSuites enabled by default on client engines
 * @param serverSuites enabled by default on server engines
 * @param groups supported groups, most preferred first
 * @param keyShareGroups the groups a client sends key shares for up front
 * @param clientSchemes client handshake signature schemes
 * @param serverSchemes server handshake signature schemes
 * @param clientCertificateSchemes client signature_algorithms_cert
 * @param serverCertificateSchemes server signature_algorithms_cert
 * @param maxServerChainLength the longest chain a client takes from a server:
 *     {@code jdk.tls.client.maxInboundCertificateChainLength}, else
 *     {@code jdk.tls.maxCertificateChainLength}, else 10 (SunJSSE's rule and default)
 * @param maxClientChainLength the longest chain a server takes from a client:
 *     {@code jdk.tls.server.maxInboundCertificateChainLength}, else
 *     {@code jdk.tls.maxCertificateChainLength}, else 8 (10 before Java 22, as SunJSSE)
 * @param middleboxCompatibility {@code jdk.tls.client.useCompatibilityMode}
 * @param statusRequest {@code jdk.tls.client.enableStatusRequestExtension} (default true, as
 *     SunJSSE): clients ask for the server's stapled OCSP response
 * @param serverStatusRequest {@code jdk.tls.server.enableStatusRequestExtension} (default false, as
 *     SunJSSE): servers staple an OCSP response when a client asks for one
 * @param clientSni {@code jsse.enableSNIExtension} (default true, as SunJSSE): clients send
 *     server_name; false: never, not even the names an application set
 * @param clientCaExtension {@code jdk.tls.client.enableCAExtension} (default false, as SunJSSE):
 *     TLS 1.3 clients name the CAs their trust manager accepts (certificate_authorities)
 * @param tls12 {@code jdk.tls.useExtendedMasterSecret}, {@code jdk.tls.allowLegacyMasterSecret},
 *     {@code jdk.tls.ephemeralDHKeySize}, {@code jdk.tls.server.defaultDHEParameters}, and
 *     the smallest DH prime {@code jdk.tls.disabledAlgorithms} lets a TLS 1.2 client accept
 * @param clientSchemeProperty the schemes {@code jdk.tls.client.SignatureSchemes} names that Bastion
 *     knows, by name; empty when it is not set (what {@code SSLParameters.getSignatureSchemes}
 *     reports on Java 19+, as SunJSSE's does)
 * @param serverSchemeProperty the same for {@code jdk.tls.server.SignatureSchemes}
 * @param closeRules {@code jdk.tls.acknowledgeCloseNotify} and {@code com.sun.net.ssl.requireCloseNotify}
 * @param disabledExtensions {@code jdk.tls.client.disableExtensions} and {@code jdk.tls.server.disableExtensions}
 * @param alpnCharset the security property {@code jdk.tls.alpnCharset} (default ISO-8859-1): how the
 *     application's ALPN names become bytes on the wire ({@link AlpnCharset})
 * @param configurationError why no engine or socket can be made from this context (a
 *     {@code jdk.tls.namedGroups} that names no group Bastion knows, a {@code jdk.tls.alpnCharset}
 *     that names no charset); empty when they can
 * @param clientMaxFragmentLength {@code jsse.enableMFLNExtension}, or its first spelling
 *     {@code jsse.enableMFLExtension} (default false, as SunJSSE):
 *     a client whose maximum packet size ({@code SSLParameters.setMaximumPacketSize}) is small asks
 *     for a max_fragment_length that fits it
 */
public record TlsPolicy(
        List<Protocol> clientProtocols,
        List<Protocol> serverProtocols,
        List<CipherSuite> supportedSuites,
        List<CipherSuite> clientSuites,
        List<CipherSuite> serverSuites,
        List<NamedGroup> groups,
        List<NamedGroup> keyShareGroups,
        List<SignatureScheme> clientSchemes,
        List<SignatureScheme> serverSchemes,
        List<SignatureScheme> clientCertificateSchemes,
        List<SignatureScheme> serverCertificateSchemes,
        DisabledAlgorithms disabled,
        KeyLimits keyLimits,
        int maxHandshakeMessageSize,
        int maxServerChainLength,
        int maxClientChainLength,
        boolean middleboxCompatibility,
        boolean statusRequest,
        boolean serverStatusRequest,
        boolean clientSni,
        boolean clientCaExtension,
        Tls12Options tls12,
        List<String> clientSchemeProperty,
        List<String> serverSchemeProperty,
        CloseRules closeRules,
        DisabledExtensions disabledExtensions,
        Charset alpnCharset,
        Optional<String> configurationError,
        boolean clientMaxFragmentLength) {

    private static final Trace TRACE = Trace.get("config");

    /** {@link #disabled} as an {@code AlgorithmConstraints}: what an engine reports when the application set none. */
    public PolicyAlgorithmConstraints algorithmConstraints() {
        return new PolicyAlgorithmConstraints(disabled);
    }

    /** Protocol names SunJSSE knows but does not use in a TLS context: dropped, never refused. */
    private static final List<String> KNOWN_NON_TLS_PROTOCOLS = List.of("DTLSv1.0", "DTLSv1.2", "NONE");

    /** The largest DH prime Bastion takes from a server ({@code DhParameters.MAX_PRIME_BITS}). */
    private static final int MAX_DH_PRIME_BITS = 8192;

    public TlsPolicy {
        clientProtocols = List.copyOf(clientProtocols);
        serverProtocols = List.copyOf(serverProtocols);
        supportedSuites = List.copyOf(supportedSuites);
        clientSuites = List.copyOf(clientSuites);
        serverSuites = List.copyOf(serverSuites);
        groups = List.copyOf(groups);
        keyShareGroups = List.copyOf(keyShareGroups);
        clientSchemes = List.copyOf(clientSchemes);
        serverSchemes = List.copyOf(serverSchemes);
        clientCertificateSchemes = List.copyOf(clientCertificateSchemes);
        serverCertificateSchemes = List.copyOf(serverCertificateSchemes);
        Objects.requireNonNull(disabledExtensions, "disabledExtensions");
        Objects.requireNonNull(alpnCharset, "alpnCharset");
        Objects.requireNonNull(configurationError, "configurationError");
    }

    /**
     * Reads the properties for a context of the JCA protocol {@code contextProtocol}
     * ({@code "TLS"}, {@code "TLSv1.3"}, {@code "TLSv1.2"}, {@code "Default"}). The
     * {@code jdk.tls.client.protocols}/{@code jdk.tls.server.protocols} properties apply only to
     * {@code "TLS"} and {@code "Default"}, as in SunJSSE.
     *
     * @throws IllegalArgumentException when one of those names something that is no protocol
     *     (see {@link #checkProtocolProperties})
     */
    public static TlsPolicy load(PropertySource src, String contextProtocol) {
        UnreadProperties.report(src);
        DisabledAlgorithms disabled = DisabledAlgorithms.parse(
                src.security().apply(DisabledAlgorithms.PROPERTY), src.security());
        boolean configurable = configurable(contextProtocol);
        List<Protocol> clientDefault = filter(defaultProtocols(contextProtocol, true), disabled::permits);
        List<Protocol> serverDefault = filter(defaultProtocols(contextProtocol, false), disabled::permits);
        List<Protocol> client = configurable ? protocols(src, "jdk.tls.client.protocols", clientDefault, disabled)
                : clientDefault;
        List<Protocol> server = configurable ? protocols(src, "jdk.tls.server.protocols", serverDefault, disabled)
                : serverDefault;
        List<CipherSuite> supported = filter(TlsDefaults.CIPHER_SUITES, disabled::permits);
        String groupsValue = src.system().apply("jdk.tls.namedGroups");
        Optional<List<NamedGroup>> named = NameList.parse("jdk.tls.namedGroups", groupsValue, NamedGroup::fromName);
        String charsetValue = src.security().apply(AlpnCharset.PROPERTY);
        Optional<Charset> alpnCharset = AlpnCharset.parse(charsetValue);
        Optional<String> error = named.filter(List::isEmpty).map(none -> "System property jdk.tls.namedGroups("
                + groupsValue + ") contains no supported named groups; Bastion supports " + TlsDefaults.GROUPS)
                .or(() -> alpnCharset.isPresent() ? Optional.empty() : Optional.of("Security property "
                        + AlpnCharset.PROPERTY + "(" + charsetValue + ") names no charset this JVM supports"));
        List<NamedGroup> groups = filter(named.filter(l -> !l.isEmpty()).orElse(TlsDefaults.GROUPS), disabled::permits);
        if (groups.isEmpty()) {
            TRACE.warning(() -> "no usable named group: check jdk.tls.namedGroups and jdk.tls.disabledAlgorithms");
        }
        // each side's own property wins over this one, which wins over each side's default (SunJSSE's rule)
        Optional<Integer> anyChain = Optional.of(intProperty(src, "jdk.tls.maxCertificateChainLength", -1, 0xFFFF))
                .filter(n -> n > 0);
        return new TlsPolicy(client, server, supported,
                applicable(suites(src, "jdk.tls.client.cipherSuites", supported, disabled), client),
                applicable(suites(src, "jdk.tls.server.cipherSuites", supported, disabled), server),
                groups, TlsDefaults.keyShareGroups(groups),
                schemes(src, "jdk.tls.client.SignatureSchemes", disabled, true),
                schemes(src, "jdk.tls.server.SignatureSchemes", disabled, true),
                schemes(src, "jdk.tls.client.SignatureSchemes", disabled, false),
                schemes(src, "jdk.tls.server.SignatureSchemes", disabled, false),
                disabled,
                KeyLimits.parse(src.security().apply(KeyLimits.PROPERTY)),
                intProperty(src, "jdk.tls.maxHandshakeMessageSize", TlsDefaults.MAX_HANDSHAKE_MESSAGE_SIZE, 0xFFFFFF),
                intProperty(src, "jdk.tls.client.maxInboundCertificateChainLength",
                        anyChain.orElse(TlsDefaults.MAX_SERVER_CHAIN_LENGTH), 0xFFFF),
                intProperty(src, "jdk.tls.server.maxInboundCertificateChainLength",
                        anyChain.orElse(TlsDefaults.MAX_CLIENT_CHAIN_LENGTH), 0xFFFF),
                !"false".equalsIgnoreCase(NameList.unquote(src.system().apply("jdk.tls.client.useCompatibilityMode"))),
                booleanProperty(src, "jdk.tls.client.enableStatusRequestExtension", true),
                booleanProperty(src, "jdk.tls.server.enableStatusRequestExtension", false),
                booleanProperty(src, "jsse.enableSNIExtension", true),
                booleanProperty(src, "jdk.tls.client.enableCAExtension", false),
                new Tls12Options(booleanProperty(src, "jdk.tls.useExtendedMasterSecret", true),
                        booleanProperty(src, "jdk.tls.allowLegacyMasterSecret", true), minDhPrimeBits(disabled),
                        booleanProperty(src, "jdk.tls.allowLegacyResumption", true), ephemeralDhBits(src),
                        CustomDhe.parse(src.security().apply(CustomDhe.PROPERTY), minDhPrimeBits(disabled))),
                schemeNames(src, "jdk.tls.client.SignatureSchemes"),
                schemeNames(src, "jdk.tls.server.SignatureSchemes"),
                new CloseRules(booleanProperty(src, "jdk.tls.acknowledgeCloseNotify", false),
                        booleanProperty(src, "com.sun.net.ssl.requireCloseNotify", false)),
                DisabledExtensions.load(src),
                alpnCharset.orElse(StandardCharsets.ISO_8859_1),
                error,
                booleanProperty(src, "jsse.enableMFLNExtension", false)
                        || booleanProperty(src, "jsse.enableMFLExtension", false));
    }

    /**
     * Checks {@code jdk.tls.client.protocols} and {@code jdk.tls.server.protocols} for a context
     * of the JCA protocol {@code contextProtocol}, as SunJSSE does when the context is created:
     * a name that is no protocol at all fails the creation, so that a typo is not silently
     * ignored (SunJSSE's "TLS" and "Default" contexts throw the same exception from their
     * constructors).
     *
     * @throws IllegalArgumentException naming the property and the unknown name
     */
    public static void checkProtocolProperties(PropertySource src, String contextProtocol) {
        if (configurable(contextProtocol)) {
            DisabledAlgorithms none = DisabledAlgorithms.parse(null, src.security()); // only the names are checked
            protocols(src, "jdk.tls.client.protocols", List.of(), none);
            protocols(src, "jdk.tls.server.protocols", List.of(), none);
        }
    }

    /**
     * Fails when no engine or socket can be made from this configuration (SunJSSE's engines and
     * sockets fail the same way).
     *
     * @throws IllegalArgumentException with {@link #configurationError()}
     */
    public void requireUsable() {
        if (configurationError.isPresent()) {
            throw new IllegalArgumentException(configurationError.get());
        }
    }

    /**
     * The suites of {@code suites} that one of {@code protocols} can negotiate: SunJSSE's default
     * enabled suites are those of its default protocols, so a client of a "TLSv1.2" context (or
     * with {@code jdk.tls.client.protocols=TLSv1.2}) enables no TLS 1.3 suite.
     */
    private static List<CipherSuite> applicable(List<CipherSuite> suites, List<Protocol> protocols) {
        boolean tls13 = protocols.contains(Protocol.TLS13);
        boolean tls12 = protocols.contains(Protocol.TLS12);
        return filter(suites, s -> s.isTls13() ? tls13 : tls12);
    }

    /** Default protocols for one side. */
    public List<Protocol> protocols(boolean client) {
        return client ? clientProtocols : serverProtocols;
    }

    /** Default suites for one side. */
    public List<CipherSuite> suites(boolean client) {
        return client ? clientSuites : serverSuites;
    }

    /**
     * Protocols a context of this JCA name enables when no property says otherwise, as SunJSSE
     * 17: TLS 1.3 and TLS 1.2 for "TLS", "TLSv1.3" and "Default"; a "TLSv1.2" context's clients
     * enable TLS 1.2 alone and its servers TLS 1.3 and TLS 1.2. Only protocols whose handshake is
     * implemented.
     */
    static List<Protocol> defaultProtocols(String contextProtocol, boolean client) {
        List<Protocol> base = "TLSv1.2".equals(contextProtocol) && client ? List.of(Protocol.TLS12)
                : List.of(Protocol.TLS13, Protocol.TLS12);
        return filter(base, p -> p.implemented());
    }

    private static boolean configurable(String contextProtocol) {
        return "TLS".equals(contextProtocol) || "Default".equals(contextProtocol);
    }

    /**
     * The protocols {@code property} names, highest first. A protocol SunJSSE knows but Bastion
     * does not run (TLSv1.1, SSLv3, SSLv2Hello, DTLS) is dropped with a warning.
     *
     * @throws IllegalArgumentException for a name that is no protocol at all, as SunJSSE
     */
    private static List<Protocol> protocols(PropertySource src, String property, List<Protocol> fallback,
            DisabledAlgorithms disabled) {
        Optional<List<Protocol>> named = NameList.parse(property, src.system().apply(property), name -> {
            if (Protocol.fromName(name).isEmpty() && !KNOWN_NON_TLS_PROTOCOLS.contains(name)) {
                throw new IllegalArgumentException(property + ": " + name + " is not a supported SSL protocol name"
                        + " (known: TLSv1.3, TLSv1.2, TLSv1.1, TLSv1, SSLv3, SSLv2Hello)");
            }
            return Protocol.fromName(name).filter(Protocol::supported);
        });
        return named.map(l -> l.stream().filter(disabled::permits)
                .sorted(Comparator.comparingInt(Protocol::code).reversed()).toList()).orElse(fallback);
    }

    /**
     * The suites of {@code property}; the defaults when it is unset or names no suite SunJSSE
     * knows (SunJSSE too keeps its defaults then). Known suites that are disabled stay out, and
     * so do the ones SunJSSE knows but Bastion does not implement ({@link SunJsseSuiteNames}, as
     * legacy protocol names in {@code jdk.tls.*.protocols}): a property naming only those
     * leaves none, so handshakes fail rather than use suites the property did not name.
     */
    private static List<CipherSuite> suites(PropertySource src, String property, List<CipherSuite> supported,
            DisabledAlgorithms disabled) {
        return NameList.parse(property, src.system().apply(property),
                        name -> SunJsseSuiteNames.knows(name) || CipherSuite.fromJsseName(name).isPresent()
                                ? Optional.of(name) : Optional.<String>empty())
                .filter(l -> knowsOne(property, l))
                .map(l -> filter(implemented(property, l), disabled::permits)).orElse(supported);
    }

    /** The suites of {@code names} that Bastion implements; the others are dropped with a warning. */
    private static List<CipherSuite> implemented(String property, List<String> names) {
        List<CipherSuite> out = new ArrayList<>();
        for (String name : names) {
            Optional<CipherSuite> s = CipherSuite.fromJsseName(name);
            if (s.isPresent()) {
                out.add(s.get());
            } else if (SunJsseSuiteNames.isLegacy(name)) {
                TRACE.warning(() -> property + ": " + name + " is a suite Bastion does not implement; never negotiated");
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code named} is not empty; warns that the defaults apply when it is. */
    private static boolean knowsOne(String property, List<?> named) {
        if (named.isEmpty()) {
            TRACE.warning(() -> property + " names nothing Bastion knows; using the defaults");
        }
        return !named.isEmpty();
    }

    /**
     * {@code jdk.tls.ephemeralDHKeySize}, as SunJSSE reads it: a size in bits (1024 to 8192, a
     * multiple of 64), {@code matched} (2048 for any certificate key over 1024 bits) or
     * {@code legacy} (768 bits); 0 when unset. Bastion uses no DH prime under 2048 bits:
     * {@code legacy} and sizes under 2048 are ignored with a warning.
     */
    static int ephemeralDhBits(PropertySource src) {
        String property = "jdk.tls.ephemeralDHKeySize";
        String v = NameList.unquote(src.system().apply(property));
        if (v == null || v.isBlank()) {
            return 0;
        }
        v = v.trim();
        if (v.equals("matched")) {
            return Tls12Options.MIN_DH_PRIME_BITS;
        }
        String value = v;
        if (v.equals("legacy")) {
            TRACE.warning(() -> "ignoring " + property + "=legacy: Bastion uses no DH prime under "
                    + Tls12Options.MIN_DH_PRIME_BITS + " bits");
            return 0;
        }
        try {
            int bits = Integer.parseInt(v);
            if (bits >= 1024 && bits <= MAX_DH_PRIME_BITS && bits % 64 == 0) {
                if (bits < Tls12Options.MIN_DH_PRIME_BITS) {
                    TRACE.warning(() -> "ignoring " + property + "=" + value + ": Bastion uses no DH prime under "
                            + Tls12Options.MIN_DH_PRIME_BITS + " bits");
                    return 0;
                }
                return bits;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        TRACE.warning(() -> "ignoring " + property + "=" + value + ": not matched, legacy or a multiple of 64 from 1024"
                + " to " + MAX_DH_PRIME_BITS);
        return 0;
    }

    /**
     * The smallest DH prime of {@link TlsDefaults}' range (2048 bits up) that
     * {@code jdk.tls.disabledAlgorithms} permits ("DH keySize &lt; 3072" gives 3072); a TLS 1.2
     * client refuses a server's smaller prime. Past {@link #MAX_DH_PRIME_BITS}: DH is disabled.
     */
    static int minDhPrimeBits(DisabledAlgorithms disabled) {
        for (int bits = Tls12Options.MIN_DH_PRIME_BITS; bits <= MAX_DH_PRIME_BITS; bits++) {
            if (disabled.permitsDhKey(bits)) {
                return bits;
            }
        }
        return MAX_DH_PRIME_BITS + 1;
    }

    /**
     * The schemes of {@code property}, or the defaults. For handshake signatures the SHA-1
     * schemes are dropped from the defaults; a property that names them explicitly keeps them,
     * last in preference: a TLS 1.2 peer that offers nothing else can then be served
     * (RFC 9155 deprecates them; TLS 1.3 never uses them). A property that names no scheme
     * Bastion knows leaves the defaults, as in SunJSSE.
     */
    private static List<SignatureScheme> schemes(PropertySource src, String property, DisabledAlgorithms disabled,
            boolean handshake) {
        Optional<List<SignatureScheme>> named = NameList.parse(property, src.system().apply(property),
                SignatureScheme::fromName).filter(l -> knowsOne(property, l));
        return schemes(named, disabled, handshake);
    }

    /** The known schemes {@code property} names, by their names; empty when it names none or is not set. */
    private static List<String> schemeNames(PropertySource src, String property) {
        return NameList.parse(property, src.system().apply(property), SignatureScheme::fromName)
                .map(l -> l.stream().map(SignatureScheme::rfcName).distinct().toList()).orElse(List.of());
    }

    /** The schemes {@code jdk.tls.client.SignatureSchemes} or {@code jdk.tls.server.SignatureSchemes} names; empty when unset. */
    public List<String> schemeProperty(boolean client) {
        return client ? clientSchemeProperty : serverSchemeProperty;
    }

    /**
     * The schemes an application named ({@code SSLParameters.setSignatureSchemes}), in its order,
     * less those Bastion does not know (ignored, as SunJSSE ignores them) and those
     * {@code jdk.tls.disabledAlgorithms} refuses; handshake schemes put SHA-1 last, as for the
     * properties.
     */
    static List<SignatureScheme> namedSchemes(String[] names, DisabledAlgorithms disabled, boolean handshake) {
        return schemes(Optional.of(known(names, SignatureScheme::fromName)), disabled, handshake);
    }

    /**
     * The groups an application named ({@code SSLParameters.setNamedGroups}), in its order, less
     * those Bastion does not know and those {@code jdk.tls.disabledAlgorithms} refuses.
     */
    static List<NamedGroup> namedGroups(String[] names, DisabledAlgorithms disabled) {
        return filter(known(names, NamedGroup::fromName), disabled::permits);
    }

    private static <T> List<T> known(String[] names, java.util.function.Function<String, Optional<T>> parse) {
        List<T> out = new ArrayList<>(names.length);
        for (String n : names) {
            if (n != null) {
                parse.apply(n).filter(t -> !out.contains(t)).ifPresent(out::add);
            }
        }
        return out;
    }

    private static List<SignatureScheme> schemes(Optional<List<SignatureScheme>> named, DisabledAlgorithms disabled,
            boolean handshake) {
        List<SignatureScheme> list = named.orElse(TlsDefaults.SIGNATURE_SCHEMES);
        Predicate<SignatureScheme> use = handshake && named.isEmpty() ? s -> !s.isLegacySha1() : s -> true;
        List<SignatureScheme> out = filter(list, s -> use.test(s) && disabled.permits(s, handshake));
        if (!handshake) {
            return out;
        }
        List<SignatureScheme> sorted = new ArrayList<>(filter(out, s -> !s.isLegacySha1()));
        sorted.addAll(filter(out, SignatureScheme::isLegacySha1));
        return List.copyOf(sorted);
    }

    /** A {@code true}/{@code false} system property, as SunJSSE reads them; anything else is the default. */
    static boolean booleanProperty(PropertySource src, String property, boolean fallback) {
        String v = NameList.unquote(src.system().apply(property));
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        if ("true".equalsIgnoreCase(v.trim()) || "false".equalsIgnoreCase(v.trim())) {
            return Boolean.parseBoolean(v.trim());
        }
        TRACE.warning(() -> "ignoring " + property + "=" + v + ": not true or false; using " + fallback);
        return fallback;
    }

    /** The longest chain this side takes from its peer. */
    public int maxPeerChainLength(boolean client) {
        return client ? maxServerChainLength : maxClientChainLength;
    }

    private static int intProperty(PropertySource src, String property, int fallback, int max) {
        String v = NameList.unquote(src.system().apply(property));
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        TRACE.warning(() -> "ignoring " + property + "=" + v + ": not a number in 1.." + max + "; using "
                + (fallback < 0 ? "the default" : fallback));
        return fallback;
    }

    private static <T> List<T> filter(List<T> values, Predicate<T> keep) {
        return values.stream().filter(keep).toList();
    }
}
