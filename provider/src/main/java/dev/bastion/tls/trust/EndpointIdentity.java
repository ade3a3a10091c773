package dev.bastion.tls.trust;

import java.net.Socket;
import java.security.AlgorithmConstraints;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;

/**
 * Endpoint identification as a trust manager performs it, from what the connection knows: the
 * algorithm from its {@code SSLParameters} ({@code "HTTPS"}, {@code "LDAPS"}; null or empty
 * for none) and the host from its handshake session. A client checks the server's certificate
 * against the SNI host name it requested, and, when the certificate does not name that one, the
 * peer host the application gave ({@code createSSLEngine(host, port)}, the socket's host), as
 * SunJSSE does; an IP literal is checked against IP address SANs. A server that asks for
 * identification checks the client's certificate against the client's peer host.
 */
final class EndpointIdentity {
    /**
     * The algorithm, the handshake session, and the application's algorithm constraints
     * ({@code SSLParameters.getAlgorithmConstraints}); all null when the connection is not known.
     */
    record Connection(String algorithm, SSLSession session, AlgorithmConstraints constraints) {
        static final Connection NONE = new Connection(null, null, null);

        static Connection of(SSLParameters parameters, SSLSession session) {
            return new Connection(parameters.getEndpointIdentificationAlgorithm(), session,
                    parameters.getAlgorithmConstraints());
        }
    }

    private EndpointIdentity() {
    }

    /** The connection of a socket-aware trust manager call (a connected {@link SSLSocket}; else none). */
    static Connection of(Socket socket) {
        if (socket instanceof SSLSocket && socket.isConnected()) {
            SSLSocket s = (SSLSocket) socket;
            return Connection.of(s.getSSLParameters(), s.getHandshakeSession());
        }
        return Connection.NONE;
    }

    /** The connection of an engine-aware trust manager call (none for a null engine). */
    static Connection of(SSLEngine engine) {
        if (engine == null) {
            return Connection.NONE;
        }
        return Connection.of(engine.getSSLParameters(), engine.getHandshakeSession());
    }

    /**
     * Checks {@code leaf} against the connection's host when {@code algorithm} asks for it.
     *
     * @param checkingServer true when a client checks the server's certificate
     * @throws CertificateException for an unknown algorithm, a missing session or host, or a mismatch
     */
    static void check(String algorithm, SSLSession session, boolean checkingServer, X509Certificate leaf)
            throws CertificateException {
        if (algorithm == null || algorithm.isEmpty()) {
            return;
        }
        if (!"HTTPS".equalsIgnoreCase(algorithm) && !"LDAPS".equalsIgnoreCase(algorithm) && !"LDAP".equalsIgnoreCase(algorithm)) {
            throw new CertificateException("unknown endpoint identification algorithm: " + algorithm + " (known: HTTPS, LDAPS)");
        }
        if (session == null) {
            throw new CertificateException("No handshake session: endpoint identification (" + algorithm
                    + ") needs the connection's handshake session to learn the host name");
        }
        String peerHost = session.getPeerHost();
        String serverName = checkingServer ? requestedHostName(session) : null;
        if (serverName == null) {
            HostnameChecker.check(peerHost, leaf);
            return;
        }
        try {
            HostnameChecker.check(serverName, leaf);
        } catch (CertificateException bySni) {
            if (peerHost == null || peerHost.isEmpty() || serverName.equalsIgnoreCase(peerHost)) {
                throw bySni;
            }
            try {
                HostnameChecker.check(peerHost, leaf);
            } catch (CertificateException byPeerHost) {
                CertificateException e = new CertificateException(bySni.getMessage() + "; nor does it name the peer host "
                        + peerHost);
                e.addSuppressed(byPeerHost);
                throw e;
            }
        }
    }

    /**
     * The host_name the client requested (SNI), in ASCII; null if none. A server name of that
     * type that is not an {@link SNIHostName} is read from its encoding.
     */
    private static String requestedHostName(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession)) {
            return null;
        }
        for (SNIServerName name : ((ExtendedSSLSession) session).getRequestedServerNames()) {
            if (name instanceof SNIHostName) {
                return ((SNIHostName) name).getAsciiName();
            }
            if (name != null && name.getType() == StandardConstants.SNI_HOST_NAME) {
                try {
                    return new SNIHostName(name.getEncoded()).getAsciiName();
                } catch (IllegalArgumentException e) {
                    return null; // not a host name: the peer host is used
                }
            }
        }
        return null;
    }
}
