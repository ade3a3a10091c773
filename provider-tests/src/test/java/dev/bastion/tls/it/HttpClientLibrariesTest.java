package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.JettyHttpsServer;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.Tls;
import java.net.Socket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OkHttp 5 and Apache HttpClient 5, unchanged, on a Bastion client context (Bastion's own
 * trust manager) against Jetty 12 on Bastion restricted to TLS 1.3 or 1.2: two GETs on one
 * kept-alive connection, the client's socket and session classes showing Bastion carried it.
 */
class HttpClientLibrariesTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final String SOCKET = "dev.bastion.tls.engine.BastionSocket";
    private static final String SESSION = "dev.bastion.tls.session.BastionSession";

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void okHttp(String version) throws Exception {
        X509TrustManager trust = bastionTrustManager();
        SSLContext ctx = SSLContext.getInstance("TLS", "Bastion");
        ctx.init(null, new javax.net.ssl.TrustManager[] {trust}, new SecureRandom());
        List<Socket> sockets = new CopyOnWriteArrayList<>();
        OkHttpClient client = new OkHttpClient.Builder().sslSocketFactory(ctx.getSocketFactory(), trust)
                .eventListener(new EventListener() {
                    @Override
                    public void connectionAcquired(Call call, Connection connection) {
                        sockets.add(connection.socket());
                    }
                }).callTimeout(Duration.ofSeconds(30)).build();
        try (JettyHttpsServer server = new JettyHttpsServer(Tls.server("Bastion"), false, version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                String url = "https://localhost:" + server.port() + "/";
                for (int i = 0; i < 2; i++) {
                    try (Response r = client.newCall(new Request.Builder().url(url).build()).execute()) {
                        assertEquals(200, r.code());
                        assertEquals("hello", r.body().string());
                        assertEquals(version, r.handshake().tlsVersion().javaName());
                    }
                }
                assertEquals(2, sockets.size());
                assertEquals(sockets.get(0), sockets.get(1), "kept alive");
                assertClientSocket((SSLSocket) sockets.get(0), version);
                JettyOnBastionTest.assertServerSide(server, version, "HTTP/1.1");
            });
        } finally {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
            client.dispatcher().executorService().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void apacheHttpClient5(String version) throws Exception {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setTlsSocketStrategy(new DefaultClientTlsStrategy(Tls.client("Bastion"))).build();
        try (JettyHttpsServer server = new JettyHttpsServer(Tls.server("Bastion"), false, version);
                CloseableHttpClient client = HttpClients.custom().setConnectionManager(pool).build()) {
            assertTimeoutPreemptively(LIMIT, () -> {
                String url = "https://localhost:" + server.port() + "/";
                for (int i = 0; i < 2; i++) {
                    HttpClientContext context = HttpClientContext.create();
                    String body = client.execute(new HttpGet(url), context, response -> {
                        assertEquals(200, response.getCode());
                        return EntityUtils.toString(response.getEntity());
                    });
                    assertEquals("hello", body);
                    SSLSession session = context.getSSLSession();
                    assertEquals(SESSION, session.getClass().getName(), "who carried the client side");
                    assertEquals(version, session.getProtocol());
                }
                JettyOnBastionTest.assertServerSide(server, version, "HTTP/1.1");
            });
        }
    }

    static void assertClientSocket(SSLSocket socket, String version) {
        assertEquals(SOCKET, socket.getClass().getName(), "who carried the client side");
        assertEquals(SESSION, socket.getSession().getClass().getName());
        assertEquals(version, socket.getSession().getProtocol());
    }

    static X509TrustManager bastionTrustManager() throws Exception {
        Providers.install();
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", "Bastion");
        tmf.init(Credentials.get().trustStore());
        return (X509TrustManager) tmf.getTrustManagers()[0];
    }
}
