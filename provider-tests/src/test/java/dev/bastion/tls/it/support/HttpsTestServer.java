package dev.bastion.tls.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * The JDK's {@link HttpsServer} on 127.0.0.1 (ephemeral port) over the given context, whose
 * engine may be SunJSSE's or Bastion's. GET answers "hello", POST answers "posted:" and the
 * body. For every request it records the client's port (one port for several requests means
 * keep-alive) and the server names the client requested in its handshake (SNI).
 */
public final class HttpsTestServer implements AutoCloseable {
    private final HttpsServer server;
    private final ExecutorService executor;
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private final List<List<String>> requestedNames = new CopyOnWriteArrayList<>();
    private final List<String> sessionClasses = new CopyOnWriteArrayList<>();
    private final List<SSLSession> sessions = new CopyOnWriteArrayList<>();

    public HttpsTestServer(SSLContext ctx) throws IOException {
        this(ctx, (String[]) null);
    }

    /** A server whose connections enable only {@code protocols} (null or none: the context's defaults). */
    public HttpsTestServer(SSLContext ctx, String... protocols) throws IOException {
        this(InetAddress.getLoopbackAddress(), ctx, protocols);
    }

    /** A server listening on {@code address} (a loopback address, such as {@code ::1}), otherwise as above. */
    public HttpsTestServer(InetAddress address, SSLContext ctx, String... protocols) throws IOException {
        server = HttpsServer.create(new InetSocketAddress(address, 0), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                if (protocols != null && protocols.length > 0) {
                    p.setProtocols(protocols);
                }
                params.setSSLParameters(p);
            }
        });
        executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "test-https-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The client port of every request so far, in order. */
    public List<Integer> clientPorts() {
        return clientPorts;
    }

    /** The SNI host names of every request's connection, in order (empty: no SNI). */
    public List<List<String>> requestedNames() {
        return requestedNames;
    }

    /** The server-side SSLSession class of every request. */
    public List<String> sessionClasses() {
        return sessionClasses;
    }

    /** The server-side SSLSession of every request. */
    public List<SSLSession> sessions() {
        return sessions;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        clientPorts.add(exchange.getRemoteAddress().getPort());
        SSLSession session = ((HttpsExchange) exchange).getSSLSession();
        sessionClasses.add(session.getClass().getName());
        sessions.add(session);
        requestedNames.add(hostNames(((ExtendedSSLSession) session).getRequestedServerNames()));
        byte[] body = exchange.getRequestBody().readAllBytes();
        String answer = exchange.getRequestMethod().equals("POST")
                ? "posted:" + new String(body, StandardCharsets.UTF_8) : "hello";
        byte[] out = answer.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, out.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(out);
        }
    }

    private static List<String> hostNames(List<SNIServerName> names) {
        return names.stream().filter(n -> n instanceof SNIHostName).map(n -> ((SNIHostName) n).getAsciiName()).toList();
    }
}
