package dev.bastion.tls.connection.config;

import dev.bastion.tls.codec.SharedLists;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.MaxFragmentLengths;
import dev.bastion.tls.handshake.Tls12Options;
import dev.bastion.tls.message.ext.ExtensionType;
import java.security.AlgorithmConstraints;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLParameters;

/**
 * Builds the {@link HandshakeConfig} of one handshake from the context's {@link TlsPolicy}
 * and the engine's {@link SSLParameters} at the moment the handshake starts.
 *
 * <p>Enabled protocols are kept only when implemented, not disabled and left with a usable
 * suite (SunJSSE's "active" protocols: a client enabling TLS 1.3 and TLS 1.2 but only TLS 1.2
 * suites offers TLS 1.2 alone); enabled suites only when known, not disabled, and usable with a
 * remaining protocol (a TLS 1.2 suite needs TLS 1.2). When nothing is left the handshake fails
 * as SunJSSE's does:
 * {@code handshake_failure}, "No appropriate protocol (protocol is disabled or cipher suites
 * are inappropriate)".
 */
public final class HandshakeConfigs {
    static final String NO_APPROPRIATE_PROTOCOL =
            "No appropriate protocol (protocol is disabled or cipher suites are inappropriate)";

    private HandshakeConfigs() {
    }

    /**
     * @param params the engine's parameters: protocols, suites, ALPN, server names, SNI matchers,
     *     cipher suite order, and named groups and signature schemes when the application set them
     * @param peerHost the host the application named, or null
     * @throws TlsAlert {@code handshake_failure} when no protocol or no suite is left
     */
    public static HandshakeConfig build(TlsPolicy policy, boolean client, SSLParameters params, String peerHost,
            int peerPort, ClientAuth clientAuth) {
        return build(policy, client, EngineSettings.of(params), peerHost, peerPort, clientAuth);
    }

    /**
     * As {@link #build(TlsPolicy, boolean, SSLParameters, String, int, ClientAuth)}, from the
     * settings themselves.
     */
    public static HandshakeConfig build(TlsPolicy policy, boolean client, EngineSettings params, String peerHost,
            int peerPort, ClientAuth clientAuth) {
        HandshakeConfig known = ConfigMemo.get(policy, client, params, peerHost, peerPort, clientAuth);
        if (known != null) {
            return known;
        }
        HandshakeConfig made = make(policy, client, params, peerHost, peerPort, clientAuth);
        ConfigMemo.put(policy, client, params, peerHost, peerPort, clientAuth, made);
        return made;
    }

    private static HandshakeConfig make(TlsPolicy policy, boolean client, EngineSettings params, String peerHost,
            int peerPort, ClientAuth clientAuth) {
        Usable usable = usable(policy, params.protocols(), params.cipherSuites());
        List<Integer> versions = usable.versions;
        List<CipherSuite> suites = usable.suites;
        List<NamedGroup> groups = policy.groups();
        List<NamedGroup> keyShares = policy.keyShareGroups();
        if (params.namedGroups() != null) { // SSLParameters.setNamedGroups (Java 20+)
            groups = TlsPolicy.namedGroups(params.namedGroups(), policy.disabled());
            keyShares = TlsDefaults.keyShareGroups(groups);
        }
        List<SignatureScheme> schemes = client ? policy.clientSchemes() : policy.serverSchemes();
        List<SignatureScheme> certificateSchemes = client ? policy.clientCertificateSchemes()
                : policy.serverCertificateSchemes();
        if (params.signatureSchemes() != null) { // SSLParameters.setSignatureSchemes (Java 19+)
            schemes = TlsPolicy.namedSchemes(params.signatureSchemes(), policy.disabled(), true);
            certificateSchemes = TlsPolicy.namedSchemes(params.signatureSchemes(), policy.disabled(), false);
        }
        AlgorithmConstraints constraints = params.algorithmConstraints();
        if (constraints != null) {
            List<CipherSuite> permitted = ApplicationConstraints.suites(constraints, suites);
            suites = permitted;
            versions = versions.stream().filter(v -> permitted.stream()
                    .anyMatch(s -> (s.isTls13() ? Protocol.TLS13 : Protocol.TLS12).code() == v)).toList();
            groups = ApplicationConstraints.groups(constraints, groups);
            keyShares = keyShares.stream().filter(groups::contains).toList();
            if (keyShares.isEmpty()) {
                keyShares = TlsDefaults.keyShareGroups(groups);
            }
            schemes = ApplicationConstraints.schemes(constraints, schemes);
            certificateSchemes = ApplicationConstraints.schemes(constraints, certificateSchemes);
        }
        Set<ExtensionType> off = policy.disabledExtensions().side(client);
        if (client && !off.isEmpty() && TLS13_NEEDS.stream().anyMatch(off::contains)) {
            versions = versions.stream().filter(v -> v != Protocol.TLS13.code()).toList();
            suites = suites.stream().filter(x -> !x.isTls13()).toList();
        }
        if (versions.isEmpty() || suites.isEmpty()) {
            throw TlsAlert.handshakeFailure(NO_APPROPRIATE_PROTOCOL + "; enabled protocols "
                    + Arrays.toString(params.protocols()) + ", " + suites.size() + " usable cipher suite(s)");
        }
        return new HandshakeConfig(
                client,
                versions,
                suites,
                groups,
                keyShares,
                schemes,
                certificateSchemes,
                off.contains(ExtensionType.APPLICATION_LAYER_PROTOCOL_NEGOTIATION) ? List.of()
                        : AlpnCharset.toWire(List.of(params.applicationProtocols()), policy.alpnCharset()),
                Optional.ofNullable(peerHost),
                peerPort,
                // not SharedLists: SNIHostName.equals ignores case, and the spelling asked for is the one sent
                params.serverNames() == null ? List.of() : List.copyOf(params.serverNames()),
                !client || (policy.clientSni() && !off.contains(ExtensionType.SERVER_NAME)),
                params.sniMatchers() == null ? List.of() : List.copyOf(params.sniMatchers()),
                client ? ClientAuth.NONE : clientAuth,
                params.useCipherSuitesOrder(),
                policy.middleboxCompatibility(),
                (client ? policy.statusRequest() : policy.serverStatusRequest())
                        && !off.contains(ExtensionType.STATUS_REQUEST),
                client && policy.clientCaExtension() && !off.contains(ExtensionType.CERTIFICATE_AUTHORITIES),
                policy.maxHandshakeMessageSize(),
                policy.maxPeerChainLength(client),
                client && off.contains(ExtensionType.EXTENDED_MASTER_SECRET) ? withoutEms(policy.tls12()) : policy.tls12(),
                off,
                client && policy.clientMaxFragmentLength() && !off.contains(ExtensionType.MAX_FRAGMENT_LENGTH)
                        ? MaxFragmentLengths.request(params.maximumPacketSize()) : 0,
                true);
    }

    /**
     * Extensions a TLS 1.3 ClientHello must carry (RFC 8446 §9.2): a client that has disabled one
     * of them offers TLS 1.2 alone. (SunJSSE would send a TLS 1.3 hello without it, which TLS 1.3
     * servers refuse.)
     */
    static final List<ExtensionType> TLS13_NEEDS = List.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE,
            ExtensionType.SUPPORTED_GROUPS, ExtensionType.SIGNATURE_ALGORITHMS);

    /** A client without extended_master_secret offers none, as with {@code jdk.tls.useExtendedMasterSecret=false}. */
    private static Tls12Options withoutEms(Tls12Options o) {
        return new Tls12Options(false, o.allowLegacyMasterSecret(), o.minDhPrimeBits(), o.allowLegacyResumption(),
                o.ephemeralDhBits(), o.customDhe());
    }

    /**
     * The protocols and suites of {@code enabledProtocols} and {@code enabledSuites} that can be
     * negotiated under {@code policy}: a pure function of the three, remembered for the last
     * few inputs because every connection of a context usually asks with the same arrays
     * (filtering some thirty suite names cost a few per cent of a resumed handshake).
     */
    private static Usable usable(TlsPolicy policy, String[] enabledProtocols, String[] enabledSuites) {
        int slot = (System.identityHashCode(policy) ^ Arrays.hashCode(enabledProtocols) * 31
                ^ Arrays.hashCode(enabledSuites)) & (MEMO.length - 1);
        Usable m = MEMO[slot];
        if (m != null && m.policy == policy && Arrays.equals(m.enabledProtocols, enabledProtocols)
                && Arrays.equals(m.enabledSuites, enabledSuites)) {
            return m;
        }
        List<Integer> enabled = versions(policy, enabledProtocols);
        List<CipherSuite> suites = suites(policy, enabledSuites, enabled);
        List<Integer> versions = enabled.stream()
                .filter(v -> suites.stream().anyMatch(s -> (s.isTls13() ? Protocol.TLS13 : Protocol.TLS12).code() == v))
                .toList();
        m = new Usable(policy, enabledProtocols == null ? null : enabledProtocols.clone(),
                enabledSuites == null ? null : enabledSuites.clone(), SharedLists.of(versions), SharedLists.of(suites));
        MEMO[slot] = m;
        return m;
    }

    /** What {@link #usable} found for one policy and pair of arrays (the arrays are private copies). */
    private record Usable(TlsPolicy policy, String[] enabledProtocols, String[] enabledSuites, List<Integer> versions,
            List<CipherSuite> suites) {
    }

    /** Racy by design: an entry is immutable and complete, and a lost write only costs a recomputation. */
    private static final Usable[] MEMO = new Usable[8];

    /** Wire codes of the enabled protocols that can be negotiated, highest first. */
    static List<Integer> versions(TlsPolicy policy, String[] enabled) {
        List<Integer> out = new ArrayList<>();
        for (String name : enabled == null ? new String[0] : enabled) {
            Protocol.fromName(name)
                    .filter(p -> p.implemented() && policy.disabled().permits(p) && !out.contains(p.code()))
                    .ifPresent(p -> out.add(p.code()));
        }
        out.sort(Comparator.reverseOrder());
        return out;
    }

    /** The enabled suites that are known, not disabled and usable with one of {@code versions}. */
    static List<CipherSuite> suites(TlsPolicy policy, String[] enabled, List<Integer> versions) {
        List<CipherSuite> out = new ArrayList<>();
        for (String name : enabled == null ? new String[0] : enabled) {
            Optional<CipherSuite> s = CipherSuite.fromJsseName(name);
            if (s.isPresent() && !out.contains(s.get()) && policy.disabled().permits(s.get())
                    && versions.contains(s.get().isTls13() ? Protocol.TLS13.code() : Protocol.TLS12.code())) {
                out.add(s.get());
            }
        }
        return out;
    }
}
