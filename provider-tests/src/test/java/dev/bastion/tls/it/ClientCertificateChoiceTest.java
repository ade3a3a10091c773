package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.DelegatingKeyManager;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import java.net.Socket;
import java.security.Principal;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A server that asks for a client certificate names the CAs its trust manager accepts (TLS 1.3
 * certificate_authorities, RFC 8446 §4.2.4; the TLS 1.2 CertificateRequest's list, RFC 5246
 * §7.4.4), as SunJSSE's does, so that a client holding several certificates is asked for one
 * of those CAs and presents the certificate the server trusts.
 */
class ClientCertificateChoiceTest {
    private static final X500Principal TEST_CA = new X500Principal("CN=Bastion Test CA");

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            for (String[] pair : Providers.pairs()) {
                out.add(Arguments.of(protocol, pair[0], pair[1]));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} client, {2} server")
    @MethodSource("cases")
    void clientIsToldTheServersCasAndPresentsTheTrustedCertificate(String protocol, String clientProvider,
            String serverProvider) throws Exception {
        Credentials pki = Credentials.get();
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", "SunJSSE");
        kmf.init(pki.clientKeyStoreWithForeignEntry(), Credentials.PASSWORD);
        Recording keys = new Recording((X509ExtendedKeyManager) kmf.getKeyManagers()[0]);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "SunJSSE");
        tmf.init(pki.trustStore());
        SSLContext clientContext = SSLContext.getInstance("TLS", clientProvider);
        clientContext.init(new javax.net.ssl.KeyManager[] {keys}, tmf.getTrustManagers(), new SecureRandom());
        SSLContext serverContext = pki.contextWith(serverProvider, pki.keyStore(KeyType.EC_P256, true), true);

        SSLEngine client = clientContext.createSSLEngine("localhost", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {protocol});
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        server.setNeedClientAuth(true);
        new EnginePair(client, server).handshake();

        assertEquals(List.of(List.of(TEST_CA)), keys.issuersAsked, "the issuers the client's key manager was given");
        assertEquals(new X500Principal("CN=Bastion Test Client"),
                ((X509Certificate) server.getSession().getPeerCertificates()[0]).getSubjectX500Principal());
        assertEquals(protocol, client.getSession().getProtocol());
    }

    /** SunJSSE's key manager, recording the issuers of each client-alias request. */
    private static final class Recording extends DelegatingKeyManager {
        final List<List<Principal>> issuersAsked = new ArrayList<>();

        Recording(X509ExtendedKeyManager delegate) {
            super(delegate);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            issuersAsked.add(issuers == null ? List.of() : List.of(issuers));
            return super.chooseEngineClientAlias(keyType, issuers, engine);
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            issuersAsked.add(issuers == null ? List.of() : List.of(issuers));
            return super.chooseClientAlias(keyType, issuers, socket);
        }
    }
}
