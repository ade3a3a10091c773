package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionSessions;
import dev.bastion.tls.it.support.FreshJvm;
import dev.bastion.tls.it.support.Https;
import dev.bastion.tls.it.support.HttpsTestServer;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.ResumptionTraceProbe;
import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.io.File;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two {@code HttpsURLConnection} requests on two TCP connections ({@code Connection: close}
 * and a disconnect after the first, so the second cannot reuse it; the server sees two client
 * ports) with one client context: the second TLS handshake resumes the first session (TLS 1.3
 * with a ticket's PSK, TLS 1.2 by ticket or id), for every pair of client and server provider,
 * through the connection's own socket factory and through HttpsURLConnection's default one.
 * HttpsURLConnection makes its sockets with host and port, which is what the client session
 * caches of both providers are keyed by. Resumed as in {@link ResumptionTest}: both sides keep
 * the first session's creation time, Bastion's sessions report it, and TLS 1.2 keeps the id.
 * Bastion's handshake trace ({@code dev.bastion.tls.debug=handshake}, in a fresh JVM) shows it
 * too: pre_shared_key in both hellos (TLS 1.3), the abbreviated flight under the same session id
 * (TLS 1.2), and no server certificate.
 */
class HttpsUrlConnectionResumptionTest {
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern SESSION_ID = Pattern.compile("Session ID: ([0-9a-f]+)");

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

    /**
     * The handshake trace of the second connection shows the resumption on every Bastion side:
     * TLS 1.3 with pre_shared_key in the ClientHello and the ServerHello (RFC 8446 §4.2.11);
     * TLS 1.2 with the abbreviated handshake (RFC 5246 §7.3: ServerHello with the session id of
     * the first connection, then the server's Finished, no Certificate); in both no server
     * Certificate, which the first connection's trace has.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void handshakeTraceShowsTheResumption(String version) throws Exception {
        String[] pairs = {"Bastion:Bastion", "Bastion:SunJSSE", "SunJSSE:Bastion"};
        List<String> jvmArgs = List.of("-Ddev.bastion.tls.debug=handshake", "-cp",
                System.getProperty("java.class.path") + File.pathSeparator + Paths.get(ResumptionTraceProbe.class
                        .getProtectionDomain().getCodeSource().getLocation().toURI()));
        List<String> args = new ArrayList<>(List.of(version));
        args.addAll(List.of(pairs));
        FreshJvm run = FreshJvm.runMain(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), jvmArgs,
                ResumptionTraceProbe.class.getName(), args.toArray(new String[0]));
        assertEquals(0, run.exitCode(), run.output());
        Map<String, List<String>> connections = traceByConnection(run.output());
        for (String pair : pairs) {
            String[] p = pair.split(":");
            for (int side = 0; side < 2; side++) {
                if (!p[side].equals("Bastion")) {
                    continue;
                }
                String who = side == 0 ? "client" : "server";
                String what = who + " side of " + pair + " " + version;
                List<String> first = connections.get(p[0] + " " + p[1] + " 1");
                List<String> second = connections.get(p[0] + " " + p[1] + " 2");
                assertTrue(first != null && second != null, what + ": both connections traced\n" + run.output());
                String certificate = who + (side == 0 ? " received" : " sent") + " Certificate";
                String serverHello = who + (side == 0 ? " received" : " sent") + " Server Hello (";
                String clientHello = who + (side == 0 ? " sent" : " received") + " Client Hello (";
                assertTrue(first.stream().anyMatch(e -> e.startsWith(certificate)), what + ": the first is full\n" + first);
                assertTrue(second.stream().noneMatch(e -> e.startsWith(certificate)),
                        what + ": no server Certificate on resumption\n" + second);
                String hello = last(second, serverHello, what);
                if (version.equals("TLSv1.3")) {
                    assertTrue(hello.contains("Extension: pre_shared_key"), what + ": ServerHello accepts a PSK\n" + hello);
                    assertTrue(last(second, clientHello, what).contains("Extension: pre_shared_key"),
                            what + ": ClientHello offers the ticket");
                } else {
                    String id = sessionId(hello);
                    assertEquals(sessionId(last(first, serverHello, what)), id,
                            what + ": the first connection's session id again");
                    assertEquals(sessionId(last(second, clientHello, what)), id, what + ": the id the client offered");
                    int at = second.indexOf(hello);
                    assertTrue(at + 1 < second.size(), what + ": something follows the ServerHello\n" + second);
                    String next = second.stream().skip(at + 1).filter(e -> e.startsWith(who)).findFirst().orElse("");
                    assertTrue(next.startsWith(who + (side == 0 ? " received" : " sent") + " Finished")
                            || next.startsWith(who + (side == 0 ? " received" : " sent") + " New Session Ticket"),
                            what + ": the abbreviated flight: the server's (ticket and) Finished after its hello\n"
                                    + next);
                }
            }
        }
    }

    /** The trace entries of each connection, by {@code "<client> <server> <n>"}. */
    private static Map<String, List<String>> traceByConnection(String output) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        List<String> current = null;
        StringBuilder entry = null;
        for (String line : output.split("\\R")) {
            if (line.startsWith("@@")) {
                if (entry != null) {
                    current.add(entry.toString());
                    entry = null;
                }
                if (line.startsWith("@@connection ")) {
                    String[] w = line.split(" ");
                    current = new ArrayList<>();
                    out.put(w[1] + " " + w[2] + " " + w[3], current);
                } else if (line.equals("@@entry") && current != null) {
                    entry = new StringBuilder();
                }
            } else if (entry != null) {
                entry.append(line).append('\n');
            }
        }
        return out;
    }

    private static String last(List<String> entries, String prefix, String what) {
        String found = null;
        for (String e : entries) {
            if (e.startsWith(prefix)) {
                found = e;
            }
        }
        assertNotNull(found, what + ": no '" + prefix + "' in\n" + entries);
        return found;
    }

    private static String sessionId(String hello) {
        Matcher m = SESSION_ID.matcher(hello);
        assertTrue(m.find(), "a non-empty session id in\n" + hello);
        return m.group(1);
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
