package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.JettyHttpsServer;
import dev.bastion.tls.it.support.RecordingContext;
import dev.bastion.tls.it.support.Tls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Jetty 12 with HTTP/2 and HTTP/1.1 behind ALPN, on a Bastion context, with the
 * {@code bastion-jetty-alpn} jar on the class path and no other change: curl {@code --http2}
 * and {@code java.net.http.HttpClient} on Bastion get HTTP/2, a curl that offers no ALPN gets
 * Jetty's default HTTP/1.1. Bastion's engine carries the server side in every case.
 */
class JettyHttp2OnBastionTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String ENGINE = "dev.bastion.tls.engine.BastionEngine";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void javaNetHttpClientGetsHttp2(String version) throws Exception {
        RecordingContext client = new RecordingContext(Tls.client("Bastion"));
        try (JettyHttpsServer server = new JettyHttpsServer(Tls.server("Bastion"), true, version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                HttpClient http = HttpClient.newBuilder().sslContext(client.context()).version(HttpClient.Version.HTTP_2)
                        .connectTimeout(Duration.ofSeconds(20)).build();
                URI uri = URI.create("https://localhost:" + server.port() + "/");
                HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals("hello", get.body());
                assertEquals(HttpClient.Version.HTTP_2, get.version());
                SSLEngine engine = client.engines().get(0);
                assertEquals(ENGINE, engine.getClass().getName(), "who carried the client side");
                assertEquals("h2", engine.getApplicationProtocol());
                assertServer(server, version, "HTTP/2.0", 1);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void curlHttp2AndCurlWithoutAlpn(String version) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(Credentials.get().ca().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        try (JettyHttpsServer server = new JettyHttpsServer(Tls.server("Bastion"), true, version)) {
            String url = "https://localhost:" + server.port() + "/";
            List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "8", "--cacert", ca.toString(),
                    "--resolve", "localhost:" + server.port() + ":127.0.0.1", "--http2"));
            cmd.addAll(version.equals("TLSv1.2") ? List.of("--tlsv1.2", "--tls-max", "1.2") : List.of("--tlsv1.3"));
            cmd.add(url);
            String[] h2 = JettyOnBastionTest.run(cmd);
            assertEquals("hello", h2[0], h2[1]);
            assertTrue(h2[1].contains("ALPN: server accepted h2"), h2[1]);
            assertServer(server, version, "HTTP/2.0", 1);
            cmd.set(cmd.indexOf("--http2"), "--no-alpn");
            String[] plain = JettyOnBastionTest.run(cmd);
            assertEquals("hello", plain[0], plain[1]);
            assertEquals("HTTP/1.1", server.seen().get(1).httpVersion());
            assertEquals(ENGINE, server.seen().get(1).engineClass());
        }
    }

    private static void assertServer(JettyHttpsServer server, String version, String httpVersion, int requests) {
        assertEquals(requests, server.seen().size(), "requests: " + server.seen());
        for (JettyHttpsServer.Seen s : server.seen()) {
            assertEquals(ENGINE, s.engineClass(), "who carried the server side");
            assertEquals(version, s.protocol());
            assertEquals(httpVersion, s.httpVersion());
        }
    }
}
