package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.DelegatingKeyManager;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.Versions;
import java.net.Socket;
import java.security.InvalidAlgorithmParameterException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.SecureRandom;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.KeyStoreBuilderParameters;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * "SunX509", the JDK's default {@code ssl.KeyManagerFactory.algorithm}, names key entries by
 * their key store aliases, and looks them up by those names: servers that let the user name the
 * entry to present (Tomcat's {@code certificateKeyAlias}, Jetty's {@code certAlias}) wrap the key
 * manager, answer that alias from {@code choose*Alias} and rely on {@code getCertificateChain} and
 * {@code getPrivateKey} finding it. With Bastion listed first, {@code KeyManagerFactory.getInstance(
 * KeyManagerFactory.getDefaultAlgorithm())} is Bastion's, so it must behave as SunJSSE's does.
 */
class SunX509KeyManagerTest {

    @BeforeAll
    static void install() {
        Providers.install();
    }

    static Stream<Arguments> cases() {
        return Versions.providersAndVersions();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void aliasesAreTheKeyStoresOwn(String provider) throws Exception {
        X509ExtendedKeyManager km = sunX509(provider, Credentials.get().keyStore(KeyType.EC_P256, true));
        assertArrayEquals(new String[] {"server"}, km.getServerAliases("EC", null));
        assertEquals("server", km.chooseServerAlias("EC", null, null));
        assertEquals(2, km.getCertificateChain("server").length);
        assertNotNull(km.getPrivateKey("server"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void keyStoreBuilderParametersAreRefused(String provider) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", provider);
        KeyStoreBuilderParameters builders = new KeyStoreBuilderParameters(KeyStore.Builder.newInstance(
                Credentials.get().keyStore(KeyType.EC_P256, true), new KeyStore.PasswordProtection(Credentials.PASSWORD)));
        assertThrows(InvalidAlgorithmParameterException.class, () -> kmf.init(builders));
    }

    /** The server presents the entry named in its configuration, as Tomcat and Jetty do it. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aServerConfiguredWithAnAliasPresentsThatEntry(String provider, String protocol) throws Exception {
        Credentials pki = Credentials.get();
        X509ExtendedKeyManager km = sunX509(provider, pki.keyStore(KeyType.EC_P256, true));
        KeyManager named = new DelegatingKeyManager(km) {
            @Override
            public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
                return "EC".equals(keyType) ? "server" : null;
            }

            @Override
            public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
                return "EC".equals(keyType) ? "server" : null;
            }
        };
        SSLContext server = SSLContext.getInstance("TLS", provider);
        server.init(new KeyManager[] {named}, null, new SecureRandom());
        SSLEngine client = pki.context(provider, null, false).createSSLEngine("localhost", 443);
        client.setEnabledProtocols(new String[] {protocol});
        EnginePair pair = new EnginePair(client, server.createSSLEngine()).handshake();

        assertEquals(protocol, pair.client.getSession().getProtocol());
        assertEquals(km.getCertificateChain("server")[0], pair.client.getSession().getPeerCertificates()[0]);
    }

    private static X509ExtendedKeyManager sunX509(String provider, KeyStore keys) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance("SunX509", provider);
        kmf.init(keys, Credentials.PASSWORD);
        return (X509ExtendedKeyManager) kmf.getKeyManagers()[0];
    }
}
