package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.JettyHttpsServer;
import dev.bastion.tls.it.support.RecordingContext;
import dev.bastion.tls.it.support.Tls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.StringAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncResponseBuilder;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.http.protocol.HttpCoreContext;
import org.apache.hc.core5.http2.impl.nio.bootstrap.H2ServerBootstrap;
import org.apache.hc.core5.http2.ssl.H2ServerTlsStrategy;
import org.apache.hc.core5.http.HttpVersion;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Apache HttpClient 5's async client, unchanged, whose TLS runs through HttpCore 5's
 * {@code SSLIOSession} (its own {@code SSLEngine} driver on the I/O reactor, not Netty's nor
 * the JDK's), on a Bastion context given through {@code ClientTlsStrategyBuilder}, against
 * Jetty 12 on Bastion (HTTP/2 and HTTP/1.1 behind ALPN through bastion-jetty-alpn): HTTP/1.1
 * ({@code FORCE_HTTP_1}, ALPN offering http/1.1) and HTTP/2 chosen by ALPN ({@code NEGOTIATE},
 * and the HTTP/2-only {@code H2AsyncClientBuilder}), each over TLS 1.3 and TLS 1.2, with eight
 * concurrent GETs, a POST and a 1.5 MiB response; and against HttpCore 5's own async server
 * ({@code H2ServerBootstrap}) on Bastion, the same {@code SSLIOSession} in server mode. Bastion's
 * engines carry both sides: the contexts record the engines HttpCore made, the session HttpClient
 * exposes is Bastion's, and Jetty reports its engine per request.
 */
@org.junit.jupiter.api.Timeout(value = 60, unit = TimeUnit.SECONDS)
class ApacheAsyncOnBastionTest {
    private static final String ENGINE = "dev.bastion.tls.engine.BastionEngine";
    private static final String SESSION = "dev.bastion.tls.session.BastionSession";
    private static final int CONCURRENT = 8;
    private static final int BIG = 3 << 19; // 1.5 MiB

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"TLSv1.3, FORCE_HTTP_1, http/1.1", "TLSv1.2, FORCE_HTTP_1, http/1.1", "TLSv1.3, NEGOTIATE, h2",
        "TLSv1.2, NEGOTIATE, h2"})
    void asyncClientOverHttpCoreSslIoSession(String version, HttpVersionPolicy policy, String alpn) throws Exception {
        RecordingContext client = new RecordingContext(Tls.client("Bastion"));
        try (JettyHttpsServer server = new JettyHttpsServer(Tls.server("Bastion"), true, version);
                CloseableHttpAsyncClient http = HttpAsyncClients.custom()
                        .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                                .setTlsStrategy(tls(client))
                                .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(policy)
                                        .setSupportedProtocols(version).setHandshakeTimeout(Timeout.ofSeconds(20)).build())
                                .build())
                        .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(Timeout.ofSeconds(30)).build())
                        .build()) {
            http.start();
            exchange(http, server, client, version, alpn, false);
        }
    }

    /** {@code HttpAsyncClients.customHttp2()}: HTTP/2 only, which over TLS it must get by ALPN. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"TLSv1.3", "TLSv1.2"})
    void http2OnlyClient(String version) throws Exception {
        RecordingContext client = new RecordingContext(Tls.client("Bastion"));
        try (JettyHttpsServer server = new JettyHttpsServer(Tls.server("Bastion"), true, version);
                CloseableHttpAsyncClient http = HttpAsyncClients.customHttp2().setTlsStrategy(tls(client))
                        .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(Timeout.ofSeconds(30)).build())
                        .build()) {
            http.start();
            exchange(http, server, client, version, "h2", true);
        }
    }

    /**
     * HttpCore 5's own async server ({@code H2ServerBootstrap}, {@code H2ServerTlsStrategy}: the
     * same {@code SSLIOSession} in server mode, ALPN chosen by HttpCore's server code) on a
     * Bastion context, answering the async client: h2 when both negotiate, http/1.1 when the
     * client forces it. The server's handler reads the session from its {@code HttpCoreContext}.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"TLSv1.3, NEGOTIATE, h2", "TLSv1.2, NEGOTIATE, h2", "TLSv1.3, FORCE_HTTP_1, http/1.1"})
    void httpCoreServerAndAsyncClient(String version, HttpVersionPolicy policy, String alpn) throws Exception {
        RecordingContext client = new RecordingContext(Tls.client("Bastion"));
        RecordingContext serverTls = new RecordingContext(Tls.server("Bastion"));
        HttpAsyncServer server = H2ServerBootstrap.bootstrap().setTlsStrategy(new H2ServerTlsStrategy(serverTls.context()))
                .setVersionPolicy(HttpVersionPolicy.NEGOTIATE)
                .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(Timeout.ofSeconds(30)).build())
                .register("*", new Answer()).create();
        server.start();
        try (CloseableHttpAsyncClient http = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create().setTlsStrategy(tls(client))
                        .setDefaultTlsConfig(TlsConfig.custom().setVersionPolicy(policy).setSupportedProtocols(version)
                                .setHandshakeTimeout(Timeout.ofSeconds(20)).build())
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(Timeout.ofSeconds(30)).build()).build()) {
            http.start();
            InetSocketAddress bound = (InetSocketAddress) server
                    .listen(new InetSocketAddress("127.0.0.1", 0), URIScheme.HTTPS).get(10, TimeUnit.SECONDS).getAddress();
            String base = "https://localhost:" + bound.getPort();
            List<Future<SimpleHttpResponse>> answers = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                answers.add(http.execute(SimpleRequestBuilder.get(base + "/" + i).build(), null));
            }
            answers.add(http.execute(SimpleRequestBuilder.get(base + "/bytes/" + BIG).build(), null));
            String http2 = alpn.equals("h2") ? "HTTP/2.0" : "HTTP/1.1";
            for (int i = 0; i < CONCURRENT; i++) {
                SimpleHttpResponse r = answers.get(i).get(30, TimeUnit.SECONDS);
                assertEquals(200, r.getCode());
                assertEquals("/" + i + " " + http2 + " " + SESSION + " " + version, r.getBodyText(),
                        "what the server's handler saw");
            }
            assertArrayEquals(JettyHttpsServer.bytes(BIG), answers.get(CONCURRENT).get(30, TimeUnit.SECONDS).getBodyBytes());
            for (RecordingContext side : List.of(client, serverTls)) {
                assertFalse(side.engines().isEmpty());
                for (SSLEngine e : side.engines()) {
                    assertEquals(ENGINE, e.getClass().getName());
                    assertEquals(alpn, e.getApplicationProtocol(), e.getUseClientMode() ? "client" : "server");
                    assertEquals(version, e.getSession().getProtocol());
                }
            }
            http.close(CloseMode.GRACEFUL);
        } finally {
            server.close(CloseMode.GRACEFUL);
        }
    }

    /**
     * HttpCore's handler: GET {@code /bytes/N} answers those bytes, any other request its path,
     * HTTP version, session class and TLS version.
     */
    private static final class Answer implements AsyncServerRequestHandler<Message<HttpRequest, String>> {
        @Override
        public AsyncRequestConsumer<Message<HttpRequest, String>> prepare(HttpRequest request, EntityDetails entity,
                HttpContext context) {
            return new BasicRequestConsumer<>(entity == null ? null : new StringAsyncEntityConsumer());
        }

        @Override
        public void handle(Message<HttpRequest, String> message, ResponseTrigger trigger, HttpContext context)
                throws HttpException, IOException {
            String path = message.getHead().getPath();
            SSLSession s = HttpCoreContext.cast(context).getSSLSession();
            AsyncResponseBuilder answer = AsyncResponseBuilder.create(200);
            if (path.startsWith("/bytes/")) {
                answer.setEntity(JettyHttpsServer.bytes(Integer.parseInt(path.substring(7))),
                        ContentType.APPLICATION_OCTET_STREAM);
            } else {
                answer.setEntity(path + " " + context.getProtocolVersion() + " " + s.getClass().getName() + " "
                        + s.getProtocol(), ContentType.TEXT_PLAIN);
            }
            trigger.submitResponse(answer.build(), context);
        }
    }

    /** HttpClient's own TLS strategy over the recorded Bastion context. */
    private static TlsStrategy tls(RecordingContext client) {
        return ClientTlsStrategyBuilder.create().setSslContext(client.context()).buildAsync();
    }

    /**
     * Eight concurrent GETs of "/", a GET of {@link #BIG} bytes and a POST, all started before
     * any is awaited; every answer, its HTTP version and its session checked, then the engines
     * on both sides ({@code oneConnection}: the client must have opened one connection only).
     */
    private static void exchange(CloseableHttpAsyncClient http, JettyHttpsServer server, RecordingContext client,
            String version, String alpn, boolean oneConnection) throws Exception {
        String base = "https://localhost:" + server.port();
        List<Future<SimpleHttpResponse>> gets = new ArrayList<>();
        List<HttpClientContext> contexts = new ArrayList<>();
        for (int i = 0; i < CONCURRENT + 2; i++) {
            SimpleHttpRequest request = i < CONCURRENT ? SimpleRequestBuilder.get(base + "/").build()
                    : i == CONCURRENT ? SimpleRequestBuilder.get(base + "/bytes/" + BIG).build()
                    : SimpleRequestBuilder.post(base + "/").setBody("name=async", ContentType.TEXT_PLAIN).build();
            HttpClientContext context = HttpClientContext.create();
            contexts.add(context);
            gets.add(http.execute(request, context, null));
        }
        HttpVersion expected = alpn.equals("h2") ? HttpVersion.HTTP_2 : HttpVersion.HTTP_1_1;
        for (int i = 0; i < gets.size(); i++) {
            SimpleHttpResponse r = gets.get(i).get(30, TimeUnit.SECONDS);
            assertEquals(200, r.getCode(), "request " + i);
            assertEquals(expected, r.getVersion(), "request " + i);
            if (i < CONCURRENT) {
                assertEquals("hello", r.getBodyText(), "request " + i);
            } else if (i == CONCURRENT) {
                assertArrayEquals(JettyHttpsServer.bytes(BIG), r.getBodyBytes(), "the 1.5 MiB body");
            } else {
                assertEquals("posted:name=async", r.getBodyText());
            }
            assertEquals(SESSION, contexts.get(i).getSSLSession().getClass().getName(), "the session HttpClient exposes");
            assertEquals(version, contexts.get(i).getSSLSession().getProtocol());
        }
        List<SSLEngine> engines = client.engines();
        assertFalse(engines.isEmpty(), "HttpCore made its engines from the Bastion context");
        if (oneConnection) {
            // the pooling client of NEGOTIATE opens up to five before it knows the protocol
            assertEquals(1, engines.size(), "the HTTP/2 client multiplexes every request on one connection");
        }
        for (SSLEngine e : engines) {
            assertEquals(ENGINE, e.getClass().getName(), "who carried the client side");
            assertEquals(alpn, e.getApplicationProtocol());
            assertEquals(version, e.getSession().getProtocol());
        }
        List<JettyHttpsServer.Seen> seen = server.seen();
        assertEquals(CONCURRENT + 2, seen.size(), "requests the server saw: " + seen);
        for (JettyHttpsServer.Seen s : seen) {
            assertEquals(ENGINE, s.engineClass(), "who carried the server side");
            assertEquals(version, s.protocol());
            assertEquals(alpn.equals("h2") ? "HTTP/2.0" : "HTTP/1.1", s.httpVersion());
        }
        assertTrue(seen.stream().map(JettyHttpsServer.Seen::clientPort).distinct().count() <= engines.size(),
                "every connection the server saw came from an engine of the client context");
        http.close(CloseMode.GRACEFUL);
    }
}
