package dev.bastion.tls.session;

import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIServerName;

/**
 * What a session knows about its connection, in JSSE terms (names, certificates, sizes): an
 * immutable snapshot that {@link BastionSession} swaps as the handshake learns more.
 *
 * @param protocol {@code "TLSv1.3"}, {@code "TLSv1.2"}, or {@code "NONE"} before negotiation
 * @param cipherSuite the standard suite name, or {@code "SSL_NULL_WITH_NULL_NULL"} before negotiation
 * @param namedGroup the key exchange group's name ({@code "X25519MLKEM768"}, {@code "x25519"}),
 *     or {@code ""} when none was agreed (yet)
 * @param localCertificates the chain this side presented; empty for none
 * @param peerCertificates the chain the peer presented; empty for none
 * @param requestedServerNames the SNI names the client sent
 * @param localSignatureAlgorithms JCA names ({@code SHA256withECDSA}, {@code RSASSA-PSS}) of the
 *     schemes this side accepts, as {@code ExtendedSSLSession} reports them
 * @param peerSignatureAlgorithms JCA names of the schemes the peer sent
 * @param packetBufferSize the largest record the connection may receive, header included
 * @param applicationBufferSize the room an {@code unwrap} destination needs for one record
 * @param resumed whether the handshake resumed the session rather than creating it
 * @param statusResponses the OCSP responses (DER) the server stapled, one per certificate of its
 *     chain (empty arrays for certificates without one); empty when none was stapled
 */
public record SessionParameters(
        String protocol,
        String cipherSuite,
        String namedGroup,
        List<X509Certificate> localCertificates,
        List<X509Certificate> peerCertificates,
        List<SNIServerName> requestedServerNames,
        List<String> localSignatureAlgorithms,
        List<String> peerSignatureAlgorithms,
        int packetBufferSize,
        int applicationBufferSize,
        boolean resumed,
        List<byte[]> statusResponses) {

    /** {@code getPacketBufferSize()} before and during negotiation; SunJSSE 17 answers the same. */
    public static final int DEFAULT_PACKET_BUFFER_SIZE = 16709;
    /** {@code getApplicationBufferSize()} before negotiation; SunJSSE 17 answers the same. */
    public static final int DEFAULT_APPLICATION_BUFFER_SIZE = 16704;

    /** Nothing negotiated: SunJSSE's "null session" answers. */
    public static final SessionParameters NONE = new SessionParameters("NONE", "SSL_NULL_WITH_NULL_NULL", "",
            List.of(), List.of(), List.of(), List.of(), List.of(),
            DEFAULT_PACKET_BUFFER_SIZE, DEFAULT_APPLICATION_BUFFER_SIZE, false);

    public SessionParameters {
        localCertificates = List.copyOf(localCertificates);
        peerCertificates = List.copyOf(peerCertificates);
        requestedServerNames = List.copyOf(requestedServerNames);
        localSignatureAlgorithms = List.copyOf(localSignatureAlgorithms);
        peerSignatureAlgorithms = List.copyOf(peerSignatureAlgorithms);
        if (packetBufferSize <= 0 || applicationBufferSize <= 0) {
            throw new IllegalArgumentException("buffer sizes must be positive");
        }
        statusResponses = List.copyOf(statusResponses);
    }

    /** Without stapled OCSP responses. */
    public SessionParameters(String protocol, String cipherSuite, String namedGroup, List<X509Certificate> localCertificates,
            List<X509Certificate> peerCertificates, List<SNIServerName> requestedServerNames,
            List<String> localSignatureAlgorithms, List<String> peerSignatureAlgorithms, int packetBufferSize,
            int applicationBufferSize, boolean resumed) {
        this(protocol, cipherSuite, namedGroup, localCertificates, peerCertificates, requestedServerNames,
                localSignatureAlgorithms, peerSignatureAlgorithms, packetBufferSize, applicationBufferSize, resumed, List.of());
    }

    /** Whether a protocol has been agreed. */
    public boolean negotiated() {
        return !"NONE".equals(protocol);
    }
}
