package dev.bastion.tls.engine;

import dev.bastion.tls.codec.IdentityMemo;
import dev.bastion.tls.connection.config.EngineSettings;
import dev.bastion.tls.connection.config.NewerSslParameters;
import dev.bastion.tls.connection.config.PolicyAlgorithmConstraints;
import dev.bastion.tls.connection.config.Protocol;
import dev.bastion.tls.connection.config.SunJsseSuiteNames;
import dev.bastion.tls.connection.config.TlsDefaults;
import dev.bastion.tls.connection.config.TlsPolicy;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.ServerNames;
import dev.bastion.tls.session.SessionParameters;
import java.security.AlgorithmConstraints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLParameters;

/**
 * The JSSE settings of one engine, with SunJSSE's rules: names are validated when set
 * (an unknown protocol or suite is {@link IllegalArgumentException}; a name SunJSSE knows
 * but Bastion does not implement, TLSv1 or a CBC suite ({@link SunJsseSuiteNames}), is
 * accepted and kept as set, so the getters return it, but never offered or negotiated); until the application
 * sets the protocol or suite lists, switching client/server mode switches to that side's
 * defaults; {@code setNeedClientAuth} and {@code setWantClientAuth} override each other; a
 * client's default server name is its peer host when that is a dotted host name (not an IP
 * address, not {@code localhost}), without a trailing dot ("example.com." sends
 * "example.com", as SunJSSE: {@link ServerNames#fromPeerHost}). Not thread-safe; the engine
 * guards it.
 */
final class EngineParameters {
    private static final String[] NO_NAMES = new String[0];
    /**
     * The name arrays of the policies' default lists, shared by every engine (each engine
     * copies on get and replaces on set, never writes into them): an idle engine should not
     * carry its own copy of a list it never changed. Keyed by content; bounded.
     */
    private static final Map<List<?>, String[]> DEFAULT_NAMES = new ConcurrentHashMap<>();
    private static final int MAX_DEFAULT_NAMES = 64;
    private final TlsPolicy policy;
    private String peerHost;
    private boolean client;
    private boolean modeSet;
    private String[] protocols;
    private boolean protocolsSet;
    private String[] suites;
    private boolean suitesSet;
    private ClientAuth clientAuth = ClientAuth.NONE;
    private List<SNIServerName> serverNames;
    private Collection<SNIMatcher> sniMatchers;
    private String[] applicationProtocols = NO_NAMES;
    private String endpointIdentification;
    private AlgorithmConstraints constraints;
    private boolean useCipherSuitesOrder = true;
    private int maximumPacketSize = SessionParameters.DEFAULT_PACKET_BUFFER_SIZE;
    private boolean sessionCreation = true;
    /** {@code SSLParameters.setNamedGroups} (Java 20+); null: the context's groups. */
    private String[] namedGroups;
    /** {@code SSLParameters.setSignatureSchemes} (Java 19+); null: the context's schemes. */
    private String[] signatureSchemes;

    EngineParameters(TlsPolicy policy, String peerHost) {
        this.policy = policy;
        this.peerHost = peerHost;
        this.protocols = names(policy.protocols(false));
        this.suites = suiteNames(policy.suites(false));
    }

    boolean client() {
        return client;
    }

    /** The peer host a socket learned when it connected (its default server name, as for an engine's). */
    void setPeerHost(String host) {
        peerHost = host;
    }

    boolean modeSet() {
        return modeSet;
    }

    void setClient(boolean useClientMode) {
        if (useClientMode != client) {
            if (!protocolsSet) {
                protocols = names(policy.protocols(useClientMode));
            }
            if (!suitesSet) {
                suites = suiteNames(policy.suites(useClientMode));
            }
        }
        client = useClientMode;
        modeSet = true;
    }

    String[] supportedProtocols() {
        List<String> out = new ArrayList<>();
        for (Protocol p : Protocol.values()) {
            if (p.supported()) {
                out.add(p.jsseName());
            }
        }
        return out.toArray(new String[0]);
    }

    String[] supportedCipherSuites() {
        List<String> out = new ArrayList<>(List.of(suiteNames(policy.supportedSuites())));
        out.add(TlsDefaults.RENEGOTIATION_SCSV);
        return out.toArray(new String[0]);
    }

    String[] protocols() {
        return Arrays.copyOf(protocols, protocols.length);
    }

    String[] cipherSuites() {
        return Arrays.copyOf(suites, suites.length);
    }

    /** Validates first, then sets (SunJSSE's messages). */
    void setProtocols(String[] names) {
        validateProtocols(names);
        protocols = names.clone(); // a String[]: the same copy as Arrays.copyOf, without its reflective array creation
        protocolsSet = true;
    }

    void setCipherSuites(String[] names) {
        validateSuites(names);
        suites = names.clone();
        suitesSet = true;
    }

    private static void validateProtocols(String[] names) {
        if (names == null) {
            throw new IllegalArgumentException("Protocols cannot be null");
        }
        for (String n : names) {
            if (n == null || Protocol.fromName(n).isEmpty()) {
                throw new IllegalArgumentException("Unsupported protocol: " + n);
            }
        }
    }

    private static void validateSuites(String[] names) {
        if (names == null) {
            throw new IllegalArgumentException("CipherSuites cannot be null");
        }
        for (String n : names) {
            if (n == null || n.isEmpty()) {
                throw new IllegalArgumentException("The specified CipherSuites array contains invalid null or empty string elements");
            }
            if (CipherSuite.fromJsseName(n).isEmpty() && !SunJsseSuiteNames.knows(n)) {
                throw new IllegalArgumentException("Unsupported CipherSuite: " + n);
            }
        }
    }

    ClientAuth clientAuth() {
        return clientAuth;
    }

    void setNeedClientAuth(boolean need) {
        clientAuth = need ? ClientAuth.REQUIRED : ClientAuth.NONE;
    }

    void setWantClientAuth(boolean want) {
        clientAuth = want ? ClientAuth.WANTED : ClientAuth.NONE;
    }

    boolean sessionCreation() {
        return sessionCreation;
    }

    void setSessionCreation(boolean allowed) {
        sessionCreation = allowed;
    }

    String[] applicationProtocols() {
        return applicationProtocols.clone();
    }

    int maximumPacketSize() {
        return maximumPacketSize;
    }

    /**
     * A server socket's parameters: no maximum packet size until one is set (SunJSSE's server
     * sockets report 0); a socket it accepts has the default when this is still 0.
     */
    void forServerSocket() {
        maximumPacketSize = 0;
    }

    /** An accepted socket: the default maximum packet size when its server socket had none set. */
    void defaultPacketSizeIfUnset() {
        if (maximumPacketSize == 0) {
            maximumPacketSize = SessionParameters.DEFAULT_PACKET_BUFFER_SIZE;
        }
    }

    /** A snapshot, as {@code SSLEngine.getSSLParameters()} returns it. */
    SSLParameters toSSLParameters() {
        SSLParameters p = new SSLParameters(suites.clone(), protocols.clone());
        if (clientAuth == ClientAuth.REQUIRED) {
            p.setNeedClientAuth(true);
        } else if (clientAuth == ClientAuth.WANTED) {
            p.setWantClientAuth(true);
        }
        List<SNIServerName> names = effectiveServerNames();
        if (names != null) {
            p.setServerNames(names);
        }
        if (sniMatchers != null) {
            p.setSNIMatchers(sniMatchers);
        }
        p.setApplicationProtocols(applicationProtocols.clone());
        p.setEndpointIdentificationAlgorithm(endpointIdentification);
        // none set: the context's jdk.tls.disabledAlgorithms, as SunJSSE reports its own constraints rather than null
        p.setAlgorithmConstraints(constraints != null ? constraints : policy.algorithmConstraints());
        p.setUseCipherSuitesOrder(useCipherSuitesOrder);
        p.setMaximumPacketSize(maximumPacketSize);
        p.setEnableRetransmissions(false); // a DTLS setting; SunJSSE's TLS engines answer false
        // Java 20+: the groups in use, the context's unless set, as SunJSSE reports them; Java 19+:
        // the schemes the application set, else those jdk.tls.*.SignatureSchemes names, else none (as SunJSSE)
        NewerSslParameters.setNamedGroups(p, namedGroups != null ? namedGroups.clone() : groupNames(policy).clone());
        if (signatureSchemes != null) {
            NewerSslParameters.setSignatureSchemes(p, signatureSchemes.clone());
        } else if (!policy.schemeProperty(client).isEmpty()) {
            NewerSslParameters.setSignatureSchemes(p, policy.schemeProperty(client).toArray(new String[0]));
        }
        return p;
    }

    /** The names of the context's named groups, as {@code SSLParameters.getNamedGroups} gives them (Java 20+). */
    static String[] groupNames(TlsPolicy policy) {
        return GROUP_NAMES.get(policy.groups(), 0);
    }

    /**
     * What a handshake reads of these parameters, without the copies of {@link #toSSLParameters}:
     * the arrays are this object's own, which it replaces on set and never writes into.
     */
    EngineSettings handshakeSettings() {
        return new EngineSettings(protocols, suites, applicationProtocols, effectiveServerNames(), sniMatchers,
                useCipherSuitesOrder, constraints, namedGroups, signatureSchemes, maximumPacketSize);
    }

    /** Applies {@code p} as {@code SSLEngine.setSSLParameters} specifies; nothing changes if a name is refused. */
    void apply(SSLParameters p) {
        String[] newSuites = p.getCipherSuites();
        String[] newProtocols = p.getProtocols();
        if (newSuites != null) {
            validateSuites(newSuites);
        }
        if (newProtocols != null) {
            validateProtocols(newProtocols);
        }
        if (newSuites != null) {
            setCipherSuites(newSuites);
        }
        if (newProtocols != null) {
            setProtocols(newProtocols);
        }
        if (p.getNeedClientAuth()) {
            setNeedClientAuth(true);
        } else {
            setWantClientAuth(p.getWantClientAuth());
        }
        if (p.getServerNames() != null) {
            serverNames = List.copyOf(p.getServerNames());
        }
        if (p.getSNIMatchers() != null) {
            sniMatchers = List.copyOf(p.getSNIMatchers());
        }
        applicationProtocols = p.getApplicationProtocols();
        // as SunJSSE (SSLConfiguration.setSSLParameters): null leaves the current value
        if (p.getEndpointIdentificationAlgorithm() != null) {
            endpointIdentification = p.getEndpointIdentificationAlgorithm();
        }
        if (p.getAlgorithmConstraints() != null) { // null keeps the current ones (SunJSSE)
            // the reported defaults handed back mean "none set": the handshake applies them anyway
            constraints = p.getAlgorithmConstraints() instanceof PolicyAlgorithmConstraints ? null
                    : p.getAlgorithmConstraints();
        }
        useCipherSuitesOrder = p.getUseCipherSuitesOrder();
        maximumPacketSize = p.getMaximumPacketSize();
        // as SunJSSE: no named groups means the context's again; no schemes leaves the schemes as they were
        String[] groups = NewerSslParameters.namedGroups(p);
        namedGroups = groups == null || Arrays.equals(groups, groupNames(policy)) ? null : groups.clone();
        String[] schemes = NewerSslParameters.signatureSchemes(p);
        if (schemes != null) {
            signatureSchemes = schemes.clone();
        }
    }

    /** The names a client sends: set by the application, else derived from the peer host; null for none. */
    private List<SNIServerName> effectiveServerNames() {
        if (serverNames != null) {
            return serverNames;
        }
        if (!client) {
            return null;
        }
        return ServerNames.fromPeerHost(peerHost).<List<SNIServerName>>map(List::of).orElse(null);
    }

    private static String[] names(List<Protocol> list) {
        return PROTOCOL_NAMES.get(list, 0);
    }

    private static String[] suiteNames(List<CipherSuite> list) {
        return SUITE_NAMES.get(list, 0);
    }

    /*
     * In front of DEFAULT_NAMES, by identity: the policy's lists are immutable and the same
     * objects for every engine of a context, so an engine need not hash them to find the names.
     */
    private static final IdentityMemo<List<Protocol>, String[]> PROTOCOL_NAMES = new IdentityMemo<>(8,
            (list, unused) -> shared(list, () -> list.stream().map(Protocol::jsseName).toArray(String[]::new)));
    private static final IdentityMemo<List<CipherSuite>, String[]> SUITE_NAMES = new IdentityMemo<>(8,
            (list, unused) -> shared(list, () -> list.stream().map(CipherSuite::jsseName).toArray(String[]::new)));

    private static final IdentityMemo<List<NamedGroup>, String[]> GROUP_NAMES = new IdentityMemo<>(8,
            (list, unused) -> shared(list, () -> list.stream().map(NamedGroup::jsseName).toArray(String[]::new)));

    private static String[] shared(List<?> list, Supplier<String[]> names) {
        String[] known = DEFAULT_NAMES.get(list);
        if (known != null) {
            return known;
        }
        if (DEFAULT_NAMES.size() >= MAX_DEFAULT_NAMES) {
            DEFAULT_NAMES.clear();
        }
        String[] made = names.get();
        DEFAULT_NAMES.put(List.copyOf(list), made);
        return made;
    }
}
