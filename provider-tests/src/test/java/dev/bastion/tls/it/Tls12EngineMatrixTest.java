package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionSessions;
import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.MatrixChecks;
import dev.bastion.tls.it.support.Providers;
import dev.bastion.tls.it.support.RunningJdk;
import dev.bastion.tls.it.support.Tls12Wire;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Full TLS 1.2 handshakes between every pair of providers under test, for every TLS 1.2 suite ×
 * certificate type that fits it (RSA; ECDSA P-256 and P-384 and Ed25519 for the ECDSA suites; the
 * client's certificate of the same type), with and without client authentication, with SNI and
 * ALPN, then application data both ways; and version negotiation between TLS 1.3+1.2 and TLS 1.2-only engines.
 *
 * <p>As in {@link EngineHandshakeMatrixTest}, the group dimension runs in separate JVMs with
 * {@code jdk.tls.namedGroups} set (see the pom): with an EC group only, the ECDHE suites use it
 * and DHE falls back to the server's own 2048-bit group (the client offers no FFDHE group,
 * RFC 7919 §4); with ffdhe2048 only, the DHE suites use it and the ECDHE suites are left out.
 * An ECDSA P-256 (P-384) certificate needs secp256r1 (secp384r1) among the client's groups
 * (RFC 8422 §5.1; SunJSSE and Bastion servers both refuse it otherwise), so with another single
 * group the ECDSA suites run with the Ed25519 certificate and the matching ECDSA one only.
 *
 * <p>Suites the running JDK's {@code jdk.tls.disabledAlgorithms} disables (RSA key transport,
 * {@code TLS_RSA_*}, from JDK 24 on; none of these on JDK 17) are left out of the handshake
 * matrix: {@link #suitesTheJdkDisablesAreRefused} checks that both providers refuse them alike.
 */
class Tls12EngineMatrixTest {
    static final String[] SUITES = {
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_AES_128_GCM_SHA256"};

    static Stream<Arguments> matrix() {
        String onlyGroup = System.getProperty("jdk.tls.namedGroups", "");
        List<Arguments> out = new ArrayList<>();
        for (String[] pair : Providers.pairs()) {
            for (String suite : SUITES) {
                if (suite.contains("ECDHE") && onlyGroup.startsWith("ffdhe") || RunningJdk.suiteDisabled(suite)) {
                    continue;
                }
                for (KeyType type : keyTypes(suite, onlyGroup)) {
                    out.add(Arguments.of(pair[0], pair[1], suite, type, false));
                    out.add(Arguments.of(pair[0], pair[1], suite, type, true));
                }
            }
        }
        return out.stream();
    }

    private static List<KeyType> keyTypes(String suite, String onlyGroup) {
        if (!suite.contains("ECDSA")) {
            return List.of(KeyType.RSA);
        }
        if (onlyGroup.isEmpty()) {
            return List.of(KeyType.EC_P256, KeyType.EC_P384, KeyType.ED25519);
        }
        return onlyGroup.equals("secp256r1") ? List.of(KeyType.EC_P256, KeyType.ED25519)
                : onlyGroup.equals("secp384r1") ? List.of(KeyType.EC_P384, KeyType.ED25519) : List.of(KeyType.ED25519);
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}, {3}, client auth {4}")
    @MethodSource("matrix")
    void handshakeAndExchange(String clientProvider, String serverProvider, String suite, KeyType type,
            boolean clientAuth) throws Exception {
        EnginePair pair = engines(clientProvider, serverProvider, suite, type, clientAuth).handshake();
        SSLEngine client = pair.client;
        SSLEngine server = pair.server;

        for (SSLEngine e : new SSLEngine[] {client, server}) {
            SSLSession s = e.getSession();
            assertEquals("TLSv1.2", s.getProtocol(), e.getUseClientMode() ? "client" : "server");
            assertEquals(suite, s.getCipherSuite());
            assertEquals("h2", e.getApplicationProtocol());
            assertEquals(32, s.getId().length, "the ServerHello's session_id");
        }
        assertArrayEquals(client.getSession().getId(), server.getSession().getId());
        assertEquals("CN=localhost", ((X509Certificate) client.getSession().getPeerCertificates()[0])
                .getSubjectX500Principal().getName());
        MatrixChecks.assertServerSawSni(server);
        if (clientAuth) {
            assertEquals(2, server.getSession().getPeerCertificates().length);
            assertEquals(2, client.getSession().getLocalCertificates().length);
        }
        checkSignatureSchemes(pair, type, suite, clientAuth);
        checkGroup(client, server, suite);
        byte[] request = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(request, pair.send(true, request));
        byte[] response = new byte[40_000];
        new java.util.Random(1).nextBytes(response);
        assertArrayEquals(response, pair.send(false, response));
    }

    /** A client and a server of the matrix: TLS 1.2 and {@code suite} only, ALPN, SNI, client authentication if asked. */
    private static EnginePair engines(String clientProvider, String serverProvider, String suite, KeyType type,
            boolean clientAuth) throws Exception {
        return MatrixChecks.engines(clientProvider, serverProvider, "TLSv1.2", suite, type, clientAuth);
    }

    /**
     * The suites of {@link #SUITES} the running JDK disables ({@link RunningJdk#suiteDisabled}:
     * {@code TLS_RSA_*} from JDK 24 on) neither provider supports, and the others both do; with a
     * disabled suite as its only one, every client of every pair fails its handshake before it
     * sends a byte, with SunJSSE's "No appropriate protocol" (Bastion adds what was left), and
     * has no session. A suite the application enables is filtered when the handshake starts, as
     * SunJSSE does, not refused by {@code setEnabledCipherSuites}.
     */
    @Test
    void suitesTheJdkDisablesAreRefused() throws Exception {
        for (String suite : SUITES) {
            boolean disabled = RunningJdk.suiteDisabled(suite);
            for (String provider : Providers.UNDER_TEST) {
                assertEquals(!disabled, List.of(context(provider).getSupportedSSLParameters().getCipherSuites())
                        .contains(suite), provider + " supports " + suite);
            }
            for (String[] pair : disabled ? Providers.pairs() : List.<String[]>of()) {
                EnginePair engines = engines(pair[0], pair[1], suite, KeyType.RSA, false);
                assertEquals(List.of(suite), List.of(engines.client.getEnabledCipherSuites()), "enabled as set");
                SSLHandshakeException e = assertThrows(SSLHandshakeException.class, engines::handshake,
                        pair[0] + " client, " + pair[1] + " server, " + suite);
                assertTrue(e.getMessage().startsWith(
                        "No appropriate protocol (protocol is disabled or cipher suites are inappropriate)"), e.getMessage());
                assertEquals(0, engines.handshakeBytes(true).length, "the client sent nothing");
                assertEquals("SSL_NULL_WITH_NULL_NULL", engines.client.getSession().getCipherSuite());
            }
        }
    }

    private static SSLContext context(String provider) throws Exception {
        return Credentials.get().context(provider, null, false);
    }

    /**
     * The SignatureAndHashAlgorithm each signer chose, read from the plaintext handshake (the
     * session API does not tell): the server's in its ServerKeyExchange (not sent with RSA key
     * transport), the client's in its CertificateVerify. An ECDSA key signs with the scheme of its
     * own curve (ecdsa_secp384r1_sha384 for P-384), as SunJSSE's signers choose, though TLS 1.2
     * itself would allow any hash (RFC 5246 §7.4.1.4.1).
     */
    private static void checkSignatureSchemes(EnginePair pair, KeyType type, String suite, boolean clientAuth) {
        OptionalInt ske = Tls12Wire.serverKeyExchangeScheme(pair.handshakeBytes(false));
        assertEquals(suite.startsWith("TLS_RSA_"), ske.isEmpty(), "a ServerKeyExchange unless RSA key transport");
        OptionalInt cv = Tls12Wire.certificateVerifyScheme(pair.handshakeBytes(true));
        assertEquals(clientAuth, cv.isPresent(), "a CertificateVerify with client authentication");
        OptionalInt expected = switch (type) {
            case EC_P256 -> OptionalInt.of(0x0403);
            case EC_P384 -> OptionalInt.of(0x0503);
            case ED25519 -> OptionalInt.of(0x0807);
            default -> OptionalInt.empty(); // RSA: PKCS#1 or PSS, either is right
        };
        if (expected.isPresent() && ske.isPresent()) {
            assertEquals(Integer.toHexString(expected.getAsInt()), Integer.toHexString(ske.getAsInt()), "server's scheme");
        }
        if (expected.isPresent() && cv.isPresent()) {
            assertEquals(Integer.toHexString(expected.getAsInt()), Integer.toHexString(cv.getAsInt()), "client's scheme");
        }
    }

    /** Bastion's sessions report the group: the JVM's one for ECDHE, ffdhe2048 for DHE, none for RSA. */
    private static void checkGroup(SSLEngine client, SSLEngine server, String suite) {
        String onlyGroup = System.getProperty("jdk.tls.namedGroups");
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            if (!e.getClass().getName().startsWith("dev.bastion.")) {
                continue;
            }
            Optional<String> group = BastionSessions.namedGroup(e.getSession());
            if (suite.startsWith("TLS_RSA_")) {
                assertEquals(Optional.empty(), group);
            } else if (suite.startsWith("TLS_DHE_")) {
                assertEquals(Optional.of("ffdhe2048"), group);
            } else if (onlyGroup != null) {
                assertEquals(Optional.of(onlyGroup), group);
            } else {
                assertTrue(group.isPresent());
                assertFalse(group.get().equals("X25519MLKEM768"), "a hybrid group in TLS 1.2");
            }
        }
    }

    static Stream<Arguments> versionPairs() {
        List<Arguments> out = new ArrayList<>();
        for (String[] pair : Providers.pairs()) {
            out.add(Arguments.of(pair[0], pair[1], new String[] {"TLSv1.3", "TLSv1.2"}, new String[] {"TLSv1.2"}, "TLSv1.2"));
            out.add(Arguments.of(pair[0], pair[1], new String[] {"TLSv1.2"}, new String[] {"TLSv1.3", "TLSv1.2"}, "TLSv1.2"));
            out.add(Arguments.of(pair[0], pair[1], new String[] {"TLSv1.3", "TLSv1.2"},
                    new String[] {"TLSv1.3", "TLSv1.2"}, "TLSv1.3"));
        }
        return out.stream();
    }

    /** One ClientHello serves both versions; the server picks the highest both enable. */
    @ParameterizedTest(name = "{0} client {2}, {1} server {3} -> {4}")
    @MethodSource("versionPairs")
    void versionNegotiation(String clientProvider, String serverProvider, String[] clientVersions,
            String[] serverVersions, String expected) throws Exception {
        if (System.getProperty("jdk.tls.namedGroups", "").startsWith("ffdhe")) {
            return; // JDK-8328046 (see EngineHandshakeMatrixTest): TLS 1.3 FFDHE between SunJSSE 17 and others
        }
        SSLEngine client = Credentials.get().context(clientProvider, null, false).createSSLEngine("localhost", 443);
        // an RSA certificate: an ECDSA one would need secp256r1 among the groups in TLS 1.2 (RFC 8422 §5.1)
        SSLEngine server = Credentials.get().context(serverProvider, KeyType.RSA, true).createSSLEngine();
        client.setEnabledProtocols(clientVersions);
        server.setEnabledProtocols(serverVersions);
        EnginePair pair = new EnginePair(client, server).handshake();
        assertEquals(expected, client.getSession().getProtocol());
        assertEquals(expected, server.getSession().getProtocol());
        byte[] data = "ping".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(data, pair.send(true, data));
        assertArrayEquals(data, pair.send(false, data));
    }

    /**
     * Suites without a curve, so every per-group JVM can run them: AES-GCM with RSA key transport
     * unless the running JDK disables it (then with DHE only), and ChaCha20-Poly1305.
     */
    static Stream<String> sessionSuites() {
        return Stream.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256").filter(s -> !RunningJdk.suiteDisabled(s));
    }

    /**
     * After a TLS 1.2 handshake a Bastion session answers as SunJSSE's does (buffer sizes per
     * AEAD, id, validity).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("sessionSuites")
    void sessionAnswersMatchSunJsse(String suite) throws Exception {
        assertEquals(sessionAnswers("SunJSSE", suite), sessionAnswers("Bastion", suite));
    }

    private static List<String> sessionAnswers(String provider, String suite) throws Exception {
        KeyType type = suite.contains("ECDSA") ? KeyType.EC_P256 : KeyType.RSA;
        SSLEngine client = Credentials.get().context(provider, null, false).createSSLEngine("localhost", 443);
        SSLEngine server = Credentials.get().context(provider, type, true).createSSLEngine();
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            e.setEnabledProtocols(new String[] {"TLSv1.2"});
            e.setEnabledCipherSuites(new String[] {suite});
        }
        new EnginePair(client, server).handshake();
        List<String> out = new ArrayList<>();
        for (SSLEngine e : new SSLEngine[] {client, server}) {
            SSLSession s = e.getSession();
            out.add((e.getUseClientMode() ? "client " : "server ") + s.getProtocol() + " " + s.getCipherSuite()
                    + " packet=" + s.getPacketBufferSize() + " app=" + s.getApplicationBufferSize()
                    + " id=" + s.getId().length + " valid=" + s.isValid() + " peerHost=" + s.getPeerHost()
                    + " local=" + (s.getLocalCertificates() == null ? 0 : s.getLocalCertificates().length));
        }
        return out;
    }

    /**
     * Default suites and their order: those of the SunJSSE of the same JVM, restricted to the
     * AEAD suites Bastion implements; every TLS 1.2 suite the running JDK does not disable is
     * among them, RSA key transport (when not disabled, as on JDK 17) last.
     */
    @Test
    void defaultSuiteOrderIsSunJsses() throws Exception {
        List<String> bastion = List.of(context("Bastion").getDefaultSSLParameters().getCipherSuites());
        List<String> sun = List.of(context("SunJSSE").getDefaultSSLParameters().getCipherSuites()).stream()
                .filter(bastion::contains).toList();
        assertEquals(sun, bastion);
        List<String> notDisabled = Stream.of(SUITES).filter(s -> !RunningJdk.suiteDisabled(s)).toList();
        assertTrue(bastion.containsAll(notDisabled), "every TLS 1.2 suite the JDK does not disable is enabled by default");
        List<String> rsa = notDisabled.stream().filter(s -> s.startsWith("TLS_RSA_")).toList();
        assertEquals(rsa, bastion.subList(bastion.size() - rsa.size(), bastion.size()), "RSA key transport last");
    }
}
