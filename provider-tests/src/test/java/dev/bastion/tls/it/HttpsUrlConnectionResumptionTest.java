package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionSessions;
import dev.bastion.tls.it.support.Https;
import dev.bastion.tls.it.support.HttpsTestServer;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two {@code HttpsURLConnection} requests on two TCP connections ({@code Connection: close}
 * and a disconnect after the first, so the second cannot reuse it; the server sees two client
 * ports) with one client context: the second TLS handshake resumes the first session (TLS 1.3
 * with a ticket's PSK, TLS 1.2 by ticket or id), for every pair of client and server provider,
 * through the connection's own socket factory and through HttpsURLConnection's default one.
 * HttpsURLConnection makes its sockets with host and port, which is what the client session
 * caches of both providers are keyed by. Resumed as in {@link ResumptionTest}: both sides keep
 * the first session's creation time, Bastion's sessions report it, and TLS 1.2 keeps the id.
 */
class HttpsUrlConnectionResumptionTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String[] pair : Providers.pairs()) {
            for (String v : Versions.SOCKETS) {
                for (boolean defaultFactory : new boolean[] {false, true}) {
                    out.add(Arguments.of(pair[0], pair[1], v, defaultFactory));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}, default factory {3}")
    @MethodSource("cases")
    void secondRequestOnANewConnectionResumes(String clientProvider, String serverProvider, String version,
            boolean defaultFactory) throws Exception {
        SSLSocketFactory factory = Tls.client(clientProvider).getSocketFactory();
        SSLSocketFactory saved = HttpsURLConnection.getDefaultSSLSocketFactory();
        if (defaultFactory) {
            HttpsURLConnection.setDefaultSSLSocketFactory(factory);
        }
        try (HttpsTestServer server = new HttpsTestServer(Tls.server(serverProvider), version)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                String url = "https://localhost:" + server.port() + "/";
                SSLSocketFactory explicit = defaultFactory ? null : factory;
                Https.Response first = Https.requestAndClose(url, explicit);
                Thread.sleep(5); // a new session would have another creation time
                Https.Response second = Https.requestAndClose(url, explicit);
                assertEquals("hello", first.body());
                assertEquals("hello", second.body());
                assertEquals(2, server.clientPorts().size());
                assertNotEquals(server.clientPorts().get(0), server.clientPorts().get(1), "two TCP connections");
                assertEquals(HttpsUrlConnectionTest.sessionClass(clientProvider), second.sessionClass(), "who carried it");
                assertResumed(version, first.session(), second.session(), "client");
                assertResumed(version, server.sessions().get(0), server.sessions().get(1), "server");
            });
        } finally {
            HttpsURLConnection.setDefaultSSLSocketFactory(saved);
        }
    }

    private static void assertResumed(String version, SSLSession s1, SSLSession s2, String side) {
        assertEquals(version, s2.getProtocol(), side);
        assertEquals(s1.getCreationTime(), s2.getCreationTime(), side + ": the resumed session keeps its creation time");
        assertEquals(Optional.of(false), BastionSessions.resumed(s1).or(() -> Optional.of(false)), side + ": first is full");
        BastionSessions.resumed(s2).ifPresent(r -> assertTrue(r, side + ": Bastion reports the resumption"));
        if (version.equals("TLSv1.2")) {
            assertArrayEquals(s1.getId(), s2.getId(), side + ": an abbreviated handshake keeps the session id");
        }
    }
}
