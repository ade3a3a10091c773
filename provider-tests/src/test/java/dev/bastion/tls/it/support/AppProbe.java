package dev.bastion.tls.it.support;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Security;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Real applications' clients, unchanged, in a fresh JVM whose providers come from a
 * {@code java.security} override file (Bastion first, SunJSSE behind it or removed) and whose
 * trust comes from {@code javax.net.ssl.trustStore} (or, for pgjdbc, {@code sslrootcert}):
 * {@code HttpsURLConnection}, {@code java.net.http.HttpClient}, OkHttp and Apache HttpClient 5
 * against the JDK's HttpsServer on 127.0.0.1 (its context made through the default provider
 * list too), the PostgreSQL JDBC driver against a real PostgreSQL and Angus Mail's SMTP
 * STARTTLS against aiosmtpd, and Jetty 12 as a server (HTTP/2 by ALPN) to
 * {@code java.net.http.HttpClient}, curl and {@code openssl s_client} ({@link JettyProbe}), and
 * JNDI's LDAPS and StartTLS against UnboundID's in-memory directory ({@link LdapProbe}).
 * Arguments: the comma-separated apps to run, then the directory holding
 * {@code probe.properties} ({@code pg.port}, {@code pg.password}, {@code smtp.port},
 * {@code server.p12}) and {@code ca.pem}. Prints one {@code key=value} line per observation
 * (a failed app prints {@code <app>.error}); the tests assert on them and on the class-load log.
 */
public final class AppProbe {
    private static final List<String> HTTP_APPS = List.of("https-urlconnection", "java-httpclient", "okhttp", "apache-hc5",
            "https-properties");

    private AppProbe() {
    }

    public static void main(String[] args) throws Exception {
        List<String> apps = List.of(args[0].split(","));
        Path dir = Path.of(args[1]);
        Properties conf = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("probe.properties"))) {
            conf.load(in);
        }
        print("providers", Arrays.stream(Security.getProviders()).map(p -> p.getName()).collect(Collectors.joining(",")));
        print("default.provider", SSLContext.getDefault().getProvider().getName());
        HttpsTestServer https = null;
        try {
            if (apps.stream().anyMatch(HTTP_APPS::contains)) {
                https = new HttpsTestServer(serverContext(Path.of(conf.getProperty("server.p12"))));
            }
            String url = https == null ? null : "https://localhost:" + https.port() + "/";
            for (String app : apps) {
                try {
                    run(app, url, dir, conf);
                } catch (Exception | AssertionError e) {
                    print(app + ".error", chain(e));
                }
            }
            if (https != null) {
                print("https.server.sessionClasses", https.sessionClasses().stream().distinct().toList());
                print("https.server.protocols", https.sessions().stream().map(s -> s.getProtocol()).distinct().toList());
                print("https.server.suites", https.sessions().stream().map(s -> s.getCipherSuite()).distinct().toList());
            }
        } finally {
            if (https != null) {
                https.close();
            }
        }
    }

    private static void run(String app, String url, Path dir, Properties conf) throws Exception {
        switch (app) {
            case "https-urlconnection" -> httpsUrlConnection(url);
            case "https-properties" -> httpsProperties(url, dir, conf);
            case "java-httpclient" -> javaHttpClient(url);
            case "okhttp" -> okHttp(url);
            case "apache-hc5" -> apacheHttpClient5(url);
            case "pgjdbc" -> pgjdbc(dir, conf);
            case "pgjdbc-cert" -> pgjdbcClientCertificate(dir, conf);
            case "smtp" -> MailProbe.smtp(conf);
            case "jetty" -> JettyProbe.jetty(dir, conf);
            case "tomcat" -> TomcatProbe.tomcat(dir, conf);
            case "ldap" -> LdapProbe.ldap(conf);
            case "grpc-defaults" -> grpcDefaults();
            default -> throw new IllegalArgumentException("unknown app " + app);
        }
    }

    /** The server's context: default provider list, default KeyManagerFactory algorithm, no trust managers needed. */
    private static SSLContext serverContext(Path p12) throws Exception {
        KeyStore ks = serverKeys(p12);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, Credentials.PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        print("https.server.provider", ctx.getProvider().getName());
        return ctx;
    }

    private static KeyStore serverKeys(Path p12) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, Credentials.PASSWORD);
        }
        return ks;
    }

    private static void httpsUrlConnection(String url) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(20_000);
        print("https-urlconnection.status", c.getResponseCode());
        print("https-urlconnection.body", new String(c.getInputStream().readAllBytes(), "UTF-8"));
        print("https-urlconnection.cipher", c.getCipherSuite());
    }

    /**
     * {@code HttpsURLConnection} on its defaults with {@code https.protocols} and
     * {@code https.cipherSuites} set on the command line: a GET to the HttpsServer (which enables
     * TLS 1.3 and 1.2), then one to {@code openssl s_server} speaking only TLS 1.3.
     */
    private static void httpsProperties(String url, Path dir, Properties conf) throws Exception {
        print("https-properties.set", System.getProperty("https.protocols") + " " + System.getProperty("https.cipherSuites"));
        HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(20_000);
        print("https-properties.status", c.getResponseCode());
        print("https-properties.body", new String(c.getInputStream().readAllBytes(), "UTF-8"));
        print("https-properties.cipher", c.getCipherSuite());
        print("https-properties.protocol", c.getSSLSession().map(s -> s.getProtocol()).orElse("none"));
        print("https-properties.sessionClass", c.getSSLSession().map(s -> s.getClass().getName()).orElse("none"));
        httpsLegacySuitesOnly(url);
        KeyStore keys = serverKeys(Path.of(conf.getProperty("server.p12")));
        try (OpenSslWww only13 = OpenSslWww.start(dir, "TLSv1.3", keys, null, null)) {
            HttpsURLConnection d = (HttpsURLConnection) new URL("https://localhost:" + only13.port() + "/").openConnection();
            d.setConnectTimeout(10_000);
            d.setReadTimeout(20_000);
            try {
                print("https-properties.tls13only", "status " + d.getResponseCode());
            } catch (IOException e) {
                print("https-properties.tls13only", chain(e));
            }
            print("https-properties.tls13only.log", only13.logAfterError());
        }
    }

    /**
     * {@code https.cipherSuites} naming only suites SunJSSE knows and Bastion does not implement
     * (HttpsURLConnection reads the property per connection; 127.0.0.1 so that the keep-alive
     * cache holds no connection for it): nothing usable is left.
     */
    private static void httpsLegacySuitesOnly(String url) throws Exception {
        String before = System.getProperty("https.cipherSuites");
        System.setProperty("https.cipherSuites", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256,TLS_RSA_WITH_AES_128_CBC_SHA");
        try {
            HttpsURLConnection c = (HttpsURLConnection) new URL(url.replace("localhost", "127.0.0.1")).openConnection();
            c.setConnectTimeout(10_000);
            c.setReadTimeout(20_000);
            print("https-properties.legacyOnly", "status " + c.getResponseCode());
        } catch (IOException e) {
            print("https-properties.legacyOnly", chain(e));
        } finally {
            System.setProperty("https.cipherSuites", before);
        }
    }

    private static void javaHttpClient(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        print("java-httpclient.status", r.statusCode());
        print("java-httpclient.body", r.body());
        print("java-httpclient.protocol", r.sslSession().map(s -> s.getProtocol()).orElse("none"));
    }

    private static void okHttp(String url) throws IOException {
        OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();
        try (okhttp3.Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
            print("okhttp.status", r.code());
            print("okhttp.body", r.body().string());
            print("okhttp.protocol", r.handshake().tlsVersion().javaName());
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    private static void apacheHttpClient5(String url) throws IOException {
        try (CloseableHttpClient client = HttpClients.createSystem()) {
            String body = client.execute(new HttpGet(url), response -> {
                print("apache-hc5.status", response.getCode());
                return EntityUtils.toString(response.getEntity());
            });
            print("apache-hc5.body", body);
        }
    }

    /**
     * pgjdbc's default SSL factory (LibPQFactory: its own SSLContext from sslrootcert),
     * verify-full, host {@code localhost}; then the same against {@code wrong.test} (127.0.0.1
     * in the hosts file), which the server's certificate does not name.
     */
    private static void pgjdbc(Path dir, Properties conf) throws Exception {
        String port = conf.getProperty("pg.port");
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("password", conf.getProperty("pg.password"));
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", dir.resolve("ca.pem").toString());
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "20");
        p.setProperty("loginTimeout", "20");
        p.setProperty("channelBinding", "require");
        DriverManager.setLoginTimeout(20);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", p);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT ssl, version, cipher, 6 * 7 FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            if (!r.next()) {
                throw new SQLException("no pg_stat_ssl row for this backend");
            }
            print("pgjdbc.ssl", r.getBoolean(1));
            print("pgjdbc.version", r.getString(2));
            print("pgjdbc.cipher", r.getString(3));
            print("pgjdbc.answer", r.getInt(4));
        }
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://wrong.test:" + port + "/postgres", p)) {
            print("pgjdbc.wrong", "connected");
        } catch (SQLException e) {
            print("pgjdbc.wrong", chain(e));
        }
    }

    /**
     * pgjdbc presenting a client certificate (sslkey: a PKCS#12 file, read by its own
     * PKCS12KeyManager) to a {@code cert} pg_hba line: the server maps its CN to the role.
     */
    private static void pgjdbcClientCertificate(Path dir, Properties conf) throws Exception {
        Properties p = new Properties();
        p.setProperty("user", PostgresServer.CERT_USER);
        p.setProperty("sslmode", "verify-full");
        p.setProperty("sslrootcert", dir.resolve("ca.pem").toString());
        p.setProperty("sslkey", conf.getProperty("pg.clientP12"));
        p.setProperty("sslpassword", new String(Credentials.PASSWORD));
        p.setProperty("connectTimeout", "10");
        p.setProperty("socketTimeout", "20");
        String url = "jdbc:postgresql://localhost:" + conf.getProperty("pg.port") + "/postgres";
        try (Connection c = DriverManager.getConnection(url, p);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT current_user, client_dn, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            if (!r.next()) {
                throw new SQLException("no pg_stat_ssl row for this backend");
            }
            print("pgjdbc-cert.user", r.getString(1));
            print("pgjdbc-cert.clientDn", r.getString(2));
            print("pgjdbc-cert.version", r.getString(3));
        }
    }

    /**
     * gRPC's documented default, {@code GrpcSslContexts.forClient().build()} (no netty-tcnative on
     * this class path, so a JDK context): the provider of the context gRPC chose.
     */
    private static void grpcDefaults() throws Exception {
        SslContext ctx = GrpcSslContexts.forClient().build();
        print("grpc-defaults.provider", ((JdkSslContext) ctx).context().getProvider().getName());
    }

    /** Every throwable in the cause chain as {@code class: message}, joined by " <- ". */
    static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (sb.length() > 0) {
                sb.append(" <- ");
            }
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return sb.toString().replaceAll("\\R", " ");
    }

    static void print(String key, Object value) {
        System.out.println(key + "=" + String.valueOf(value).replaceAll("\\R", " "));
    }

}
