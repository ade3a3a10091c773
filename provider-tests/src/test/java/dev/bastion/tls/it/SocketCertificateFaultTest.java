package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.Https;
import dev.bastion.tls.it.support.HttpsTestServer;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.RecordRelay;
import dev.bastion.tls.it.support.RunningJdk;
import dev.bastion.tls.it.support.SocketServer;
import dev.bastion.tls.it.support.Tls;
import dev.bastion.tls.it.support.Versions;
import java.io.IOException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Certificates and keys that are wrong, seen through sockets and {@code HttpsURLConnection},
 * each with SunJSSE (the reference) and Bastion on both sides: a chain from a CA the client
 * does not trust, an expired server certificate, a certificate for another host name, and a
 * key store opened with the wrong password. The exception's type and what its message says are
 * asserted; where the client refuses in a handshake, the server learns the matching alert.
 * (Closes and timeouts are in {@link SocketFaultTest}.)
 *
 * <p>SunJSSE's messages and alerts are those of the JDK the test runs on: since JDK-8311644
 * (JDK 23; so on JDK 25, not on JDK 17) its messages start with the alert's name in parentheses
 * and its TLS 1.3 client sends certificate_expired for an expired certificate
 * ({@link RunningJdk#sunJsseNamesAlerts}). Bastion's messages and alerts are the same on every JDK.
 */
class SocketCertificateFaultTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    static Stream<Arguments> providersAndVersions() {
        return Versions.providersAndVersions();
    }

    /**
     * The server's chain ends at a CA the client does not trust: no certification path. Both
     * providers' messages say "unable to find valid certification path", Bastion's also where
     * the chain ended (SunJSSE's start with "(certificate_unknown) " where it names alerts); the
     * server receives certificate_unknown.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void untrustedChain(String provider, String version) throws Exception {
        Refusal r = refuse(client(provider, false), server(provider, Credentials.get().keyStore(KeyType.EC_P256, true)), version,
                null);
        String m = r.client.getMessage();
        assertTrue(m.startsWith(sunAlertName(provider, "certificate_unknown") + "PKIX path building failed: "), m);
        assertTrue(m.contains("unable to find valid certification path to requested target"), m);
        if (provider.equals("Bastion")) {
            assertTrue(m.contains("the chain [CN=localhost <- CN=Bastion Test CA] ends at issuer CN=Bastion Test CA, "
                    + "which is not one of the 1 trusted certificates"), "Bastion says where the chain ends: " + m);
        }
        assertTrue(r.server.getMessage().contains("certificate_unknown"), r.server.getMessage());
    }

    /**
     * The server's certificate expired yesterday: both providers' messages and causes say it
     * expired ({@link CertificateExpiredException} in the cause chain), Bastion's message gives
     * the date; the server receives certificate_expired (RFC 8446 §6.2) from Bastion, and from
     * SunJSSE in TLS 1.2, and in TLS 1.3 where it names alerts (JDK 25; JDK 17's TLS 1.3 client
     * sends certificate_unknown).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void expiredServerCertificate(String provider, String version) throws Exception {
        KeyStore expired = Credentials.get().expiredServerKeyStore();
        Refusal r = refuse(client(provider, true), server(provider, expired), version, null);
        assertTrue(hasCause(r.client, CertificateExpiredException.class), "cause chain: " + causes(r.client));
        if (provider.equals("SunJSSE")) {
            assertTrue(r.client.getMessage().contains("validity check failed"), r.client.getMessage());
        } else {
            X509Certificate leaf = (X509Certificate) expired.getCertificate("server");
            assertTrue(r.client.getMessage().contains("CN=localhost expired on " + leaf.getNotAfter().toInstant()),
                    r.client.getMessage());
        }
        // SunJSSE 17's TLS 1.3 client sends the generic certificate_unknown; Bastion, SunJSSE in 1.2 and SunJSSE 25 the specific alert
        String alert = provider.equals("SunJSSE") && version.equals("TLSv1.3") && !RunningJdk.sunJsseNamesAlerts()
                ? "certificate_unknown" : "certificate_expired";
        assertEquals(sunAlertName(provider, alert) + "Received fatal alert: " + alert, r.server.getMessage());
    }

    /**
     * An SSLSocket with endpoint identification "HTTPS" reaches localhost, whose certificate
     * names only bastion.test: both providers refuse naming the host asked for; Bastion's
     * message also lists the names the certificate holds.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndVersions")
    void hostNameMismatchOnASocket(String provider, String version) throws Exception {
        SSLContext server = server(provider, Credentials.get().serverKeyStore(KeyType.EC_P256, "bastion.test"));
        Refusal r = refuse(client(provider, true), server, version, "HTTPS");
        assertMismatchMessage(provider, r.client.getMessage());
        assertTrue(r.server.getMessage().contains("certificate_unknown"), r.server.getMessage());
    }

    /** The same mismatch through {@code HttpsURLConnection} (which asks its socket for "HTTPS"). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SunJSSE", "Bastion"})
    void hostNameMismatchOverHttpsUrlConnection(String provider) throws Exception {
        SSLContext server = server(provider, Credentials.get().serverKeyStore(KeyType.EC_P256, "bastion.test"));
        try (HttpsTestServer https = new HttpsTestServer(server)) {
            assertTimeoutPreemptively(LIMIT, () -> {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> Https.request(
                        "https://localhost:" + https.port() + "/", client(provider, true).getSocketFactory(), null));
                assertMismatchMessage(provider, e.getMessage());
                assertTrue(https.clientPorts().isEmpty(), "no request reached the server");
            });
        }
    }

    /**
     * {@code KeyManagerFactory.init} with a password that does not open the key entry fails
     * there, with {@link UnrecoverableKeyException}, so the application never has key managers
     * to give {@code SSLContext.init} ({@code getKeyManagers} refuses). The reference is
     * SunJSSE's "SunX509", which opens every key at init; SunJSSE's "PKIX" opens keys only
     * when a handshake chooses one, so it has no init failure to compare with. Bastion's
     * message names the entry.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"SunJSSE, SunX509", "Bastion, PKIX", "Bastion, SunX509"})
    void wrongKeyStorePasswordFailsAtKeyManagerFactoryInit(String provider, String algorithm) throws Exception {
        Providers.install();
        KeyStore ks = Credentials.get().keyStore(KeyType.EC_P256, true);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(algorithm, provider);
        UnrecoverableKeyException e = assertThrows(UnrecoverableKeyException.class,
                () -> kmf.init(ks, "not-the-password".toCharArray()));
        assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a message");
        if (provider.equals("Bastion")) {
            assertTrue(e.getMessage().contains("does not open the private key of entry 'server'"), e.getMessage());
        }
        IllegalStateException notReady = assertThrows(IllegalStateException.class, kmf::getKeyManagers);
        assertTrue(notReady.getMessage().toLowerCase().contains("not initialized"), notReady.getMessage());
    }

    /** A client context of {@code provider} with its own trust manager, trusting the test CA or only an unrelated one. */
    private static SSLContext client(String provider, boolean trustCa) throws Exception {
        return Credentials.get().contextWith(provider, null, trustCa, true);
    }

    /** A server context of {@code provider} with its own key manager over {@code keys}. */
    private static SSLContext server(String provider, KeyStore keys) throws Exception {
        return Credentials.get().contextWith(provider, keys, true, true);
    }

    /** "(alert) " for SunJSSE where it names alerts in its messages ({@link RunningJdk#sunJsseNamesAlerts}), else "". */
    private static String sunAlertName(String provider, String alert) {
        return provider.equals("SunJSSE") && RunningJdk.sunJsseNamesAlerts() ? "(" + alert + ") " : "";
    }

    private static void assertMismatchMessage(String provider, String message) {
        assertTrue(message.contains("No subject alternative DNS name matching localhost found"), message);
        if (provider.equals("Bastion")) {
            assertTrue(message.contains("DNS names [bastion.test]"), "Bastion lists the certificate's names: " + message);
        }
    }

    /** The client's and the server's exceptions of a handshake the client refuses. */
    private record Refusal(SSLHandshakeException client, Throwable server) {
    }

    /**
     * Connects a {@code client} socket (endpoint identification {@code algorithm}, or none) to
     * a {@code server} through a relay (which drains the server's flight after the client left,
     * see {@link SocketFaultTest}), expects the client's handshake to fail and the server's to
     * fail from the client's alert.
     */
    private static Refusal refuse(SSLContext client, SSLContext server, String version, String algorithm) throws Exception {
        CompletableFuture<Throwable> atServer = new CompletableFuture<>();
        try (SocketServer ss = SocketServer.tls(server, s -> {
            try {
                ((SSLSocket) s).startHandshake();
                s.getInputStream().read();
                atServer.complete(null);
            } catch (IOException e) {
                atServer.complete(e);
            }
        }); RecordRelay relay = new RecordRelay(ss.port(), RecordRelay.Mode.FORWARD);
                SSLSocket s = Tls.connect(client, relay.port(), version)) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm(algorithm);
            s.setSSLParameters(p);
            return assertTimeoutPreemptively(LIMIT, () -> {
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, s::startHandshake);
                assertEquals("SSL_NULL_WITH_NULL_NULL", s.getSession().getCipherSuite());
                Throwable e2 = atServer.get(20, TimeUnit.SECONDS);
                assertInstanceOf(SSLException.class, e2, String.valueOf(e2));
                return new Refusal(e, e2);
            });
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> causes(Throwable t) {
        List<String> out = new ArrayList<>();
        for (Throwable c = t; c != null; c = c.getCause()) {
            out.add(c.toString());
        }
        return out;
    }
}
