package dev.bastion.tls.connection.config;

import dev.bastion.tls.codec.SharedLists;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.HandshakeConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
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
     *     cipher suite order
     * @param peerHost the host the application named, or null
     * @throws TlsAlert {@code handshake_failure} when no protocol or no suite is left
     */
    public static HandshakeConfig build(TlsPolicy policy, boolean client, SSLParameters params, String peerHost,
            int peerPort, ClientAuth clientAuth) {
        List<Integer> enabled = versions(policy, params.getProtocols());
        List<CipherSuite> suites = suites(policy, params.getCipherSuites(), enabled);
        List<Integer> versions = enabled.stream()
                .filter(v -> suites.stream().anyMatch(s -> (s.isTls13() ? Protocol.TLS13 : Protocol.TLS12).code() == v))
                .toList();
        if (versions.isEmpty() || suites.isEmpty()) {
            throw TlsAlert.handshakeFailure(NO_APPROPRIATE_PROTOCOL + "; enabled protocols "
                    + Arrays.toString(params.getProtocols()) + ", " + suites.size() + " usable cipher suite(s)");
        }
        return new HandshakeConfig(
                client,
                SharedLists.of(versions),
                SharedLists.of(suites),
                policy.groups(),
                policy.keyShareGroups(),
                client ? policy.clientSchemes() : policy.serverSchemes(),
                client ? policy.clientCertificateSchemes() : policy.serverCertificateSchemes(),
                List.of(params.getApplicationProtocols()),
                Optional.ofNullable(peerHost),
                peerPort,
                params.getServerNames() == null ? List.of() : SharedLists.of(params.getServerNames()),
                params.getSNIMatchers() == null ? List.of() : List.copyOf(params.getSNIMatchers()),
                client ? ClientAuth.NONE : clientAuth,
                params.getUseCipherSuitesOrder(),
                policy.middleboxCompatibility(),
                policy.maxHandshakeMessageSize(),
                policy.maxCertificateChainLength(),
                policy.tls12());
    }

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
