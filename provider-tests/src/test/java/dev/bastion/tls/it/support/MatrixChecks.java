package dev.bastion.tls.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.it.support.Credentials.KeyType;
import java.security.cert.Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/** Settings and checks the engine matrices share. */
public final class MatrixChecks {
    /** The server name the matrices' clients send (the test certificates name it). */
    public static final String HOST = "localhost";

    private MatrixChecks() {
    }

    /**
     * A client and a server engine of the matrices: {@code protocol} and {@code suite} only,
     * ALPN h2 and http/1.1, SNI requested and checked, client authentication if asked.
     */
    public static EnginePair engines(String clientProvider, String serverProvider, String protocol, String suite,
            KeyType type, boolean clientAuth) throws Exception {
        SSLEngine client = Credentials.get().context(clientProvider, clientAuth ? type : null, false)
                .createSSLEngine(HOST, 443);
        SSLEngine server = Credentials.get().context(serverProvider, type, true).createSSLEngine();
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            SSLParameters p = e.getSSLParameters();
            p.setProtocols(new String[] {protocol});
            p.setCipherSuites(new String[] {suite});
            p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
            e.setSSLParameters(p);
        }
        requestSniAndCheckHost(client, server);
        server.setNeedClientAuth(clientAuth);
        return new EnginePair(client, server);
    }

    /**
     * The client sends {@link #HOST} as SNI (RFC 6066 §3) and checks the server's certificate
     * for it (HTTPS rules); the server accepts only that name (an {@code SNIMatcher}). A client
     * made with {@code createSSLEngine("localhost", 443)} sends no SNI on its own: SunJSSE
     * sends a peer host only when it has a dot.
     */
    public static void requestSniAndCheckHost(SSLEngine client, SSLEngine server) {
        SSLParameters cp = client.getSSLParameters();
        cp.setServerNames(List.of(new SNIHostName(HOST)));
        cp.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(cp);
        SSLParameters sp = server.getSSLParameters();
        sp.setSNIMatchers(List.of(SNIHostName.createSNIMatcher(HOST)));
        server.setSSLParameters(sp);
    }

    /** The server's session holds the name the client sent, and only that. */
    public static void assertServerSawSni(SSLEngine server) {
        List<SNIServerName> names = ((ExtendedSSLSession) server.getSession()).getRequestedServerNames();
        assertEquals(List.of(new SNIHostName(HOST)), names, "the server's requested server names");
    }

    /** {@code c} carries an EC key on P-384 (secp384r1). */
    public static void assertP384(Certificate c) {
        ECPublicKey k = (ECPublicKey) c.getPublicKey();
        assertEquals(384, k.getParams().getCurve().getField().getFieldSize(), "the certificate's curve");
    }
}
