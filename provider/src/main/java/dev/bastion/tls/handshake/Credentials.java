package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.TlsAlert;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * The decisions a handshake hands to the application's JSSE objects: which certificate to
 * present (the {@code X509ExtendedKeyManager}), whether the peer's chain is trusted (the
 * {@code X509ExtendedTrustManager}, so endpoint identification sees the engine or socket),
 * and which application protocol to pick (the handshake ALPN selector). The JSSE adapter
 * implements it; tests use fixed answers.
 */
public interface Credentials {

    /**
     * The server's certificate and key, trying {@code keyTypes} in order (JSSE key type names:
     * {@code "EC"}, {@code "RSA"}, {@code "RSASSA-PSS"}, {@code "EdDSA"}); empty when none fits.
     */
    Optional<LocalCredential> chooseServerCredential(List<String> keyTypes, List<Principal> issuers);

    /**
     * Every certificate and key the key manager holds for {@code keyType} ({@code getServerAliases}
     * or, with {@code client}, {@code getClientAliases}), for when the chosen one's key fits none
     * of the schemes both sides accept: a TLS 1.3 ECDSA scheme names its curve (RFC 8446 §4.2.3),
     * which a JSSE key type ("EC") cannot say. Only a key for the chosen certificate's identity
     * stands in ({@link Negotiator#fitting}). Empty by default.
     */
    default List<LocalCredential> credentialsOfType(String keyType, List<Principal> issuers, boolean client) {
        return List.of();
    }

    /**
     * Why the key manager's last choice was not used, when it was refused (its key is too small
     * for {@code jdk.tls.disabledAlgorithms}, say): handshake failure messages add it, since the
     * key manager's answer alone does not show why no certificate could be used. Empty by default.
     */
    default Optional<String> refusedChoice() {
        return Optional.empty();
    }

    /** The client's certificate and key for a CertificateRequest; empty to send no certificate. */
    Optional<LocalCredential> chooseClientCredential(List<String> keyTypes, List<Principal> issuers);

    /**
     * Server: the subjects (DER X.501 names) of the CAs the trust manager accepts for client
     * certificates ({@code getAcceptedIssuers()}), in its order, without repeats; empty without a
     * trust manager. A CertificateRequest names them (RFC 8446 §4.2.4, RFC 5246 §7.4.4) so that a
     * client holding several certificates picks one this server will trust, as SunJSSE's does.
     */
    List<byte[]> acceptedIssuers();

    /**
     * Checks the server's chain ({@code chain[0]} is the server's certificate).
     *
     * @throws TlsAlert {@code bad_certificate}, {@code certificate_expired},
     *     {@code certificate_unknown} ... when the trust manager rejects it
     */
    void checkServerTrusted(X509Certificate[] chain, String authType);

    /** Checks a client's chain; see {@link #checkServerTrusted}. */
    void checkClientTrusted(X509Certificate[] chain, String authType);

    /**
     * Server, when the client offered ALPN: the answer of the application's handshake
     * selector ({@code setHandshakeApplicationProtocolSelector}) to the client's offer.
     * {@code Optional.of("")} means the selector chose to negotiate no protocol; a selector
     * that finds no acceptable protocol throws {@code no_application_protocol}. Empty when the
     * application set no selector: the handshake then picks, in server order, the first of
     * {@link HandshakeConfig#applicationProtocols()} that the client offered, and sends
     * {@code no_application_protocol} when there is none (RFC 7301 §3.2).
     */
    Optional<String> selectApplicationProtocol(List<String> offered);

    /**
     * Server, when stapling is on and the client asked for an OCSP response (status_request,
     * RFC 6066 §8): the DER OCSPResponse to staple for {@code chain.get(0)}, asked of its CA's
     * responder with the client's {@code requestExtensions} (DER, possibly empty) or taken from
     * a cache; empty when there is none to staple. Never fails the handshake: a responder that
     * does not answer in time, or answers badly, means no staple. May block for the responder
     * (the connection core runs it in the handshake step, an {@code SSLEngine}'s delegated task).
     */
    default Optional<byte[]> ocspStaple(List<X509Certificate> chain, byte[] requestExtensions) {
        return Optional.empty();
    }
}
