package dev.bastion.tls.connection.config;

import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.HandshakeConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/**
 * The last few {@link HandshakeConfig}s {@link HandshakeConfigs#build} made, by their inputs:
 * the configuration is a pure function of the (immutable) policy, the side, the engine's
 * settings, the peer and the client-auth mode, and every connection of a context usually asks
 * with the same ones, so rebuilding it (its lists, the ALPN wire names, the checks) was a few per
 * cent of a resumed handshake. A {@link HandshakeConfig} is immutable and may be shared.
 *
 * <p>Only settings without algorithm constraints (an application's {@code AlgorithmConstraints}
 * is asked afresh each time) and without SNI matchers are remembered. Server names are compared
 * by class, type and exact name, not by {@link SNIHostName#equals}, which ignores case: the memo
 * adds no case folding of its own. The arrays are kept as private copies; each key has two
 * places, so that a context's client and server side hashing alike do not evict each other.
 */
final class ConfigMemo {
    /** Racy by design: an entry is immutable and complete, and a lost write only costs a rebuild. */
    private static final Entry[] SLOTS = new Entry[16];

    private ConfigMemo() {
    }

    private record Entry(TlsPolicy policy, boolean client, ClientAuth clientAuth, String peerHost, int peerPort,
            String[] protocols, String[] cipherSuites, String[] applicationProtocols, List<SNIServerName> serverNames,
            boolean useCipherSuitesOrder, String[] namedGroups, String[] signatureSchemes,
            int maximumPacketSize, HandshakeConfig config) {
    }

    /** Without algorithm constraints or SNI matchers (null and empty build the same). */
    private static boolean cacheable(EngineSettings s) {
        return s.algorithmConstraints() == null && (s.sniMatchers() == null || s.sniMatchers().isEmpty());
    }

    /** The configuration built before for exactly these inputs, or null. */
    static HandshakeConfig get(TlsPolicy policy, boolean client, EngineSettings s, String peerHost, int peerPort,
            ClientAuth clientAuth) {
        int first = slot(policy, client, peerHost, peerPort);
        HandshakeConfig found = match(SLOTS[first], policy, client, s, peerHost, peerPort, clientAuth);
        return found != null ? found
                : match(SLOTS[(first + 1) & (SLOTS.length - 1)], policy, client, s, peerHost, peerPort, clientAuth);
    }

    private static HandshakeConfig match(Entry e, TlsPolicy policy, boolean client, EngineSettings s, String peerHost,
            int peerPort, ClientAuth clientAuth) {
        if (e == null || e.policy != policy || e.client != client || e.clientAuth != clientAuth
                || e.peerPort != peerPort || !Objects.equals(e.peerHost, peerHost)
                || e.useCipherSuitesOrder != s.useCipherSuitesOrder() || e.maximumPacketSize != s.maximumPacketSize()
                || !cacheable(s)
                || !Arrays.equals(e.protocols, s.protocols()) || !Arrays.equals(e.cipherSuites, s.cipherSuites())
                || !Arrays.equals(e.applicationProtocols, s.applicationProtocols())
                || !Arrays.equals(e.namedGroups, s.namedGroups()) || !Arrays.equals(e.signatureSchemes, s.signatureSchemes())
                || !sameNames(e.serverNames, s.serverNames())) {
            return null;
        }
        return e.config;
    }

    static void put(TlsPolicy policy, boolean client, EngineSettings s, String peerHost, int peerPort,
            ClientAuth clientAuth, HandshakeConfig config) {
        if (!cacheable(s)) {
            return;
        }
        int first = slot(policy, client, peerHost, peerPort);
        int second = (first + 1) & (SLOTS.length - 1);
        int at = SLOTS[first] == null || SLOTS[second] != null ? first : second;
        SLOTS[at] = new Entry(policy, client, clientAuth, peerHost, peerPort,
                copy(s.protocols()), copy(s.cipherSuites()), copy(s.applicationProtocols()),
                s.serverNames() == null ? null : List.copyOf(s.serverNames()),
                s.useCipherSuitesOrder(), copy(s.namedGroups()), copy(s.signatureSchemes()), s.maximumPacketSize(),
                config);
    }

    private static int slot(TlsPolicy policy, boolean client, String peerHost, int peerPort) {
        int h = System.identityHashCode(policy) * 31 + (client ? 1 : 0);
        h = h * 31 + (peerHost == null ? 0 : peerHost.hashCode());
        h = h * 31 + peerPort;
        h ^= h >>> 16;
        return h & (SLOTS.length - 1);
    }

    private static String[] copy(String[] a) {
        return a == null ? null : a.clone();
    }

    private static boolean sameNames(List<SNIServerName> kept, List<SNIServerName> asked) {
        if (kept == null || asked == null) {
            return kept == asked;
        }
        if (kept.size() != asked.size()) {
            return false;
        }
        for (int i = 0; i < kept.size(); i++) {
            SNIServerName a = kept.get(i);
            SNIServerName b = asked.get(i);
            if (a.getClass() != b.getClass() || a.getType() != b.getType()) {
                return false;
            }
            boolean same = a instanceof SNIHostName
                    ? ((SNIHostName) a).getAsciiName().equals(((SNIHostName) b).getAsciiName())
                    : Arrays.equals(a.getEncoded(), b.getEncoded());
            if (!same) {
                return false;
            }
        }
        return true;
    }
}
