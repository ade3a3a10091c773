package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.JettyHttpsServer;
import dev.bastion.tls.it.support.RecordingContext;
import dev.bastion.tls.it.support.Tls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code java.net.http.HttpClient} on a Bastion context negotiates HTTP/2 by ALPN with Jetty 12
 * (HTTP/2 and HTTP/1.1 offered through {@code ALPNServerConnectionFactory}). The server runs on
 * SunJSSE: Jetty's JDK ALPN processor accepts only the JDK's own engine, so a Jetty server on
 * Bastion needs the bastion-jetty-alpn jar, tested in {@link JettyHttp2OnBastionTest}.
 */
class JettyHttp2AlpnTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void http2ChosenByAlpn(String version) throws Exception {
        RecordingContext client = new RecordingContext(Tls.client("Bastion"));
        try (JettyHttpsServer server = new JettyHttpsServer(Tls.server("SunJSSE"), true, version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                HttpClient http = HttpClient.newBuilder().sslContext(client.context()).version(HttpClient.Version.HTTP_2)
                        .connectTimeout(Duration.ofSeconds(20)).build();
                URI uri = URI.create("https://localhost:" + server.port() + "/");
                HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("name=h2")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, get.statusCode());
                assertEquals("hello", get.body());
                assertEquals("posted:name=h2", post.body());
                assertEquals(HttpClient.Version.HTTP_2, get.version());
                assertEquals(HttpClient.Version.HTTP_2, post.version());
                assertEquals(1, client.engines().size(), "one HTTP/2 connection: " + client.engines());
                SSLEngine engine = client.engines().get(0);
                assertEquals("dev.bastion.tls.engine.BastionEngine", engine.getClass().getName(), "who carried the client side");
                assertEquals("h2", engine.getApplicationProtocol());
                assertEquals(version, engine.getSession().getProtocol());
                assertEquals(2, server.seen().size());
                for (JettyHttpsServer.Seen s : server.seen()) {
                    assertEquals("HTTP/2.0", s.httpVersion());
                    assertEquals(version, s.protocol());
                    assertTrue(s.engineClass().startsWith("sun.security.ssl."), s.engineClass());
                }
            });
        }
    }
}
