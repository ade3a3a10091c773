package dev.bastion.tls.trust;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
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
        identify(socket, false, chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        tm.checkServerTrusted(chain, authType);
        identify(socket, true, chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        tm.checkClientTrusted(chain, authType);
        if (engine != null) {
            TrustManagers.identify(engine.getSSLParameters().getEndpointIdentificationAlgorithm(),
                    engine.getHandshakeSession(), false, chain[0]);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        tm.checkServerTrusted(chain, authType);
        if (engine != null) {
            TrustManagers.identify(engine.getSSLParameters().getEndpointIdentificationAlgorithm(),
                    engine.getHandshakeSession(), true, chain[0]);
        }
    }

    private static void identify(Socket socket, boolean checkingServer, X509Certificate[] chain) throws CertificateException {
        if (socket instanceof SSLSocket && socket.isConnected()) {
            SSLSocket s = (SSLSocket) socket;
            TrustManagers.identify(s.getSSLParameters().getEndpointIdentificationAlgorithm(),
                    s.getHandshakeSession(), checkingServer, chain[0]);
        }
    }
}
