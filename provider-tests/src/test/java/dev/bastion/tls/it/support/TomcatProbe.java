package dev.bastion.tls.it.support;

import static dev.bastion.tls.it.support.AppProbe.print;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.Http11NioProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

/**
 * Tomcat 11 (embedded) deployed as an application deploys it, in {@link AppProbe}'s JVM: an NIO
 * connector whose {@code SSLHostConfig} names the key store file, its password and type and
 * nothing else, so Tomcat's JSSE code makes the {@code SSLContext} and key managers from the
 * provider list; client certificates wanted ({@code certificateVerification="optional"}, trust
 * from {@code javax.net.ssl.trustStore}); HTTP/2 by ALPN ({@code Http2Protocol}). A servlet
 * answers with what Tomcat tells applications about the connection (the request attributes
 * of the Servlet specification). Clients: {@code java.net.http.HttpClient} on its defaults
 * (HTTP/2) and with a client certificate, and curl {@code --http2} over TLS 1.3 and 1.2.
 */
final class TomcatProbe {
    private static final Pattern CURL_TLS = Pattern.compile("SSL connection using (TLSv1\\.[23])");

    private TomcatProbe() {
    }

    static void tomcat(Path dir, Properties conf) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(dir.resolve("tomcat")).toString());
        Connector connector = new Connector(Http11NioProtocol.class.getName());
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig host = new SSLHostConfig();
        host.setCertificateVerification("optional");
        SSLHostConfigCertificate cert = new SSLHostConfigCertificate(host, SSLHostConfigCertificate.Type.UNDEFINED);
        cert.setCertificateKeystoreFile(conf.getProperty("server.p12"));
        cert.setCertificateKeystorePassword(new String(Credentials.PASSWORD));
        cert.setCertificateKeystoreType("PKCS12");
        host.addCertificate(cert);
        connector.addSslHostConfig(host);
        connector.addUpgradeProtocol(new Http2Protocol());
        tomcat.getService().addConnector(connector);
        Context context = tomcat.addContext("", dir.toString());
        Tomcat.addServlet(context, "probe", new Describe());
        context.addServletMappingDecoded("/", "probe");
        tomcat.start();
        try {
            int port = connector.getLocalPort();
            String url = "https://localhost:" + port + "/";
            print("tomcat.provider", cert.getSslContextGenerated() == null ? "none"
                    : engineProvider(cert));
            httpClient("tomcat.httpclient", url, HttpClient.newBuilder());
            httpClient("tomcat.httpclient-cert", url, HttpClient.newBuilder().sslContext(clientContext(conf)));
            curl("tomcat.curl-h2-tls13", dir, port, List.of("--tlsv1.3"));
            curl("tomcat.curl-h2-tls12", dir, port, List.of("--tlsv1.2", "--tls-max", "1.2"));
        } finally {
            tomcat.stop();
            tomcat.destroy();
        }
    }

    private static String engineProvider(SSLHostConfigCertificate cert) {
        return cert.getSslContextGenerated().createSSLEngine().getClass().getName();
    }

    /** What the servlet sees: HTTP version, TLS version, suite, key size, session id present, client certificate. */
    private static final class Describe extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            X509Certificate[] certs = (X509Certificate[]) req.getAttribute("jakarta.servlet.request.X509Certificate");
            Object id = req.getAttribute("jakarta.servlet.request.ssl_session_id");
            String body = String.join(" ", req.getProtocol(),
                    String.valueOf(req.getAttribute("org.apache.tomcat.util.net.secure_protocol_version")),
                    String.valueOf(req.getAttribute("jakarta.servlet.request.cipher_suite")),
                    String.valueOf(req.getAttribute("jakarta.servlet.request.key_size")),
                    id instanceof String s && !s.isEmpty() ? "session-id" : "no-session-id:" + id,
                    certs == null ? "no-certificate" : certs[0].getSubjectX500Principal().getName().replace(' ', '_'));
            resp.setContentType("text/plain");
            resp.getOutputStream().write(body.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The pgjdbc client certificate, through the default KeyManagerFactory and the default trust. */
    private static SSLContext clientContext(Properties conf) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(conf.getProperty("pg.clientP12")))) {
            ks.load(in, Credentials.PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, Credentials.PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private static void httpClient(String key, String url, HttpClient.Builder builder) throws Exception {
        HttpClient client = builder.connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        print(key + ".status", r.statusCode());
        print(key + ".version", r.version());
        print(key + ".body", r.body());
    }

    private static void curl(String key, Path dir, int port, List<String> version) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time", "8", "--cacert",
                dir.resolve("ca.pem").toString(), "--resolve", "localhost:" + port + ":127.0.0.1", "--http2"));
        cmd.addAll(version);
        cmd.add("https://localhost:" + port + "/");
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            p.getOutputStream().close();
            print(key + ".exit", p.waitFor(15, TimeUnit.SECONDS) ? String.valueOf(p.exitValue()) : "timeout");
            String e = Files.readString(err, StandardCharsets.ISO_8859_1);
            print(key + ".body", Files.readString(out, StandardCharsets.ISO_8859_1));
            Matcher m = CURL_TLS.matcher(e);
            print(key + ".tls", m.find() ? m.group(1) : "none in: " + e);
            print(key + ".alpn", e.contains("ALPN: server accepted h2") ? "h2" : "not h2: " + e);
        } finally {
            p.destroyForcibly();
        }
    }
}
