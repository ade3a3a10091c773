package dev.bastion.tls.it.support;

import static dev.bastion.tls.it.support.AppProbe.print;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12 deployed as an application deploys it, in {@link AppProbe}'s JVM: its
 * {@code SslContextFactory.Server} is given the key store file and password and nothing else,
 * so Jetty makes the {@code SSLContext} and the key managers from the provider list; HTTP/2 and
 * HTTP/1.1 sit behind ALPN ({@code ALPNServerConnectionFactory}), chosen through whichever
 * {@code ALPNProcessor.Server} applies to the engine (with Bastion: the bastion-jetty-alpn jar on
 * the class path). Clients: {@code java.net.http.HttpClient} on its defaults (HTTP/2 preferred,
 * the default context), curl {@code --http2} over TLS 1.3 and over TLS 1.2, and
 * {@code openssl s_client} (TLS 1.3, TLS 1.2) sending an HTTP/1.1 request. For each client it
 * prints what the client saw and, as {@code <client>.server}, what Jetty saw of its requests
 * (engine class, TLS version, HTTP version).
 */
final class JettyProbe {
    private static final Pattern CURL_TLS = Pattern.compile("SSL connection using (TLSv1\\.[23])");
    private static final Pattern S_CLIENT_TLS = Pattern.compile("Protocol version: (TLSv1\\.[23])");

    private JettyProbe() {
    }

    static void jetty(Path dir, Properties conf) throws Exception {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(conf.getProperty("server.p12"));
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePassword(new String(Credentials.PASSWORD));
        try (JettyHttpsServer server = new JettyHttpsServer(ssl, true)) {
            String url = "https://localhost:" + server.port() + "/";
            int seen = 0;
            httpClient("jetty.httpclient", url);
            seen = printServer("jetty.httpclient", server, seen);
            curl("jetty.curl-h2-tls13", dir, server.port(), List.of("--tlsv1.3"));
            seen = printServer("jetty.curl-h2-tls13", server, seen);
            curl("jetty.curl-h2-tls12", dir, server.port(), List.of("--tlsv1.2", "--tls-max", "1.2"));
            seen = printServer("jetty.curl-h2-tls12", server, seen);
            sClient("jetty.s_client-tls13", dir, server.port(), "-tls1_3");
            seen = printServer("jetty.s_client-tls13", server, seen);
            sClient("jetty.s_client-tls12", dir, server.port(), "-tls1_2");
            printServer("jetty.s_client-tls12", server, seen);
        }
    }

    /** {@code java.net.http.HttpClient} as built with no settings: a GET and a POST, on one connection. */
    private static void httpClient(String key, String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build();
        HttpRequest post = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString("name=h2")).build();
        HttpResponse<String> g = client.send(get, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> p = client.send(post, HttpResponse.BodyHandlers.ofString());
        print(key + ".version", g.version() + "," + p.version());
        print(key + ".body", g.body() + "," + p.body());
        print(key + ".protocol", g.sslSession().map(s -> s.getProtocol()).orElse("none"));
    }

    /** curl {@code --http2} with the test CA; prints the body, the TLS version and whether the server accepted h2. */
    private static void curl(String key, Path dir, int port, List<String> version) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "8", "--cacert",
                dir.resolve("ca.pem").toString(), "--resolve", "localhost:" + port + ":127.0.0.1", "--http2"));
        cmd.addAll(version);
        cmd.add("https://localhost:" + port + "/");
        String[] r = exec(dir, cmd, null);
        print(key + ".exit", r[0]);
        print(key + ".body", r[1]);
        print(key + ".tls", find(CURL_TLS, r[2]));
        print(key + ".alpn", r[2].contains("ALPN: server accepted h2") ? "h2" : "not h2: " + r[2]);
    }

    /** {@code openssl s_client} verifying the chain and the host name, sending one HTTP/1.1 GET. */
    private static void sClient(String key, Path dir, int port, String version) throws Exception {
        List<String> cmd = List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost",
                "-verify_hostname", "localhost", "-CAfile", dir.resolve("ca.pem").toString(), "-verify_return_error",
                "-brief", "-ign_eof", version);
        String[] r = exec(dir, cmd, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        String all = r[1] + r[2];
        print(key + ".exit", r[0]);
        print(key + ".tls", find(S_CLIENT_TLS, all));
        print(key + ".verified", all.contains("Verification: OK"));
        print(key + ".answer", all.contains("HTTP/1.1 200 OK") && all.contains("\r\n\r\nhello") ? "200 hello" : all);
    }

    private static int printServer(String key, JettyHttpsServer server, int from) {
        List<JettyHttpsServer.Seen> all = server.seen();
        print(key + ".server", all.subList(from, all.size()).stream()
                .map(s -> s.engineClass() + " " + s.protocol() + " " + s.httpVersion()).toList());
        return all.size();
    }

    /** Runs {@code cmd} (stdin from {@code input}) for at most 15 s: exit code, stdout, stderr. */
    private static String[] exec(Path dir, List<String> cmd, String input) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            try (var in = p.getOutputStream()) {
                if (input != null) {
                    in.write(input.getBytes(StandardCharsets.US_ASCII));
                }
            }
            String exit = p.waitFor(15, TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "timeout";
            return new String[] {exit, Files.readString(out, StandardCharsets.ISO_8859_1),
                Files.readString(err, StandardCharsets.ISO_8859_1)};
        } finally {
            p.destroyForcibly();
        }
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : "none in: " + text;
    }
}
