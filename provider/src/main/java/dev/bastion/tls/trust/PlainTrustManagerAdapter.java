package dev.bastion.tls.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** A plain trust manager, called first, then endpoint identification. */
final class PlainTrustManagerAdapter extends X509ExtendedTrustManager {
    private final X509TrustManager tm;

    PlainTrustManagerAdapter(X509TrustManager tm) {
        this.tm = tm;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        tm.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        tm.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return tm.getAcceptedIssuers();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        tm.checkClientTrusted(chain, authType);
        identify(EndpointIdentity.of(socket), false, chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        tm.checkServerTrusted(chain, authType);
        identify(EndpointIdentity.of(socket), true, chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        tm.checkClientTrusted(chain, authType);
        identify(EndpointIdentity.of(engine), false, chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        tm.checkServerTrusted(chain, authType);
        identify(EndpointIdentity.of(engine), true, chain);
    }

    /** A null engine or an unconnected socket has no algorithm: no identification, as SunJSSE. */
    private static void identify(EndpointIdentity.Connection c, boolean checkingServer, X509Certificate[] chain)
            throws CertificateException {
        EndpointIdentity.check(c.algorithm(), c.session(), checkingServer, chain[0]);
    }
}
