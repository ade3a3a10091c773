package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.Tls;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two things an application can observe, checked on SunJSSE and Bastion alike:
 * <ul>
 * <li>{@code setSSLParameters} with a null endpoint identification algorithm or null algorithm
 *     constraints keeps the values set before (SunJSSE's {@code SSLConfiguration} does: "otherwise,
 *     use the default value"). An application that turned on "HTTPS" checking and later sets a
 *     fresh {@code SSLParameters} only to add ALPN must still get the host name checked.</li>
 * <li>The null session {@code getSession()} answers before the handshake belongs to its
 *     connection: a value put into it on one engine or socket is not seen by another.</li>
 * </ul>
 */
class ParametersAndNullSessionTest {

    @BeforeAll
    static void install() {
        Providers.install();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE/TLSv1.3", "Bastion/TLSv1.3", "SunJSSE/TLSv1.2", "Bastion/TLSv1.2"})
    void nullEndpointIdentificationKeepsTheHostNameCheck(String providerAndVersion) throws Exception {
        String provider = providerAndVersion.split("/")[0];
        String version = providerAndVersion.split("/")[1];
        SSLEngine client = Tls.client(provider).createSSLEngine("wronghost.example", 443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(new String[] {version});
        SSLParameters https = client.getSSLParameters();
        https.setEndpointIdentificationAlgorithm("HTTPS");
        client.setSSLParameters(https);

        SSLParameters alpnOnly = new SSLParameters();
        alpnOnly.setApplicationProtocols(new String[] {"http/1.1"});
        assertNull(alpnOnly.getEndpointIdentificationAlgorithm());
        client.setSSLParameters(alpnOnly);
        assertEquals("HTTPS", client.getSSLParameters().getEndpointIdentificationAlgorithm());

        SSLEngine server = Tls.server(provider).createSSLEngine();
        server.setUseClientMode(false);
        EnginePair pair = new EnginePair(client, server);
        // the server's certificate names localhost, not wronghost.example
        assertThrows(SSLHandshakeException.class, pair::handshake);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void nullAlgorithmConstraintsKeepTheOnesSetBefore(String provider) throws Exception {
        SSLEngine engine = Tls.client(provider).createSSLEngine();
        SSLParameters withConstraints = engine.getSSLParameters();
        AlgorithmConstraints permitAll = new PermitAll();
        withConstraints.setAlgorithmConstraints(permitAll);
        engine.setSSLParameters(withConstraints);

        SSLParameters fresh = new SSLParameters();
        assertNull(fresh.getAlgorithmConstraints());
        engine.setSSLParameters(fresh);
        assertSame(permitAll, engine.getSSLParameters().getAlgorithmConstraints());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void eachEngineHasItsOwnNullSession(String provider) throws Exception {
        SSLEngine first = Tls.client(provider).createSSLEngine("localhost", 443);
        SSLEngine second = Tls.client(provider).createSSLEngine("localhost", 443);
        SSLEngine third = Tls.server(provider).createSSLEngine();
        SSLSession session = first.getSession();
        assertEquals("SSL_NULL_WITH_NULL_NULL", session.getCipherSuite());
        session.putValue("connection", "first");

        assertSame(session, first.getSession(), "one connection, one null session");
        assertEquals("first", first.getSession().getValue("connection"));
        assertNotSame(session, second.getSession());
        assertNull(second.getSession().getValue("connection"));
        assertNull(third.getSession().getValue("connection"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void eachUnconnectedSocketHasItsOwnNullSession(String provider) throws Exception {
        try (SSLSocket first = (SSLSocket) Tls.client(provider).getSocketFactory().createSocket();
                SSLSocket second = (SSLSocket) Tls.client(provider).getSocketFactory().createSocket()) {
            SSLSession session = first.getSession(); // unconnected: no handshake, the null session
            assertNotNull(session);
            assertEquals("SSL_NULL_WITH_NULL_NULL", session.getCipherSuite());
            session.putValue("connection", "first");
            assertNull(second.getSession().getValue("connection"));
        }
    }

    /** Constraints that allow everything: only their identity matters here. */
    private static final class PermitAll implements AlgorithmConstraints {
        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
            return true;
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
            return true;
        }

        @Override
        public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key, AlgorithmParameters parameters) {
            return true;
        }
    }
}
