package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Https;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unchanged Jetty 12 HTTPS server whose {@code SslContextFactory.Server} is given a Bastion
 * {@code SSLContext}, served to curl (OpenSSL), to {@code java.net.http.HttpClient} on Bastion
 * and to {@code HttpsURLConnection} on Bastion, with the server restricted to TLS 1.3 or 1.2.
 * Each test checks the class of the {@code SSLEngine} Jetty used (Bastion's) and, for Java
 * clients, the client's engine or session class.
 */
class JettyOnBastionTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String ENGINE = "dev.bastion.tls.engine.BastionEngine";
    private static final String SESSION = "dev.bastion.tls.session.BastionSession";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void curlGetAndPost(String version) throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(Credentials.get().ca().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        try (JettyHttpsServer server = new JettyHttpsServer(Tls.server("Bastion"), false, version)) {
            String url = "https://localhost:" + server.port() + "/";
            List<String> options = new ArrayList<>(List.of("-sS", "-v", "--max-time", "8", "--cacert", ca.toString(),
                    "--resolve", "localhost:" + server.port() + ":127.0.0.1"));
            options.addAll(version.equals("TLSv1.2") ? List.of("--tlsv1.2", "--tls-max", "1.2") : List.of("--tlsv1.3"));
            // one curl run, two transfers (--next starts the second with fresh options)
            List<String> cmd = new ArrayList<>(List.of("curl"));
            cmd.addAll(options);
            cmd.addAll(List.of(url, "--next"));
            cmd.addAll(options);
            cmd.addAll(List.of("--data", "name=curl", url));
            String[] out = run(cmd);
            assertEquals("helloposted:name=curl", out[0], out[1]);
            assertTrue(out[1].contains("SSL connection using " + version), out[1]);
            assertEquals(2, server.seen().size());
            for (JettyHttpsServer.Seen s : server.seen()) {
                assertEquals(ENGINE, s.engineClass(), "who carried the server side");
                assertEquals(SESSION, s.sessionClass());
                assertEquals(version, s.protocol());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void javaNetHttpClientHttp11(String version) throws Exception {
        RecordingContext client = new RecordingContext(Tls.client("Bastion"));
        try (JettyHttpsServer server = new JettyHttpsServer(Tls.server("Bastion"), false, version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                HttpClient http = HttpClient.newBuilder().sslContext(client.context()).version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(20)).build();
                URI uri = URI.create("https://localhost:" + server.port() + "/");
                HttpResponse<String> get = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> post = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("name=jnh")).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, get.statusCode());
                assertEquals("hello", get.body());
                assertEquals("posted:name=jnh", post.body());
                assertEquals(HttpClient.Version.HTTP_1_1, get.version());
                assertEquals(version, get.sslSession().orElseThrow().getProtocol());
                assertClientEngines(client, version);
                assertServerSide(server, version, "HTTP/1.1");
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void httpsUrlConnectionGetPostGetKeptAlive(String version) throws Exception {
        SSLSocketFactory factory = Tls.client("Bastion").getSocketFactory();
        try (JettyHttpsServer server = new JettyHttpsServer(Tls.server("Bastion"), false, version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                String url = "https://localhost:" + server.port() + "/";
                List<Https.Response> rs = List.of(Https.request(url, factory, null),
                        Https.request(url, factory, "name=bastion"), Https.request(url, factory, null));
                assertEquals(List.of("hello", "posted:name=bastion", "hello"),
                        rs.stream().map(Https.Response::body).collect(Collectors.toList()));
                for (Https.Response r : rs) {
                    assertEquals(200, r.status());
                    assertEquals(SESSION, r.sessionClass(), "who carried the client side");
                    assertEquals(version, r.protocol());
                }
                assertServerSide(server, version, "HTTP/1.1");
                assertEquals(3, server.seen().size());
            });
        }
    }

    static void assertClientEngines(RecordingContext client, String version) {
        List<SSLEngine> engines = client.engines();
        assertEquals(1, engines.size(), "one connection, kept alive: " + engines);
        assertEquals(ENGINE, engines.get(0).getClass().getName(), "who carried the client side");
        assertEquals(SESSION, engines.get(0).getSession().getClass().getName());
        assertEquals(version, engines.get(0).getSession().getProtocol());
    }

    /** Every request reached Jetty over a Bastion engine with {@code version}, all on one kept-alive connection. */
    static void assertServerSide(JettyHttpsServer server, String version, String httpVersion) {
        assertTrue(server.seen().size() >= 2, "requests seen: " + server.seen());
        Set<Integer> ports = server.seen().stream().map(JettyHttpsServer.Seen::clientPort).collect(Collectors.toSet());
        assertEquals(1, ports.size(), "keep-alive: " + server.seen());
        for (JettyHttpsServer.Seen s : server.seen()) {
            assertEquals(ENGINE, s.engineClass(), "who carried the server side");
            assertEquals(SESSION, s.sessionClass());
            assertEquals(version, s.protocol());
            assertEquals(httpVersion, s.httpVersion());
        }
    }

    /** Runs a command with a time limit; stdout and stderr. */
    static String[] run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).start();
        try {
            var err = p.getErrorStream();
            var out = p.getInputStream();
            var errText = new java.util.concurrent.CompletableFuture<String>();
            Thread t = new Thread(() -> {
                try {
                    errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (Exception e) {
                    errText.complete(e.toString());
                }
            });
            t.setDaemon(true);
            t.start();
            String o = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "curl finished");
            return new String[] {o, errText.get(5, TimeUnit.SECONDS)};
        } finally {
            p.destroyForcibly();
        }
    }
}
