package dev.bastion.tls.handshake;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Proof that the peer's chain was accepted by the application's trust manager. Only the two
 * methods that make the trust manager call create one, so a state that checks a signature
 * with {@link #publicKey()} cannot use a key nobody vouched for.
 */
public final class PeerVerified {
    /** The authType SunJSSE passes for TLS 1.3 server chains: digitalSignature is what matters. */
    public static final String TLS13_SERVER_AUTH_TYPE = "UNKNOWN";

    private final List<X509Certificate> chain;

    private PeerVerified(X509Certificate[] chain) {
        this.chain = List.of(chain);
    }

    /**
     * Asks {@link Credentials#checkServerTrusted} about a server's chain (non-empty).
     *
     * @throws dev.bastion.tls.codec.TlsAlert what the trust manager's refusal maps to
     */
    public static PeerVerified server(Credentials credentials, X509Certificate[] chain, String authType) {
        requireNonEmpty(chain);
        credentials.checkServerTrusted(chain.clone(), authType);
        return new PeerVerified(chain);
    }

    /**
     * Asks {@link Credentials#checkClientTrusted} about a client's chain (non-empty), with the
     * authType SunJSSE uses for TLS 1.3: the key algorithm for RSA, RSASSA-PSS, EC and DSA keys,
     * {@code "UNKNOWN"} for others.
     */
    public static PeerVerified client(Credentials credentials, X509Certificate[] chain) {
        requireNonEmpty(chain);
        credentials.checkClientTrusted(chain.clone(), clientAuthType(chain[0].getPublicKey()));
        return new PeerVerified(chain);
    }

    /** The chain, end-entity first. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The end-entity certificate's key. */
    public PublicKey publicKey() {
        return chain.get(0).getPublicKey();
    }

    @Override
    public String toString() {
        return "PeerVerified(" + chain.get(0).getSubjectX500Principal() + ")";
    }

    static String clientAuthType(PublicKey key) {
        String alg = key.getAlgorithm();
        switch (alg) {
            case "RSA":
            case "RSASSA-PSS":
            case "EC":
            case "DSA":
                return alg;
            default:
                return "UNKNOWN";
        }
    }

    private static void requireNonEmpty(X509Certificate[] chain) {
        if (chain.length == 0) {
            throw new IllegalArgumentException("an empty chain cannot be verified");
        }
    }
}
