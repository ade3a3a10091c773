package dev.bastion.tls.conformance;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.bastion.tls.BastionSessions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The main job, end to end: the JDK's own HTTPS server ({@code com.sun.net.httpserver}) and
 * HTTP client ({@code java.net.http}), both unmodified, run over Bastion's SSLEngine on
 * 127.0.0.1. Prints what was negotiated.
 */
final class HttpsDemo {
    private HttpsDemo() {
    }

    static void run(PrintStream out) throws Exception {
        Provider bastion = install();
        out.println("provider:    " + bastion.getName() + " " + bastion.getVersionStr() + " (found through ServiceLoader)");
        DemoPki pki = new DemoPki();

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(pki.context("Bastion", true)) {
            @Override
            public void configure(HttpsParameters params) {
                // the JDK's server speaks HTTP/1.1 only: it offers just that over ALPN (RFC 7301)
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setApplicationProtocols(new String[] {"http/1.1"});
                params.setSSLParameters(p);
            }
        });
        server.createContext("/", exchange -> {
            SSLSession s = ((HttpsExchange) exchange).getSSLSession();
            byte[] body = ("hello over " + s.getProtocol() + " " + s.getCipherSuite() + " "
                    + BastionSessions.namedGroup(s).orElse("?") + "\n").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("x-bastion-group", BastionSessions.namedGroup(s).orElse("?"));
            exchange.getResponseHeaders().add("x-bastion-resumed", BastionSessions.resumed(s).map(String::valueOf)
                    .orElse("?"));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        ExecutorService pool = Executors.newFixedThreadPool(2);
        server.setExecutor(pool);
        server.start();
        try {
            EngineRecordingContext clientContext = EngineRecordingContext.of(pki.context("Bastion", false));
            HttpClient client = HttpClient.newBuilder().sslContext(clientContext)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            URI uri = URI.create("https://localhost:" + server.getAddress().getPort() + "/");
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            SSLSession session = response.sslSession().orElseThrow(() -> new IllegalStateException("no TLS session"));
            out.println("request:     GET " + uri + " -> " + response.statusCode() + " " + response.version());
            out.println("protocol:    " + session.getProtocol());
            out.println("suite:       " + session.getCipherSuite());
            out.println("group:       " + response.headers().firstValue("x-bastion-group").orElse("?")
                    + " (as the server's session reports it)");
            String alpn = clientContext.engines().get(0).getApplicationProtocol();
            out.println("alpn:        " + (alpn == null || alpn.isEmpty() ? "none" : alpn)
                    + " (the client offered h2 and http/1.1; as the client's engine reports it)");
            out.println("certificate: " + ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName()
                    + " (verified, host name checked)");
            out.println("body:        " + response.body().trim());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("unexpected status " + response.statusCode());
            }
            // a second client of the same SSLContext opens a new connection, which resumes the
            // session with one of the tickets the server sent after the first handshake
            HttpClient again = HttpClient.newBuilder().sslContext(clientContext).connectTimeout(Duration.ofSeconds(10))
                    .build();
            HttpResponse<String> second = again.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean resumed = "true".equals(second.headers().firstValue("x-bastion-resumed").orElse(""));
            out.println("resumption:  " + (resumed ? "yes" : "no") + " (a second connection, "
                    + second.sslSession().map(SSLSession::getProtocol).orElse("?") + ", as the server's session reports it)");
            if (!resumed) {
                throw new IllegalStateException("the second connection did not resume the first session");
            }
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
    }

    /** Makes Bastion selectable by name, as a java.security entry would. */
    static Provider install() {
        Provider p = Security.getProvider("Bastion");
        if (p != null) {
            return p;
        }
        for (Provider candidate : ServiceLoader.load(Provider.class)) {
            if (candidate.getName().equals("Bastion")) {
                Security.addProvider(candidate);
                return candidate;
            }
        }
        throw new IllegalStateException("the Bastion provider is not on the class path");
    }
}
