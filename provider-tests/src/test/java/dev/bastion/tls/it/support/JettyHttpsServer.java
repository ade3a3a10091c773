package dev.bastion.tls.it.support;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An unchanged Jetty 12 HTTPS server on 127.0.0.1 (ephemeral port) over a given
 * {@link SSLContext}: GET answers "hello" (GET {@code /bytes/N}: the N bytes of
 * {@link #bytes(int)}), POST answers "posted:" and the body. Every request
 * records the server-side {@link SSLEngine} Jetty used, so a test can show whose engine
 * carried the connection.
 */
public final class JettyHttpsServer implements AutoCloseable {
    /** What the server saw of one request: engine and session classes, protocol, client port, HTTP version. */
    public record Seen(String engineClass, String sessionClass, String protocol, int clientPort, String httpVersion) {
    }

    private final Server server;
    private final ServerConnector connector;
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /**
     * Starts the server. {@code protocols} restricts the TLS versions (none: Jetty's default);
     * {@code http2} adds HTTP/2 chosen by ALPN (through the ALPN processor that applies to the engine: the JDK one, or bastion-jetty-alpn).
     */
    public JettyHttpsServer(SSLContext context, boolean http2, String... protocols) throws Exception {
        this(withContext(context), http2, protocols);
    }

    /**
     * Starts the server over a {@code SslContextFactory.Server} the caller configured as an
     * application does (for example from a key store file, Jetty making the context from the
     * default provider list).
     */
    public JettyHttpsServer(SslContextFactory.Server ssl, boolean http2, String... protocols) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(16, 2);
        pool.setName("jetty-test");
        pool.setDaemon(true);
        server = new Server(pool);
        server.setStopTimeout(0); // no graceful wait: kept-alive client connections are cut at close
        if (protocols.length > 0) {
            ssl.setIncludeProtocols(protocols);
        }
        HttpConfiguration config = new HttpConfiguration();
        HttpConnectionFactory http1 = new HttpConnectionFactory(config);
        if (http2) {
            ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
            alpn.setDefaultProtocol("http/1.1");
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn,
                    new HTTP2ServerConnectionFactory(config), http1);
        } else {
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(ssl, http1.getProtocol()), http1);
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        connector.setIdleTimeout(10_000);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                record(request);
                String path = request.getHttpURI().getPath();
                if (request.getMethod().equals("GET") && path.startsWith("/bytes/")) {
                    response.setStatus(200);
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/octet-stream");
                    response.write(true, ByteBuffer.wrap(bytes(Integer.parseInt(path.substring(7)))), callback);
                    return true;
                }
                String body = Content.Source.asString(request);
                String answer = request.getMethod().equals("POST") ? "posted:" + body : "hello";
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
                Content.Sink.write(response, true, answer, callback);
                return true;
            }
        });
        server.start();
    }

    private static SslContextFactory.Server withContext(SSLContext context) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setSslContext(context);
        return ssl;
    }

    private void record(Request request) {
        EndPoint ep = request.getConnectionMetaData().getConnection().getEndPoint();
        SSLEngine engine = ((SslConnection.SslEndPoint) ep).getSslConnection().getSSLEngine();
        seen.add(new Seen(engine.getClass().getName(), engine.getSession().getClass().getName(),
                engine.getSession().getProtocol(), Request.getRemotePort(request),
                request.getConnectionMetaData().getHttpVersion().asString()));
    }

    /** The body of GET {@code /bytes/n}: {@code n} bytes of a fixed pattern that repeats every 251 bytes. */
    public static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i % 251);
        }
        return b;
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** One entry per request, in arrival order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
