package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.SharedLists;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;

/**
 * What the handshakes of both versions share about resumption: the session's clock, the
 * {@link SessionState} of a negotiated session, and the checks every resumption makes (RFC 8446
 * §4.6.1, RFC 6066 §3: a session resumes only for the server name it was made for; RFC 8446
 * §4.2.11: a PSK only with a suite of its hash).
 */
public final class SessionStates {
    /**
     * The tolerance of the TLS 1.3 ticket age check (RFC 8446 §8.3): the client's view of a
     * ticket's age (from its obfuscated_ticket_age) may exceed the server's by this much, in
     * milliseconds, plus {@link #TICKET_AGE_RATE_TOLERANCE} of the server's age, before the
     * ticket is refused: a round trip, and clocks that run at slightly different rates. A
     * client's age may be any amount below the server's: a client takes in a NewSessionTicket
     * only when it next reads, which may be long after the server sent it (an idle pooled
     * connection), and its age counts from then.
     */
    public static final long TICKET_AGE_TOLERANCE_MILLIS = 10_000;

    /** The share of the server's ticket age by which a client's clock may have run faster (0.1 %). */
    public static final double TICKET_AGE_RATE_TOLERANCE = 0.001;

    private SessionStates() {
    }

    /** The time by the session context's clock (the system clock without one). */
    public static long now(HandshakeIo io) {
        return io.sessions().map(SessionContext::now).orElseGet(System::currentTimeMillis);
    }

    /** The first host name among {@code names}, lower case; "" for none. */
    public static String serverName(List<SNIServerName> names) {
        for (SNIServerName n : names) {
            if (n instanceof SNIHostName) {
                return ((SNIHostName) n).getAsciiName().toLowerCase(Locale.ROOT);
            }
        }
        return "";
    }

    /**
     * The state of the session {@code n} negotiated.
     *
     * @param id the TLS 1.2 session id, or the client's identifier of a TLS 1.3 session
     * @param secret the master secret or PSK (copied)
     */
    public static SessionState of(Negotiated n, byte[] id, byte[] secret, boolean extendedMasterSecret) {
        return new SessionState(n.version(), n.cipherSuite().orElseThrow().code(), id, secret, n.creationTime(),
                extendedMasterSecret, serverName(n.requestedServerNames()), n.peerCertificates(), n.localCertificates());
    }

    /**
     * {@link #of(Negotiated, byte[], byte[], boolean)} that also keeps the signature schemes of
     * the handshake (what {@code SSLSessionContext.getSession(id)} shows of a cached session):
     * this side's from {@code config}, as the handshake session reports them, and the peer's.
     */
    public static SessionState of(HandshakeConfig config, Negotiated n, byte[] id, byte[] secret,
            boolean extendedMasterSecret) {
        return of(n, id, secret, extendedMasterSecret).withSignatureSchemes(localSchemes(config),
                n.peerSignatureSchemes());
    }

    /** The names last built per side (client, server), for the lists they were built from. */
    private static final LocalNames[] LOCAL_NAMES = new LocalNames[2];

    private record LocalNames(List<SignatureScheme> schemes, List<SignatureScheme> certificateSchemes, List<String> names) {
    }

    /**
     * RFC names of the schemes this side accepts (for signatures, then for certificates), shared
     * by content. Every connection of a context has the same two lists (its policy's), so the
     * names are remembered per side for the lists last seen (a racing write only costs a rebuild).
     */
    private static List<String> localSchemes(HandshakeConfig config) {
        int side = config.client() ? 0 : 1;
        LocalNames m = LOCAL_NAMES[side];
        if (m == null || m.schemes() != config.signatureSchemes() || m.certificateSchemes() != config.certificateSchemes()) {
            Set<String> names = new LinkedHashSet<>();
            config.signatureSchemes().forEach(s -> names.add(s.rfcName()));
            config.certificateSchemes().forEach(s -> names.add(s.rfcName()));
            m = new LocalNames(config.signatureSchemes(), config.certificateSchemes(), SharedLists.of(new ArrayList<>(names)));
            LOCAL_NAMES[side] = m;
        }
        return m.names();
    }

    /** Whether {@code s} was made for the server name requested now (both none, or the same host name). */
    public static boolean sameServerName(SessionState s, List<SNIServerName> requested) {
        return s.serverName().equals(serverName(requested));
    }

    /** The suite of {@code s}, when this configuration still enables it. */
    public static Optional<CipherSuite> enabledSuite(SessionState s, HandshakeConfig config) {
        return CipherSuite.fromCode(s.cipherSuite()).filter(config.cipherSuites()::contains);
    }

    /**
     * What a session shows when resumed: the version, suite, certificates and peer signature
     * schemes of {@code s} (a client's: the server's CertificateRequest of the full handshake,
     * as SunJSSE keeps them; a server replaces them with the new ClientHello's), its creation
     * time, and the server names of this handshake.
     */
    public static Negotiated resumed(SessionState s, CipherSuite suite, List<SNIServerName> requested) {
        return Negotiated.NONE.withVersion(s.version()).withCipherSuite(suite).withRequestedServerNames(requested)
                .withPeerCertificates(s.peerCertificates()).withLocalCertificates(s.localCertificates())
                .withPeerSignatureSchemes(s.peerSignatureSchemes()).resumedFrom(s.creationTime());
    }
}
