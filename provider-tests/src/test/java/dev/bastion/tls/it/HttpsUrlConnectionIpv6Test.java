package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.Https;
import dev.bastion.tls.it.support.HttpsTestServer;
import dev.bastion.tls.it.support.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code HttpsURLConnection} to an IPv6 literal URL ({@code https://[::1]:port/}), a known
 * limitation of the JDK rather than of Bastion (README, "Known peer problems"). With the default
 * HostnameVerifier the JDK's {@code sun.net.www.protocol.https.HttpsClient.afterConnect} turns
 * on endpoint identification itself and, for every socket that is not SunJSSE's own class,
 * names the URL host as SNI with {@code new SNIHostName(host)}, which refuses an IPv6 literal
 * ({@code IllegalArgumentException: Contains non-LDH ASCII characters}) before any handshake.
 * Nothing a socket answers before that call avoids it short of already reporting the
 * {@code HTTPS} endpoint identification algorithm, which would change the default of every plain
 * {@code SSLSocket}. The workaround needs no Bastion-specific code: an application's own
 * {@code HostnameVerifier} makes {@code HttpsClient} skip that code and check the certificate
 * itself (RFC 2818 §3.1: an IP address against iPAddress SANs), consulting the verifier only on
 * a mismatch, so a verifier that answers false keeps the check strict.
 */
class HttpsUrlConnectionIpv6Test {
    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final InetAddress V6_LOOPBACK = v6Loopback();

    @BeforeAll
    static void ipv6Loopback() {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(V6_LOOPBACK, 0));
        } catch (IOException e) {
            Assumptions.abort("this machine has no IPv6 loopback (::1): " + e);
        }
    }

    /**
     * Pins the JDK's behaviour: if this starts to pass (the request works, or fails otherwise),
     * the JDK changed {@code HttpsClient}, and README's known limitation and this test must be
     * revisited. SunJSSE's socket, on the same URL and server, is spared the call.
     */
    @Test
    void defaultHostnameVerifierFailsInsideTheJdkForAnyNonSunJsseSocket() throws Exception {
        try (HttpsTestServer server = new HttpsTestServer(V6_LOOPBACK, serverContext("::1"))) {
            String url = "https://[::1]:" + server.port() + "/";
            assertTimeoutPreemptively(LIMIT, () -> {
                SSLSocketFactory bastion = Tls.client("Bastion").getSocketFactory();
                Throwable thrown = assertThrows(Throwable.class, () -> Https.request(url, bastion, null),
                        "HttpsURLConnection on Bastion to an IPv6 literal with the default HostnameVerifier now works:"
                                + " the JDK changed HttpsClient.afterConnect; update README's known limitation");
                IllegalArgumentException iae = find(thrown, IllegalArgumentException.class);
                assertEquals("Contains non-LDH ASCII characters", iae.getMessage(), () -> chain(thrown));
                assertTrue(hasFrame(iae, "javax.net.ssl.SNIHostName", "<init>"), () -> chain(thrown));
                assertTrue(hasFrame(iae, "sun.net.www.protocol.https.HttpsClient", "afterConnect"), () -> chain(thrown));
                assertEquals(List.of(), server.clientPorts(), "no request reached the server");

                Https.Response sunJsse = Https.request(url, Tls.client("SunJSSE").getSocketFactory(), null);
                assertEquals("hello", sunJsse.body(), "SunJSSE's own socket is not given the SNIHostName");
            });
        }
    }

    /**
     * The workaround: the application's own HostnameVerifier (here one that refuses everything).
     * The certificate's iPAddress SAN ::1 matches in the JDK's own check, so the verifier is never
     * asked; Bastion sent no SNI for the IP address and carried the connection.
     */
    @Test
    void ownHostnameVerifierConnectsAndTheJdkChecksTheIpSan() throws Exception {
        try (HttpsTestServer server = new HttpsTestServer(V6_LOOPBACK, serverContext("::1"))) {
            List<String> asked = new CopyOnWriteArrayList<>();
            assertTimeoutPreemptively(LIMIT, () -> {
                HttpsURLConnection c = open("https://[::1]:" + server.port() + "/", refuseAll(asked));
                assertEquals(200, c.getResponseCode());
                assertEquals("dev.bastion.tls.session.BastionSession",
                        c.getSSLSession().orElseThrow().getClass().getName(), "who carried the client side");
                try (InputStream in = c.getInputStream()) {
                    assertEquals("hello", new String(in.readAllBytes(), "UTF-8"));
                }
            });
            assertEquals(List.of(), asked, "the verifier is asked only on a mismatch");
            assertEquals(List.of(), server.requestedNames().get(0), "no SNI for an IP address");
        }
    }

    /** The same workaround stays strict: a certificate for another IPv6 address is refused after the handshake. */
    @Test
    void ownHostnameVerifierStillRefusesAWrongIpSan() throws Exception {
        try (HttpsTestServer server = new HttpsTestServer(V6_LOOPBACK, serverContext("::2", "localhost"))) {
            List<String> asked = new CopyOnWriteArrayList<>();
            assertTimeoutPreemptively(LIMIT, () -> {
                HttpsURLConnection c = open("https://[::1]:" + server.port() + "/", refuseAll(asked));
                IOException e = assertThrows(IOException.class, c::getResponseCode);
                assertTrue(e.getMessage().toLowerCase().contains("hostname") && e.getMessage().contains("[::1]"),
                        e.getMessage());
            });
            assertEquals(List.of("::1"), asked, "the JDK's check failed and asked the verifier");
            assertEquals(List.of(), server.clientPorts(), "no request was sent");
        }
    }

    private static HttpsURLConnection open(String url, HostnameVerifier verifier) throws Exception {
        HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection();
        c.setSSLSocketFactory(Tls.client("Bastion").getSocketFactory());
        c.setHostnameVerifier(verifier);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(20_000);
        return c;
    }

    private static HostnameVerifier refuseAll(List<String> asked) {
        return (host, session) -> {
            asked.add(host);
            return false;
        };
    }

    private static SSLContext serverContext(String... names) throws Exception {
        return Credentials.get().contextWith("Bastion", Credentials.get().serverKeyStore(KeyType.EC_P256, names), true);
    }

    private static InetAddress v6Loopback() {
        try {
            return InetAddress.getByName("::1");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return fail("no " + type.getName() + " in " + chain(t));
    }

    private static boolean hasFrame(Throwable t, String className, String method) {
        return Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(className) && f.getMethodName().equals(method));
    }

    private static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            sb.append(c).append(" <- ");
        }
        return sb.toString();
    }
}
