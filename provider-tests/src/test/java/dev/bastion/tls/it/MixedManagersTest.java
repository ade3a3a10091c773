package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;

/**
 * An application that mixes providers: SunJSSE's own key and trust managers inside Bastion
 * contexts (they read Bastion's handshake sessions: requested server names, signature
 * algorithms, peer host, status responses), and Bastion's managers inside SunJSSE contexts.
 * The server holds two certificates and must pick the one for the requested name; the client
 * checks the name ("HTTPS").
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
        SSLEngine c = client.createSSLEngine(host, 443);
        c.setUseClientMode(true);
        SSLParameters p = c.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName(host)));
        p.setProtocols(new String[] {"TLSv1.3"});
        c.setSSLParameters(p);
        return new EnginePair(c, server.createSSLEngine());
    }

    private static String cn(SSLSession s, boolean peer) throws Exception {
        X509Certificate cert = (X509Certificate) (peer ? s.getPeerCertificates()[0] : s.getLocalCertificates()[0]);
        return cert.getSubjectX500Principal().getName();
    }

    @Test
    void sunJsseManagersInBastionContexts() throws Exception {
        Map<String, Object> seenByTrust = new LinkedHashMap<>();
        Map<String, Object> seenByKeys = new LinkedHashMap<>();
        List<String> events = new ArrayList<>();
        X509ExtendedTrustManager sunTrust = (X509ExtendedTrustManager) trustManagers("SunJSSE")[0];
        X509ExtendedKeyManager sunKeys = (X509ExtendedKeyManager) keyManagers("SunJSSE", Credentials.get().namedServers(A, B))[0];
        SSLContext client = context("Bastion", keyManagers("SunJSSE", Credentials.get().keyStore(KeyType.EC_P256, false)),
                new TrustManager[] {recordingTrust(sunTrust, seenByTrust, events)});
        SSLContext server = context("Bastion", new KeyManager[] {recordingKeys(sunKeys, seenByKeys)}, trustManagers("SunJSSE"));

        EnginePair ok = pair(client, server, B);
        ok.server.setNeedClientAuth(true);
        ok.handshake();
        assertEquals("CN=" + B, cn(ok.server.getSession(), false), "SunJSSE's key manager chose by Bastion's SNI");
        assertEquals("CN=Bastion Test Client", cn(ok.server.getSession(), true), "SunJSSE's managers on both sides of client auth");
        assertEquals("CN=" + B, cn(ok.client.getSession(), true));
        assertEquals("TLSv1.3", seenByTrust.get("protocol"));
        assertEquals(List.of(new SNIHostName(B)), seenByTrust.get("requested"));
        assertEquals(B + ":443", seenByTrust.get("peer"));
        assertEquals(List.of(), seenByTrust.get("status"));
        assertTrue(((List<?>) seenByTrust.get("local")).contains("SHA256withECDSA"), seenByTrust.toString());
        assertEquals(List.of(new SNIHostName(B)), seenByKeys.get("requested"));
        assertTrue(((List<?>) seenByKeys.get("peer")).contains("SHA256withECDSA"), seenByKeys.toString());
        assertSame(ok.client.getSession(), seenByTrust.get("session"), "the handshake session becomes the session");
        assertEquals("kept", ok.client.getSession().getValue("mark"), "values put during the handshake stay");
        assertInstanceOf(SSLSessionBindingListener.class, ok.client.getSession().getValue("listener"));
        ok.client.getSession().removeValue("listener");
        assertEquals(List.of("bound listener", "unbound listener"), events);

        EnginePair wrongName = pair(client, server, "c.bastion.test");
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, wrongName::handshake);
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
                ExtendedSSLSession s = (ExtendedSSLSession) engine.getHandshakeSession();
                seen.put("session", s);
                seen.put("protocol", s.getProtocol());
                seen.put("requested", s.getRequestedServerNames());
                seen.put("peer", s.getPeerHost() + ":" + s.getPeerPort());
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
                tm.checkServerTrusted(chain, authType, engine);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                tm.checkClientTrusted(chain, authType, engine);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
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
        return new X509ExtendedKeyManager() {
            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                ExtendedSSLSession s = (ExtendedSSLSession) engine.getHandshakeSession();
                seen.put("requested", s.getRequestedServerNames());
                seen.put("peer", List.of(s.getPeerSupportedSignatureAlgorithms()));
                return km.chooseEngineServerAlias(keyType, issuers, engine);
            }

            @Override
            public String[] getClientAliases(String keyType, Principal[] issuers) {
                return km.getClientAliases(keyType, issuers);
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return km.chooseClientAlias(keyType, issuers, socket);
            }

            @Override
            public String[] getServerAliases(String keyType, Principal[] issuers) {
                return km.getServerAliases(keyType, issuers);
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return km.chooseServerAlias(keyType, issuers, socket);
            }

            @Override
            public X509Certificate[] getCertificateChain(String alias) {
                return km.getCertificateChain(alias);
            }

            @Override
            public PrivateKey getPrivateKey(String alias) {
                return km.getPrivateKey(alias);
            }
        };
    }
}
