package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.DelegatingKeyManager;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.Versions;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A key manager whose {@code choose*Alias} answers null declines to authenticate, even while it
 * lists entries of the asked key type: SunJSSE then sends no client certificate, and a server
 * whose key manager declines fails its handshake. An SNI-aware server key manager that refuses a
 * name, or a client key manager that keeps a certificate for some servers only, relies on it.
 */
class KeyManagerDeclinesTest {

    @BeforeAll
    static void install() {
        Providers.install();
    }

    static Stream<Arguments> cases() {
        return Versions.providersAndVersions();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aClientKeyManagerThatDeclinesSendsNoCertificate(String provider, String protocol) throws Exception {
        Credentials pki = Credentials.get();
        SSLContext client = declining(provider, pki.keyStore(KeyType.EC_P256, false));
        SSLContext server = pki.context(provider, KeyType.EC_P256, true);
        EnginePair pair = pair(client, server, protocol);
        pair.server.setWantClientAuth(true);
        pair.handshake();

        assertThrows(SSLPeerUnverifiedException.class, () -> pair.server.getSession().getPeerCertificates(),
                "the server received a certificate the client's key manager declined to choose");
        assertNull(pair.client.getSession().getLocalCertificates());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aServerKeyManagerThatDeclinesFailsTheHandshake(String provider, String protocol) throws Exception {
        Credentials pki = Credentials.get();
        SSLContext client = pki.context(provider, null, false);
        SSLContext server = declining(provider, pki.keyStore(KeyType.EC_P256, true));
        EnginePair pair = pair(client, server, protocol);

        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, pair::handshake);
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty(), "a message says why");
    }

    private static EnginePair pair(SSLContext client, SSLContext server, String protocol) {
        SSLEngine c = client.createSSLEngine("localhost", 443);
        c.setEnabledProtocols(new String[] {protocol});
        return new EnginePair(c, server.createSSLEngine());
    }

    /** A context whose key manager lists {@code keys}' entries but chooses none. */
    private static SSLContext declining(String provider, KeyStore keys) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", provider);
        kmf.init(keys, Credentials.PASSWORD);
        KeyManager km = new DelegatingKeyManager((X509ExtendedKeyManager) kmf.getKeyManagers()[0]) {
            @Override
            public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
                return null;
            }

            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                return null;
            }

            @Override
            public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
                return null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return null;
            }
        };
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", provider);
        tmf.init(Credentials.get().trustStore());
        SSLContext context = SSLContext.getInstance("TLS", provider);
        context.init(new KeyManager[] {km}, tmf.getTrustManagers(), new SecureRandom());
        return context;
    }
}
