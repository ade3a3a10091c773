package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.Https;
import dev.bastion.tls.it.support.HttpsTestServer;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.Tls;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code HttpsURLConnection}, unchanged, over each provider's sockets against the JDK's
 * {@code HttpsServer} on each provider's engine: GET, POST and GET again on one kept-alive
 * connection, the host name of the URL checked by the default HostnameVerifier (through the
 * socket's endpoint identification), and the client session's class showing who carried the
 * connection and the server names the server was asked for. Host names with a dot, resolved
 * through a hosts file, are in {@link HttpsUrlConnectionIsolatedTest}.
 */
class HttpsUrlConnectionTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    static Stream<Arguments> pairs() {
        return Providers.pairs().stream().map(p -> Arguments.of(p[0], p[1]));
    }

    @ParameterizedTest(name = "{0} client, {1} server")
    @MethodSource("pairs")
    void getPostGetOnOneKeptAliveConnection(String clientProvider, String serverProvider) throws Exception {
        SSLSocketFactory factory = Tls.client(clientProvider).getSocketFactory();
        try (HttpsTestServer server = new HttpsTestServer(Tls.server(serverProvider))) {
            assertTimeoutPreemptively(LIMIT, () -> {
                String url = "https://localhost:" + server.port() + "/";
                Https.Response get = Https.request(url, factory, null);
                Https.Response post = Https.request(url, factory, "name=bastion");
                Https.Response again = Https.request(url, factory, null);
                assertEquals(200, get.status());
                assertEquals("hello", get.body());
                assertEquals("posted:name=bastion", post.body());
                assertEquals("hello", again.body());
                assertEquals("TLSv1.3", get.protocol());
                for (Https.Response r : List.of(get, post, again)) {
                    assertEquals(sessionClass(clientProvider), r.sessionClass(), "who carried the client side");
                }
                assertEquals(1, Set.copyOf(server.clientPorts()).size(), "keep-alive: " + server.clientPorts());
                assertEquals(sessionClass(serverProvider), server.sessionClasses().get(0));
                // HttpsURLConnection names the URL host as SNI on every socket but SunJSSE's own;
                // SunJSSE's socket leaves out names without a dot, such as localhost
                List<String> sni = clientProvider.equals("Bastion") ? List.of("localhost") : List.of();
                assertEquals(sni, server.requestedNames().get(0), "SNI");
            });
        }
    }

    /** The certificate names only localhost: a URL naming 127.0.0.1 is refused, naming the IP in the message. */
    @ParameterizedTest(name = "{0} client")
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void ipLiteralAgainstAHostNameCertificateIsRefused(String clientProvider) throws Exception {
        SSLSocketFactory factory = Tls.client(clientProvider).getSocketFactory();
        try (HttpsTestServer server = new HttpsTestServer(Tls.server("Bastion"))) {
            assertTimeoutPreemptively(LIMIT, () -> {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                        () -> Https.request("https://127.0.0.1:" + server.port() + "/", factory, null));
                assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
                assertTrue(server.clientPorts().isEmpty(), "no request reached the server");
            });
        }
    }

    /** A certificate with the IP address as iPAddress SAN: the IP URL passes, and no SNI is sent for it. */
    @ParameterizedTest(name = "{0} client")
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void ipLiteralMatchesAnIpAddressSan(String clientProvider) throws Exception {
        SSLSocketFactory factory = Tls.client(clientProvider).getSocketFactory();
        var serverCtx = Credentials.get().contextWith("Bastion",
                Credentials.get().serverKeyStore(KeyType.EC_P256, "127.0.0.1"), true);
        try (HttpsTestServer server = new HttpsTestServer(serverCtx)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                Https.Response r = Https.request("https://127.0.0.1:" + server.port() + "/", factory, null);
                assertEquals("hello", r.body());
                assertEquals(sessionClass(clientProvider), r.sessionClass());
                assertEquals(List.of(), server.requestedNames().get(0), "no SNI for an IP address");
            });
        }
    }

    static String sessionClass(String provider) {
        return provider.equals("Bastion") ? "dev.bastion.tls.session.BastionSession" : "sun.security.ssl.SSLSessionImpl";
    }
}
