package dev.bastion.tls.engine;

import dev.bastion.tls.codec.IdentityMemo;
import dev.bastion.tls.codec.SharedLists;
import dev.bastion.tls.connection.ConnectionListener;
import dev.bastion.tls.crypto.AeadAlgorithm;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.session.BastionSession;
import dev.bastion.tls.session.KeyingMaterial;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionParameters;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The engine's sessions: SunJSSE's null session before the handshake, the handshake session
 * while it runs ({@code getHandshakeSession()}, which trust and key managers read for the
 * requested server names and signature algorithms), and the negotiated session after it. The
 * handshake's {@link Negotiated} values are turned into the JSSE vocabulary here: signature
 * schemes become JCA names ({@code SHA256withECDSA}, {@code RSASSA-PSS}), as SunJSSE reports
 * them and as the JDK's trust manager expects when it checks a chain's algorithms.
 */
final class EngineSessions implements ConnectionListener {
    /** {@code getApplicationBufferSize()} after a TLS 1.3 handshake, SunJSSE 17's answer (≥ 2^14 + 1 + padding room). */
    static final int TLS13_APPLICATION_BUFFER_SIZE = 16676;

    /**
     * What {@code getSession()} answers before the handshake completed, made at the first such
     * call: one per connection, as SunJSSE's, so that values an application puts into it
     * ({@code putValue}, binding listeners) stay with that connection. Dropped when the
     * handshake completes.
     */
    private volatile BastionSession nullSession;
    private static final Memo NO_NAMES = new Memo(List.of(), List.of());
    /** Client and server slot; a racing write only costs a rebuild (the memo is immutable). */
    private static final LocalMemo[] LOCAL_NAMES = new LocalMemo[2];
    /**
     * The JCA names of a peer's scheme names, remembered for the last few lists: the lists come
     * from {@code Negotiator.schemeNames}, shared by content, so peers with the same defaults
     * hand over the same list.
     */
    private static final IdentityMemo<List<String>, List<String>> PEER_JCA_NAMES = new IdentityMemo<>(8,
            (schemes, unused) -> jcaNames(schemes.stream().map(SignatureScheme::fromName)
                    .flatMap(Optional::stream).toList()));
    private volatile HandshakeConfig config;
    private volatile SSLSessionContext context;
    private volatile BastionSession handshake;
    private volatile Negotiated sofar = Negotiated.NONE;
    /** The exporter the handshake gave and its bytes, handed to the session when the handshake completes. */
    private KeyingMaterial exporter;
    private byte[] exporterMaterial;
    private volatile BastionSession current;
    private volatile String applicationProtocol;
    // the JCA names of this side's schemes (fixed by the configuration) and of the peer's last
    // list: the handshake session is updated several times with the same lists
    private volatile List<String> localNames = List.of();
    private volatile Memo peerNames = NO_NAMES;

    private record Memo(List<String> schemes, List<String> names) {
    }

    private record LocalMemo(List<SignatureScheme> schemes, List<SignatureScheme> certificateSchemes,
            List<String> names) {
    }

    /**
     * The handshake began with {@code config}: a handshake session exists from now on, for the
     * peer host and port the configuration names (a socket learns them only when it connects).
     */
    void begin(HandshakeConfig config, SSLSessionContext context, SecureRandom random) {
        this.config = config;
        this.context = context;
        this.localNames = localNames(config);
        this.handshake = BastionSession.withRandomId(random, config.peerHost().orElse(null), config.peerPort(), context,
                parameters(Negotiated.NONE));
    }

    /**
     * The handshake learned more. A TLS 1.2 session is identified by the ServerHello's
     * session_id ({@code getId()}), a TLS 1.3 client's by the id its tickets are kept under, so
     * when the handshake reports one the handshake session is replaced by one with that id
     * (before any key or trust manager has seen it: they are asked after the ServerHello). The
     * session's creation time is the handshake's (a resumed session's is its first handshake's).
     */
    @Override
    public void handshakeSession(Negotiated negotiated) {
        BastionSession s = handshake;
        if (s == null) {
            return;
        }
        sofar = negotiated;
        byte[] id = negotiated.sessionId().toByteArray();
        if (id.length > 0 && !s.hasId(id)) {
            s = new BastionSession(id, config.peerHost().orElse(null), config.peerPort(), context,
                    parameters(negotiated));
            handshake = s;
        } else {
            s.update(parameters(negotiated));
        }
        if (negotiated.creationTime() != 0) {
            s.setCreationTime(negotiated.creationTime());
        }
    }

    /** The context given to {@link #begin}, when it is Bastion's (where resumption looks). */
    @Override
    public SessionContext sessionContext() {
        SSLSessionContext c = context;
        return c instanceof SessionContext ? (SessionContext) c : null;
    }

    @Override
    public void keyingMaterial(KeyingMaterial exporter, byte[] material) {
        this.exporter = exporter;
        this.exporterMaterial = material;
    }

    @Override
    public void complete(Negotiated result) {
        handshakeSession(result);
        BastionSession s = handshake;
        s.touch();
        s.keyingMaterial(exporter, exporterMaterial);
        exporter = null;
        exporterMaterial = null;
        applicationProtocol = result.applicationProtocol().orElse("");
        current = s;
        handshake = null;
        nullSession = null;
        // an idle connection keeps nothing of the handshake's (its session has what it reports)
        peerNames = NO_NAMES;
        sofar = Negotiated.NONE;
        config = null;

    }

    /**
     * A fatal alert ended the connection: neither its session nor, when the handshake was
     * resuming one, the session it resumed can be resumed again, as in SunJSSE (RFC 5246
     * §7.2.2). A handshake session that has not learned its version yet names no cached session.
     */
    @Override
    public void failed() {
        BastionSession s = current;
        if (s != null) {
            s.invalidate();
        }
        BastionSession h = handshake;
        if (h != null && sofar.version() != 0) {
            h.invalidate();
        }
    }

    /** The negotiated session, or the null session before the handshake completed. */
    SSLSession session() {
        BastionSession s = current;
        if (s != null) {
            return s;
        }
        BastionSession n = nullSession;
        if (n == null) {
            synchronized (this) {
                n = nullSession;
                if (n == null) {
                    nullSession = n = BastionSession.nullSession();
                }
            }
        }
        return n;
    }

    /**
     * The session being negotiated, as SunJSSE shows it: from the moment the peer's hello has
     * been processed (the version is known; the server's key manager and the client's trust
     * manager are asked after that) until the handshake ends; null before, after, and once
     * {@code failed} (SunJSSE's answer after a failed handshake).
     */
    SSLSession handshakeSession(boolean failed) {
        BastionSession s = handshake;
        return s == null || failed || sofar.version() == 0 ? null : s;
    }

    /** Null until the handshake completed; then the ALPN result or "" for none. */
    String applicationProtocol() {
        return applicationProtocol;
    }

    /** During the handshake, once the peer's hello is processed: the ALPN choice or ""; else null. */
    String handshakeApplicationProtocol() {
        Negotiated n = sofar;
        return handshake != null && n.cipherSuite().isPresent() ? n.applicationProtocol().orElse("") : null;
    }

    private SessionParameters parameters(Negotiated n) {
        HandshakeConfig config = this.config;
        List<SNIServerName> requested = n.requestedServerNames();
        if (requested.isEmpty() && config.client() && config.serverNameExtension()) {
            requested = config.serverNames();
        }
        return new SessionParameters(
                n.protocolName(),
                n.cipherSuite().map(CipherSuite::jsseName).orElse(SessionParameters.NONE.cipherSuite()),
                n.group().map(NamedGroup::jsseName).orElse(""),
                n.localCertificates(),
                n.peerCertificates(),
                requested,
                localNames,
                peerNames(n.peerSignatureSchemes()),
                SessionParameters.DEFAULT_PACKET_BUFFER_SIZE,
                applicationBufferSize(n.version(), n.cipherSuite()),
                n.resumed(),
                n.statusResponses());
    }

    /**
     * {@code getApplicationBufferSize()} as SunJSSE 17 answers it: its TLS 1.3 figure; in TLS 1.2
     * the packet size less header, explicit nonce (AES-GCM) and tag: 16680 for AES-GCM, 16688
     * for ChaCha20-Poly1305; before negotiation its default.
     */
    static int applicationBufferSize(int version, Optional<CipherSuite> suite) {
        if (version == HandshakeConfig.TLS13) {
            return TLS13_APPLICATION_BUFFER_SIZE;
        }
        if (version == HandshakeConfig.TLS12 && suite.isPresent()) {
            boolean gcm = suite.get().aead() != AeadAlgorithm.CHACHA20_POLY1305;
            return SessionParameters.DEFAULT_PACKET_BUFFER_SIZE - 5 - AeadAlgorithm.TAG_LENGTH - (gcm ? 8 : 0);
        }
        return SessionParameters.DEFAULT_APPLICATION_BUFFER_SIZE;
    }

    private List<String> peerNames(List<String> schemes) {
        Memo m = peerNames;
        if (m.schemes() != schemes) {
            m = new Memo(schemes, PEER_JCA_NAMES.get(schemes, 0));
            peerNames = m;
        }
        return m.names();
    }

    /**
     * The JCA names of this side's schemes, remembered per side for the lists last seen: every
     * engine of a context has the same two lists (its policy's), so a handshake seldom builds them.
     */
    private static List<String> localNames(HandshakeConfig config) {
        int side = config.client() ? 0 : 1;
        LocalMemo m = LOCAL_NAMES[side];
        if (m == null || m.schemes() != config.signatureSchemes() || m.certificateSchemes() != config.certificateSchemes()) {
            m = new LocalMemo(config.signatureSchemes(), config.certificateSchemes(), jcaNames(localSchemes(config)));
            LOCAL_NAMES[side] = m;
        }
        return m.names();
    }

    private static List<SignatureScheme> localSchemes(HandshakeConfig config) {
        Set<SignatureScheme> all = new LinkedHashSet<>(config.signatureSchemes());
        all.addAll(config.certificateSchemes());
        return new ArrayList<>(all);
    }

    /**
     * The JCA names of {@code schemes}. Sessions keep these lists, and nearly every connection
     * has the same ones (our configuration, the peer's defaults), so they are shared by content.
     */
    private static List<String> jcaNames(List<SignatureScheme> schemes) {
        return SharedLists.of(schemes.stream().map(SignatureScheme::jcaAlgorithm).toList());
    }
}
