package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Tls;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unchanged Undertow 2.3 HTTPS listener with HTTP/2 on ({@code UndertowOptions.ENABLE_HTTP2},
 * ALPN through Undertow's own JDK support), given a SunJSSE and then a Bastion
 * {@code SSLContext}: {@code java.net.http.HttpClient} gets HTTP/2 from both, and curl
 * {@code --http2} over TLS 1.3 and TLS 1.2 gets the same answer from both (Undertow 2.3.27 picks
 * http/1.1 for curl's offer on SunJSSE, and so on Bastion: its choice, not the provider's). The
 * handler reports the HTTP version and the session Undertow exposes to applications.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UndertowOnBastionTest {
    private static final Pattern ALPN = Pattern.compile("ALPN: server accepted (\\S+)");

    @TempDir
    Path dir;

    @Test
    void bastionServesAsSunJsseDoes() throws Exception {
        Map<String, String> sun = serve("SunJSSE", "sun.security.ssl.SSLSessionImpl");
        Map<String, String> bastion = serve("Bastion", "dev.bastion.tls.session.BastionSession");
        assertEquals(sun, bastion, "what each client got, with the session class left out");
    }

    /** Runs the clients against Undertow on {@code provider}; returns what each got, provider-neutral. */
    private Map<String, String> serve(String provider, String sessionClass) throws Exception {
        Undertow server = Undertow.builder()
                .setServerOption(UndertowOptions.ENABLE_HTTP2, true)
                .addHttpsListener(0, "127.0.0.1", Tls.server(provider))
                .setHandler(UndertowOnBastionTest::describe)
                .build();
        server.start();
        Map<String, String> got = new LinkedHashMap<>();
        try {
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            String url = "https://localhost:" + port + "/";
            HttpClient client = HttpClient.newBuilder().sslContext(Tls.client("Bastion"))
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals(HttpClient.Version.HTTP_2, r.version(), provider + ": ALPN chose h2");
            assertEquals("HTTP/2.0 TLSv1.3 " + sessionClass, r.body(), provider);
            got.put("httpclient", r.version() + " " + r.body().replace(sessionClass, "session"));

            Path ca = dir.resolve("ca.pem");
            Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                    .encodeToString(Credentials.get().ca().getEncoded()) + "\n-----END CERTIFICATE-----\n");
            for (String v : List.of("1.3", "1.2")) {
                List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "8", "--cacert", ca.toString(),
                        "--resolve", "localhost:" + port + ":127.0.0.1", "--http2"));
                cmd.addAll(v.equals("1.2") ? List.of("--tlsv1.2", "--tls-max", "1.2") : List.of("--tlsv1.3"));
                cmd.add(url);
                Path out = dir.resolve(provider + "-out-" + v);
                Path err = dir.resolve(provider + "-err-" + v);
                Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                assertTrue(p.waitFor(20, TimeUnit.SECONDS), "curl finished");
                String log = Files.readString(err, StandardCharsets.ISO_8859_1);
                assertEquals(0, p.exitValue(), log);
                assertTrue(log.contains("SSL connection using TLSv" + v), log);
                Matcher alpn = ALPN.matcher(log);
                assertTrue(alpn.find(), log);
                String body = Files.readString(out, StandardCharsets.ISO_8859_1);
                String http = alpn.group(1).equals("h2") ? "HTTP/2.0" : "HTTP/1.1";
                assertEquals(http + " TLSv" + v + " " + sessionClass, body, log);
                got.put("curl-tls" + v, alpn.group(1) + " " + body.replace(sessionClass, "session"));
            }
        } finally {
            server.stop();
        }
        return got;
    }

    private static void describe(HttpServerExchange exchange) {
        SSLSession s = exchange.getConnection().getSslSessionInfo() == null ? null
                : exchange.getConnection().getSslSession();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
        exchange.getResponseSender().send(exchange.getProtocol() + " " + (s == null ? "no-tls"
                : s.getProtocol() + " " + s.getClass().getName()));
    }
}
