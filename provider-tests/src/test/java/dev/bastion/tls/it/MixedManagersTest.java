package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.DelegatingKeyManager;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An application that mixes providers: SunJSSE's own key and trust managers inside Bastion
 * contexts (they read Bastion's handshake sessions: requested server names, signature
 * algorithms, peer host, status responses), and Bastion's managers inside SunJSSE contexts.
 * The server holds two certificates and must pick the one for the requested name; the client
 * checks the name ("HTTPS"). SunJSSE's managers in Bastion contexts run on engines and on
 * sockets, in TLS 1.3 and 1.2.
 */
class MixedManagersTest {
    private static final String A = "a.bastion.test";
    private static final String B = "b.bastion.test";

    static {
        Providers.install();
    }

    private static KeyManager[] keyManagers(String provider, KeyStore ks) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", provider);
        kmf.init(ks, Credentials.PASSWORD);
        return kmf.getKeyManagers();
    }

    private static TrustManager[] trustManagers(String provider) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", provider);
        tmf.init(Credentials.get().trustStore());
        return tmf.getTrustManagers();
    }

    private static SSLContext context(String provider, KeyManager[] km, TrustManager[] tm) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", provider);
        ctx.init(km, tm, null);
        return ctx;
    }

    private static EnginePair pair(SSLContext client, SSLContext server, String host) {
        return pair(client, server, host, "TLSv1.3");
    }

    private static EnginePair pair(SSLContext client, SSLContext server, String host, String version) {
        SSLEngine c = client.createSSLEngine(host, 443);
        c.setUseClientMode(true);
        c.setSSLParameters(clientParameters(c.getSSLParameters(), host, version));
        return new EnginePair(c, server.createSSLEngine());
    }

    private static SSLParameters clientParameters(SSLParameters p, String host, String version) {
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName(host)));
        p.setProtocols(new String[] {version});
        return p;
    }

    /** The client's and the server's session after a handshake with client authentication. */
    private record Sessions(SSLSession client, SSLSession server) {
    }

    /**
     * A handshake with client authentication over engines, or over sockets on the loopback
     * interface (the client socket layered over a plain one, naming {@code host}).
     */
    private static Sessions handshake(boolean sockets, SSLContext client, SSLContext server, String host,
            String version) throws Exception {
        if (!sockets) {
            EnginePair p = pair(client, server, host, version);
            p.server.setNeedClientAuth(true);
            p.handshake();
            return new Sessions(p.client.getSession(), p.server.getSession());
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 5,
                InetAddress.getLoopbackAddress())) {
            listener.setNeedClientAuth(true);
            listener.setSoTimeout(20_000);
            Future<SSLSession> accepted = pool.submit(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(20_000);
                    s.getOutputStream().write(s.getInputStream().read());
                    s.getOutputStream().flush();
                    return s.getSession();
                }
            });
            Socket plain = new Socket();
            plain.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 10_000);
            try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket(plain, host, listener.getLocalPort(), true)) {
                c.setSoTimeout(20_000);
                c.setSSLParameters(clientParameters(c.getSSLParameters(), host, version));
                try {
                    c.startHandshake();
                } catch (IOException e) {
                    c.close();
                    try {
                        accepted.get(20, TimeUnit.SECONDS);
                    } catch (ExecutionException expected) {
                        // the server side fails with the client's alert
                    }
                    throw e;
                }
                c.getOutputStream().write(7);
                c.getOutputStream().flush();
                assertEquals(7, c.getInputStream().read());
                return new Sessions(c.getSession(), accepted.get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
        }
    }

    static Stream<Arguments> versionsAndTransports() {
        List<Arguments> out = new ArrayList<>();
        for (String v : List.of("TLSv1.3", "TLSv1.2")) {
            for (boolean sockets : new boolean[] {false, true}) {
                out.add(Arguments.of(v, sockets));
            }
        }
        return out.stream();
    }

    private static String cn(SSLSession s, boolean peer) throws Exception {
        X509Certificate cert = (X509Certificate) (peer ? s.getPeerCertificates()[0] : s.getLocalCertificates()[0]);
        return cert.getSubjectX500Principal().getName();
    }

    /**
     * SunJSSE's managers read Bastion's handshake sessions through {@code getHandshakeSession()}
     * of the engine, or of the socket (which is what they are given on sockets), in TLS 1.3 and
     * TLS 1.2, with client authentication.
     */
    @ParameterizedTest(name = "{0}, sockets {1}")
    @MethodSource("versionsAndTransports")
    void sunJsseManagersInBastionContexts(String version, boolean sockets) throws Exception {
        Map<String, Object> seenByTrust = new LinkedHashMap<>();
        Map<String, Object> seenByKeys = new LinkedHashMap<>();
        List<String> events = new ArrayList<>();
        X509ExtendedTrustManager sunTrust = (X509ExtendedTrustManager) trustManagers("SunJSSE")[0];
        X509ExtendedKeyManager sunKeys = (X509ExtendedKeyManager) keyManagers("SunJSSE", Credentials.get().namedServers(A, B))[0];
        SSLContext client = context("Bastion", keyManagers("SunJSSE", Credentials.get().keyStore(KeyType.EC_P256, false)),
                new TrustManager[] {recordingTrust(sunTrust, seenByTrust, events)});
        SSLContext server = context("Bastion", new KeyManager[] {recordingKeys(sunKeys, seenByKeys)}, trustManagers("SunJSSE"));

        Sessions ok = handshake(sockets, client, server, B, version);
        assertEquals(version, ok.server().getProtocol());
        assertEquals("CN=" + B, cn(ok.server(), false), "SunJSSE's key manager chose by Bastion's SNI");
        assertEquals("CN=Bastion Test Client", cn(ok.server(), true), "SunJSSE's managers on both sides of client auth");
        assertEquals("CN=" + B, cn(ok.client(), true));
        assertEquals(sockets ? "socket" : "engine", seenByTrust.get("via"));
        assertEquals(sockets ? "socket" : "engine", seenByKeys.get("via"));
        assertEquals(version, seenByTrust.get("protocol"));
        assertEquals(List.of(new SNIHostName(B)), seenByTrust.get("requested"));
        assertEquals(B, seenByTrust.get("peerHost"));
        assertTrue((Integer) seenByTrust.get("peerPort") > 0, seenByTrust.toString());
        assertEquals(List.of(), seenByTrust.get("status"));
        assertTrue(((List<?>) seenByTrust.get("local")).contains("SHA256withECDSA"), seenByTrust.toString());
        assertEquals(List.of(new SNIHostName(B)), seenByKeys.get("requested"));
        assertTrue(((List<?>) seenByKeys.get("peer")).contains("SHA256withECDSA"), seenByKeys.toString());
        assertSame(ok.client(), seenByTrust.get("session"), "the handshake session becomes the session");
        assertEquals("kept", ok.client().getValue("mark"), "values put during the handshake stay");
        assertInstanceOf(SSLSessionBindingListener.class, ok.client().getValue("listener"));
        ok.client().removeValue("listener");
        assertEquals(List.of("bound listener", "unbound listener"), events);

        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> handshake(sockets, client, server, "c.bastion.test", version));
        assertTrue(e.getMessage().contains("c.bastion.test"), e.getMessage());
    }

    @Test
    void bastionManagersInSunJsseContextsWithClientAuthentication() throws Exception {
        SSLContext client = context("SunJSSE", keyManagers("Bastion", Credentials.get().keyStore(KeyType.EC_P256, false)),
                trustManagers("Bastion"));
        SSLContext server = context("SunJSSE", keyManagers("Bastion", Credentials.get().namedServers(A, B)),
                trustManagers("Bastion"));
        assertInstanceOf(X509ExtendedTrustManager.class, trustManagers("Bastion")[0]);
        EnginePair p = pair(client, server, A);
        p.server.setNeedClientAuth(true);
        p.handshake();
        assertEquals("CN=" + A, cn(p.server.getSession(), false), "Bastion's key manager chose by SunJSSE's SNI");
        assertEquals("CN=Bastion Test Client", cn(p.server.getSession(), true));

        EnginePair wrongName = pair(client, server, "c.bastion.test");
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, wrongName::handshake);
        assertTrue(e.getMessage().contains("No subject alternative DNS name matching c.bastion.test found: the certificate "
                + "names DNS names ["), e.getMessage());
    }

    @Test
    void bastionManagersInBastionContexts() throws Exception {
        SSLContext client = context("Bastion", keyManagers("Bastion", Credentials.get().keyStore(KeyType.RSA, false)),
                trustManagers("Bastion"));
        SSLContext server = context("Bastion", keyManagers("Bastion", Credentials.get().namedServers(A, B)),
                trustManagers("Bastion"));
        EnginePair p = pair(client, server, B);
        p.server.setNeedClientAuth(true);
        p.handshake();
        assertEquals("CN=" + B, cn(p.client.getSession(), true));
        assertEquals("CN=Bastion Test Client", cn(p.server.getSession(), true));
        assertEquals("RSA", p.server.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm());
    }

    /** Delegates to {@code tm}; records what the client's handshake session answers while the server's chain is checked. */
    private static X509ExtendedTrustManager recordingTrust(X509ExtendedTrustManager tm, Map<String, Object> seen,
            List<String> events) {
        return new X509ExtendedTrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                record((ExtendedSSLSession) engine.getHandshakeSession(), "engine");
                tm.checkServerTrusted(chain, authType, engine);
            }

            private void record(ExtendedSSLSession s, String via) {
                seen.put("via", via);
                seen.put("session", s);
                seen.put("protocol", s.getProtocol());
                seen.put("requested", s.getRequestedServerNames());
                seen.put("peerHost", s.getPeerHost());
                seen.put("peerPort", s.getPeerPort());
                seen.put("status", s.getStatusResponses());
                seen.put("local", List.of(s.getLocalSupportedSignatureAlgorithms()));
                s.putValue("listener", new SSLSessionBindingListener() {
                    @Override
                    public void valueBound(SSLSessionBindingEvent event) {
                        events.add("bound " + event.getName());
                    }

                    @Override
                    public void valueUnbound(SSLSessionBindingEvent event) {
                        events.add("unbound " + event.getName());
                    }
                });
                s.putValue("mark", "kept");
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                tm.checkClientTrusted(chain, authType, engine);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                record((ExtendedSSLSession) ((SSLSocket) socket).getHandshakeSession(), "socket");
                tm.checkServerTrusted(chain, authType, socket);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                tm.checkClientTrusted(chain, authType, socket);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                tm.checkServerTrusted(chain, authType);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                tm.checkClientTrusted(chain, authType);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return tm.getAcceptedIssuers();
            }
        };
    }

    /** Delegates to {@code km}; records what the server's handshake session answers when the certificate is chosen. */
    private static X509ExtendedKeyManager recordingKeys(X509ExtendedKeyManager km, Map<String, Object> seen) {
        return new DelegatingKeyManager(km) {
            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                record((ExtendedSSLSession) engine.getHandshakeSession(), "engine");
                return super.chooseEngineServerAlias(keyType, issuers, engine);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                record((ExtendedSSLSession) ((SSLSocket) socket).getHandshakeSession(), "socket");
                return super.chooseServerAlias(keyType, issuers, socket);
            }

            private void record(ExtendedSSLSession s, String via) {
                seen.put("via", via);
                seen.put("requested", s.getRequestedServerNames());
                seen.put("peer", List.of(s.getPeerSupportedSignatureAlgorithms()));
            }
        };
    }
}
