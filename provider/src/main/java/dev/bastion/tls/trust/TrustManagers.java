package dev.bastion.tls.trust;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Chooses and adapts the trust manager of an {@code SSLContext}, as SunJSSE does: the first
 * {@link X509TrustManager} among those given; an {@link X509ExtendedTrustManager} is used as it
 * is, a plain one is wrapped so that the engine- and socket-aware methods call it and then
 * perform endpoint identification themselves ({@code "HTTPS"}/{@code "LDAPS"} from the
 * connection's {@code SSLParameters}, against the SNI host name the client sent or else the
 * peer host). Algorithm constraints are not re-checked for plain trust managers.
 */
public final class TrustManagers {
    private TrustManagers() {
    }

    /** The first X.509 trust manager in {@code managers}, made extended; null if there is none. */
    public static X509ExtendedTrustManager choose(TrustManager[] managers) {
        if (managers != null) {
            for (TrustManager m : managers) {
                if (m instanceof X509TrustManager) {
                    return extended((X509TrustManager) m);
                }
            }
        }
        return null;
    }

    /** {@code tm} itself if extended, else a wrapper (see the class comment). */
    public static X509ExtendedTrustManager extended(X509TrustManager tm) {
        Objects.requireNonNull(tm, "tm");
        return tm instanceof X509ExtendedTrustManager ? (X509ExtendedTrustManager) tm : new PlainTrustManagerAdapter(tm);
    }

    /**
     * Endpoint identification as the wrapper performs it (see {@link EndpointIdentity}).
     *
     * @param algorithm {@code SSLParameters.getEndpointIdentificationAlgorithm()}; null or empty
     *     for none
     * @param checkingServer true when a client checks the server's certificate
     */
    public static void identify(String algorithm, SSLSession session, boolean checkingServer, X509Certificate leaf)
            throws CertificateException {
        EndpointIdentity.check(algorithm, session, checkingServer, leaf);
    }
}
