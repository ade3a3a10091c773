package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.connection.Handshakers;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.spi.BastionSSLContext;
import dev.bastion.tls.testutil.TestCert;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code jdk.tls.client.enableCAExtension=true} (default false, as SunJSSE): a TLS 1.3 client
 * names the CAs its trust manager accepts in certificate_authorities, and the server's key
 * manager is given them as the issuers to choose a certificate by (RFC 8446 §4.2.4). TLS 1.2
 * ClientHellos do not carry it, as SunJSSE's do not.
 */
class ClientCaExtensionTest {
    private static final char[] PW = "pw".toCharArray();
    private static TestCert.Issued ca;
    private static TestCert.Issued otherCa;
    private static TestCert.Issued leaf;

    @BeforeAll
    static void pki() throws Exception {
        ca = TestCert.ca("CN=CA Extension Test CA");
        otherCa = TestCert.ca("CN=CA Extension Other CA");
        leaf = TestCert.of("CN=localhost").issuer(ca).dns("localhost").issue();
    }

    @Test
    void offByDefault() throws Exception {
        assertNull(issuersSeen(Map.of(), "TLSv1.3"), "no certificate_authorities: the key manager gets null issuers");
    }

    @Test
    void tls13ClientNamesItsTrustAnchors() throws Exception {
        List<String> seen = issuersSeen(Map.of("jdk.tls.client.enableCAExtension", "true"), "TLSv1.3");
        assertEquals(2, seen.size(), String.valueOf(seen));
        assertEquals(Set.of("CN=CA Extension Test CA", "CN=CA Extension Other CA"), Set.copyOf(seen));
    }

    @Test
    void tls12ClientHelloDoesNotCarryIt() throws Exception {
        assertNull(issuersSeen(Map.of("jdk.tls.client.enableCAExtension", "true"), "TLSv1.2"));
    }

    /** The issuers the server's key manager was asked with, as names; null when it got none. */
    private static List<String> issuersSeen(Map<String, String> clientProps, String protocol) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.cert());
        trust.setCertificateEntry("other", otherCa.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        SSLContext client = context(clientProps);
        client.init(null, tmf.getTrustManagers(), null);

        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
        kmf.init(leaf.keyStore("k", PW, ca.cert()), PW);
        Recording km = new Recording((X509ExtendedKeyManager) kmf.getKeyManagers()[0]);
        SSLContext server = context(Map.of());
        server.init(new javax.net.ssl.KeyManager[] {km}, null, null);

        SSLEngine c = client.createSSLEngine("localhost", 443);
        c.setUseClientMode(true);
        c.setEnabledProtocols(new String[] {protocol});
        SSLEngine s = server.createSSLEngine();
        s.setUseClientMode(false);
        Engines.pump(c, s);
        assertEquals(protocol, c.getSession().getProtocol());
        return km.issuers == null ? null : Arrays.stream(km.issuers).map(Principal::getName).toList();
    }

    private static SSLContext context(Map<String, String> props) {
        return new SSLContext(new BastionSSLContext("TLS", PropertySource.of(props, Map.of()), Handshakers.STANDARD),
                new BastionProvider(), "TLS") { };
    }

    /** Notes the issuers a server key choice was asked with. */
    private static final class Recording extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager delegate;
        volatile Principal[] issuers;

        Recording(X509ExtendedKeyManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            this.issuers = issuers;
            return delegate.chooseEngineServerAlias(keyType, issuers, engine);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return delegate.getClientAliases(keyType, issuers);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseClientAlias(keyType, issuers, socket);
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return delegate.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return delegate.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return delegate.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return delegate.getPrivateKey(alias);
        }
    }
}
