package dev.bastion.tls.handshake;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.message.ext.Opaque;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SNIServerName;

/**
 * What a handshake agreed, so far ({@link HandshakeIo#handshakeSession}) or in the end
 * ({@link HandshakeIo#complete}). Fields not known yet are empty.
 *
 * @param version the protocol version's wire code (0x0304, 0x0303), or 0 before ServerHello
 * @param cipherSuite the suite, once chosen
 * @param group the key exchange group, when there was one
 * @param applicationProtocol the ALPN result; empty for none
 * @param localCertificates the chain we presented
 * @param peerCertificates the chain the peer presented
 * @param requestedServerNames the SNI names the client sent
 * @param peerSignatureSchemes the signature_algorithms the peer sent, as RFC names
 * @param resumed whether the session was resumed
 * @param sessionId the TLS 1.2 session id (ServerHello.session_id, RFC 5246 §7.4.1.3), empty when
 *     the server gave none; a TLS 1.3 client's identifier of its session (which it keeps its
 *     tickets under, the same on resumption); empty for a TLS 1.3 server
 * @param creationTime epoch milliseconds when the session began: when this handshake started,
 *     or for a resumed session when the full handshake that made it did; 0 while unknown
 * @param statusResponses a client's stapled OCSP responses (DER), one per certificate of the
 *     server's chain (empty for a certificate without one); empty when the server stapled none
 */
public record Negotiated(
        int version,
        Optional<CipherSuite> cipherSuite,
        Optional<NamedGroup> group,
        Optional<String> applicationProtocol,
        List<X509Certificate> localCertificates,
        List<X509Certificate> peerCertificates,
        List<SNIServerName> requestedServerNames,
        List<String> peerSignatureSchemes,
        boolean resumed,
        Opaque sessionId,
        long creationTime,
        List<byte[]> statusResponses) {

    /** Nothing agreed yet. */
    // one Optional per constant, shared: every connection keeps its Negotiated
    private static final List<Optional<CipherSuite>> SUITES = Arrays.stream(CipherSuite.values()).map(Optional::of).toList();
    private static final List<Optional<NamedGroup>> GROUPS = Arrays.stream(NamedGroup.values()).map(Optional::of).toList();

    public static final Negotiated NONE = new Negotiated(0, Optional.empty(), Optional.empty(), Optional.empty(),
            List.of(), List.of(), List.of(), List.of(), false, Opaque.EMPTY, 0, List.of());

    public Negotiated {
        localCertificates = List.copyOf(localCertificates);
        peerCertificates = List.copyOf(peerCertificates);
        requestedServerNames = List.copyOf(requestedServerNames);
        peerSignatureSchemes = List.copyOf(peerSignatureSchemes);
        Objects.requireNonNull(sessionId, "sessionId");
        statusResponses = List.copyOf(statusResponses);
    }

    /** Without a session id (TLS 1.3). */
    public Negotiated(int version, Optional<CipherSuite> cipherSuite, Optional<NamedGroup> group,
            Optional<String> applicationProtocol, List<X509Certificate> localCertificates,
            List<X509Certificate> peerCertificates, List<SNIServerName> requestedServerNames,
            List<String> peerSignatureSchemes, boolean resumed) {
        this(version, cipherSuite, group, applicationProtocol, localCertificates, peerCertificates,
                requestedServerNames, peerSignatureSchemes, resumed, Opaque.EMPTY, 0, List.of());
    }

    public Negotiated withVersion(int v) {
        return new Negotiated(v, cipherSuite, group, applicationProtocol, localCertificates, peerCertificates,
                requestedServerNames, peerSignatureSchemes, resumed, sessionId, creationTime, statusResponses);
    }

    public Negotiated withCipherSuite(CipherSuite suite) {
        return new Negotiated(version, SUITES.get(suite.ordinal()), group, applicationProtocol, localCertificates,
                peerCertificates, requestedServerNames, peerSignatureSchemes, resumed, sessionId, creationTime, statusResponses);
    }

    public Negotiated withGroup(NamedGroup g) {
        return new Negotiated(version, cipherSuite, GROUPS.get(g.ordinal()), applicationProtocol, localCertificates,
                peerCertificates, requestedServerNames, peerSignatureSchemes, resumed, sessionId, creationTime, statusResponses);
    }

    public Negotiated withApplicationProtocol(Optional<String> protocol) {
        return new Negotiated(version, cipherSuite, group, protocol, localCertificates, peerCertificates,
                requestedServerNames, peerSignatureSchemes, resumed, sessionId, creationTime, statusResponses);
    }

    public Negotiated withLocalCertificates(List<X509Certificate> chain) {
        return new Negotiated(version, cipherSuite, group, applicationProtocol, chain, peerCertificates,
                requestedServerNames, peerSignatureSchemes, resumed, sessionId, creationTime, statusResponses);
    }

    public Negotiated withPeerCertificates(List<X509Certificate> chain) {
        return new Negotiated(version, cipherSuite, group, applicationProtocol, localCertificates, chain,
                requestedServerNames, peerSignatureSchemes, resumed, sessionId, creationTime, statusResponses);
    }

    public Negotiated withRequestedServerNames(List<SNIServerName> names) {
        return new Negotiated(version, cipherSuite, group, applicationProtocol, localCertificates,
                peerCertificates, names, peerSignatureSchemes, resumed, sessionId, creationTime, statusResponses);
    }

    public Negotiated withPeerSignatureSchemes(List<String> schemes) {
        return new Negotiated(version, cipherSuite, group, applicationProtocol, localCertificates,
                peerCertificates, requestedServerNames, schemes, resumed, sessionId, creationTime, statusResponses);
    }

    public Negotiated withSessionId(Opaque id) {
        return new Negotiated(version, cipherSuite, group, applicationProtocol, localCertificates, peerCertificates,
                requestedServerNames, peerSignatureSchemes, resumed, id, creationTime, statusResponses);
    }

    /** When the session began (see {@link #creationTime()}). */
    public Negotiated withCreationTime(long time) {
        return new Negotiated(version, cipherSuite, group, applicationProtocol, localCertificates, peerCertificates,
                requestedServerNames, peerSignatureSchemes, resumed, sessionId, time, statusResponses);
    }

    /** A resumed session, which began at {@code originalCreationTime}. */
    public Negotiated resumedFrom(long originalCreationTime) {
        return new Negotiated(version, cipherSuite, group, applicationProtocol, localCertificates, peerCertificates,
                requestedServerNames, peerSignatureSchemes, true, sessionId, originalCreationTime, statusResponses);
    }

    /** The server's stapled OCSP responses (see {@link #statusResponses()}). */
    public Negotiated withStatusResponses(List<byte[]> responses) {
        return new Negotiated(version, cipherSuite, group, applicationProtocol, localCertificates, peerCertificates,
                requestedServerNames, peerSignatureSchemes, resumed, sessionId, creationTime, responses);
    }

    public String protocolName() {
        return switch (version) {
            case HandshakeConfig.TLS13 -> "TLSv1.3";
            case HandshakeConfig.TLS12 -> "TLSv1.2";
            default -> "NONE";
        };
    }
}
