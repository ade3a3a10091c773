package dev.bastion.tls.connection.config;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.handshake.Tls12Options;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * @param middleboxCompatibility {@code jdk.tls.client.useCompatibilityMode}
 * @param tls12 {@code jdk.tls.useExtendedMasterSecret} and {@code jdk.tls.allowLegacyMasterSecret}
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
        int maxCertificateChainLength,
        boolean middleboxCompatibility,
        Tls12Options tls12) {

    private static final Trace TRACE = Trace.get("config");

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
    }

    /**
     * Reads the properties for a context of the JCA protocol {@code contextProtocol}
     * ({@code "TLS"}, {@code "TLSv1.3"}, {@code "TLSv1.2"}, {@code "Default"}). The
     * {@code jdk.tls.client.protocols}/{@code jdk.tls.server.protocols} properties apply only to
     * {@code "TLS"} and {@code "Default"}, as in SunJSSE.
     */
    public static TlsPolicy load(PropertySource src, String contextProtocol) {
        DisabledAlgorithms disabled = DisabledAlgorithms.parse(
                src.security().apply(DisabledAlgorithms.PROPERTY), src.security());
        boolean configurable = "TLS".equals(contextProtocol) || "Default".equals(contextProtocol);
        List<Protocol> clientDefault = filter(defaultProtocols(contextProtocol, true), disabled::permits);
        List<Protocol> serverDefault = filter(defaultProtocols(contextProtocol, false), disabled::permits);
        List<Protocol> client = configurable ? protocols(src, "jdk.tls.client.protocols", clientDefault, disabled)
                : clientDefault;
        List<Protocol> server = configurable ? protocols(src, "jdk.tls.server.protocols", serverDefault, disabled)
                : serverDefault;
        List<CipherSuite> supported = filter(TlsDefaults.CIPHER_SUITES, disabled::permits);
        List<NamedGroup> groups = filter(NameList.parse("jdk.tls.namedGroups",
                src.system().apply("jdk.tls.namedGroups"), NamedGroup::fromName).orElse(TlsDefaults.GROUPS), disabled::permits);
        if (groups.isEmpty()) {
            TRACE.warning(() -> "no usable named group: check jdk.tls.namedGroups and jdk.tls.disabledAlgorithms");
        }
        return new TlsPolicy(client, server, supported,
                suites(src, "jdk.tls.client.cipherSuites", supported, disabled),
                suites(src, "jdk.tls.server.cipherSuites", supported, disabled),
                groups, TlsDefaults.keyShareGroups(groups),
                schemes(src, "jdk.tls.client.SignatureSchemes", disabled, true),
                schemes(src, "jdk.tls.server.SignatureSchemes", disabled, true),
                schemes(src, "jdk.tls.client.SignatureSchemes", disabled, false),
                schemes(src, "jdk.tls.server.SignatureSchemes", disabled, false),
                disabled,
                KeyLimits.parse(src.security().apply(KeyLimits.PROPERTY)),
                intProperty(src, "jdk.tls.maxHandshakeMessageSize", TlsDefaults.MAX_HANDSHAKE_MESSAGE_SIZE, 0xFFFFFF),
                intProperty(src, "jdk.tls.maxCertificateChainLength", TlsDefaults.MAX_CERTIFICATE_CHAIN_LENGTH, 0xFFFF),
                !"false".equalsIgnoreCase(NameList.unquote(src.system().apply("jdk.tls.client.useCompatibilityMode"))),
                new Tls12Options(booleanProperty(src, "jdk.tls.useExtendedMasterSecret", true),
                        booleanProperty(src, "jdk.tls.allowLegacyMasterSecret", true)));
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

    private static List<Protocol> protocols(PropertySource src, String property, List<Protocol> fallback,
            DisabledAlgorithms disabled) {
        Optional<List<Protocol>> named = NameList.parse(property, src.system().apply(property),
                name -> Protocol.fromName(name).filter(Protocol::supported));
        return named.map(l -> l.stream().filter(disabled::permits)
                .sorted(Comparator.comparingInt(Protocol::code).reversed()).toList()).orElse(fallback);
    }

    private static List<CipherSuite> suites(PropertySource src, String property, List<CipherSuite> supported,
            DisabledAlgorithms disabled) {
        return NameList.parse(property, src.system().apply(property), CipherSuite::fromJsseName)
                .map(l -> filter(l, disabled::permits)).orElse(supported);
    }

    /**
     * The schemes of {@code property}, or the defaults. For handshake signatures the SHA-1
     * schemes are dropped from the defaults; a property that names them explicitly keeps them,
     * last in preference: a TLS 1.2 peer that offers nothing else can then be served
     * (RFC 9155 deprecates them; TLS 1.3 never uses them).
     */
    private static List<SignatureScheme> schemes(PropertySource src, String property, DisabledAlgorithms disabled,
            boolean handshake) {
        Optional<List<SignatureScheme>> named = NameList.parse(property, src.system().apply(property),
                SignatureScheme::fromName);
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
        TRACE.warning(() -> "ignoring " + property + "=" + v + ": not a number in 1.." + max + "; using " + fallback);
        return fallback;
    }

    private static <T> List<T> filter(List<T> values, Predicate<T> keep) {
        return values.stream().filter(keep).toList();
    }
}
