package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.SocketServer;
import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ALPN and SNI on sockets as on engines, between every pair of providers: the server socket's
 * {@code HandshakeApplicationProtocolSelector} is called with the socket itself while its
 * handshake session exists; SNI set through {@code SSLParameters} reaches the server's matcher
 * and its session; a matcher that refuses the name ends the handshake.
 */
class SocketAlpnSniTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    static Stream<Arguments> pairs() {
        return Versions.pairsAndVersions();
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairs")
    void selectorAndServerNames(String clientProvider, String serverProvider, String version) throws Exception {
        CompletableFuture<String> selectorSaw = new CompletableFuture<>();
        CompletableFuture<List<String>> serverSaw = new CompletableFuture<>();
        try (SocketServer server = SocketServer.tls(Tls.server(serverProvider), s -> {
            SSLSocket ssl = (SSLSocket) s;
            SSLParameters p = ssl.getSSLParameters();
            p.setSNIMatchers(List.of(SNIHostName.createSNIMatcher("bastion\\.test")));
            ssl.setSSLParameters(p);
            ssl.setHandshakeApplicationProtocolSelector((socket, offered) -> {
                SSLSession hs = socket.getHandshakeSession();
                selectorSaw.complete((socket == ssl) + " " + (hs != null) + " " + offered);
                return offered.contains("h2") ? "h2" : "";
            });
            ssl.startHandshake();
            serverSaw.complete(List.of(ssl.getApplicationProtocol(), names(ssl.getSession())));
            SocketServer.echo().handle(ssl);
        }); SSLSocket s = Tls.connect(Tls.client(clientProvider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName("bastion.test")));
                p.setApplicationProtocols(new String[] {"http/1.1", "h2"});
                s.setSSLParameters(p);
                s.startHandshake();
                assertEquals("h2", s.getApplicationProtocol());
                assertEquals("true true [http/1.1, h2]", selectorSaw.get(10, TimeUnit.SECONDS));
                assertEquals(List.of("h2", "[bastion.test]"), serverSaw.get(10, TimeUnit.SECONDS));
                assertEquals("[bastion.test]", names(s.getSession()), "the client's session too");
            });
        }
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("pairs")
    void refusedServerNameEndsTheHandshake(String clientProvider, String serverProvider, String version)
            throws Exception {
        CompletableFuture<Throwable> atServer = new CompletableFuture<>();
        try (SocketServer server = SocketServer.tls(Tls.server(serverProvider), s -> {
            SSLSocket ssl = (SSLSocket) s;
            SSLParameters p = ssl.getSSLParameters();
            p.setSNIMatchers(List.of(new SNIMatcher(0) {
                @Override
                public boolean matches(SNIServerName name) {
                    return false;
                }
            }));
            ssl.setSSLParameters(p);
            try {
                ssl.startHandshake();
                atServer.complete(null);
            } catch (IOException e) {
                atServer.complete(e);
            }
        }); SSLSocket s = Tls.connect(Tls.client(clientProvider), server.port(), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName("elsewhere.test")));
                s.setSSLParameters(p);
                SSLException e = assertThrows(SSLException.class, s::startHandshake);
                assertTrue(e.getMessage().contains("unrecognized_name"), e.getMessage());
                assertInstanceOf(SSLException.class, atServer.get(10, TimeUnit.SECONDS));
                assertTrue(s.isClosed(), "a failed handshake closes the socket");
            });
        }
    }

    private static String names(SSLSession session) {
        List<String> out = new ArrayList<>();
        for (SNIServerName n : ((ExtendedSSLSession) session).getRequestedServerNames()) {
            out.add(((SNIHostName) n).getAsciiName());
        }
        return out.toString();
    }
}
