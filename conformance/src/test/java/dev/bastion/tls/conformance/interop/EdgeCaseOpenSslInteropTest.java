package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.EngineServer.Accepted;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Corners of OpenSSL 3.0 interop the main tables do not reach: records shaped by the peer
 * ({@code -max_send_frag 512}, {@code -split_send_frag}, {@code -read_buf 1}) carrying a large
 * certificate chain and a 300 KB body both ways; server and client certificates with RSA-PSS
 * keys, Ed448, P-521, RSA-4096, a seven-certificate RSA-4096 chain, a chain out of order or mixed
 * with unrelated certificates, an IP-only SAN, an expired intermediate, an RSA-1024 key under
 * {@code RSA keySize < 2048}; a server restricted to one signature scheme or group; peers
 * offering only what Bastion does not implement (AES-CCM), which must fail with a clean
 * handshake_failure and a message naming the reason; the two largest RFC 7919 groups (ffdhe6144,
 * ffdhe8192) both ways; and an SNI with a trailing dot.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EdgeCaseOpenSslInteropTest {
    private static final TestPki PKI = TestPki.get();
    private static final ExtraPki EXTRA = ExtraPki.get();
    private static final Started SERVERS = new Started();
    private static final byte[] BODY = body();
    private static final Pattern ALERT_46 = Pattern.compile("Level=fatal\\(2\\), description=[^\\n]*\\(46\\)");
    /**
     * Threads for the blocking sides of a test (a server accepting, a reader, a writer): not the
     * common pool, which on a two-core machine may run one task at a time.
     */
    static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "edge-interop");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    /** 300,000 bytes of lower-case text in lines, written as {@code body.txt} beside the credentials. */
    private static byte[] body() {
        byte[] b = new byte[300_000];
        Random r = new Random(1);
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i % 100 == 99 ? '\n' : 'a' + r.nextInt(26));
        }
        try {
            Files.write(EXTRA.file("body.txt"), b);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return b;
    }

    private static TestPki.Credential extra(String name, Path chain) {
        return new TestPki.Credential(null, List.of(), EXTRA.key(name), chain, null);
    }

    private static TestPki.Credential extra(String name) {
        return extra(name, EXTRA.chain(name));
    }

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST) {
            for (String v : List.of("TLSv1.3", "TLSv1.2")) {
                for (String shape : List.of("-max_send_frag 512", "-max_send_frag 512 -split_send_frag 128 -max_pipelines 4",
                        "-read_buf 1")) {
                    out.add(Arguments.of(p, v, shape));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client {1} <- s_server {2}: 7-certificate RSA-4096 chain and 300 KB in small records")
    @MethodSource("shapes")
    void clientReadsSmallRecords(String provider, String version, String shape) throws IOException {
        OpenSslServer server = SERVERS.get("shape " + version + shape, OpenSslServer.class, () -> {
            OpenSslServer.Builder b = OpenSslServer.builder(extra(ExtraPki.BIG_CHAIN)).version(version).flag("-WWW")
                    .directory(EXTRA.dir());
            for (String[] kv : pairs(shape)) {
                b = kv.length == 1 ? b.flag(kv[0]) : b.add(kv[0], kv[1]);
            }
            return b.start();
        });
        SSLContext ctx = Providers.context(provider, "TLS", null, EXTRA.trustManagers());
        try (SSLSocket s = connect(ctx, "localhost", server.port(), version)) {
            s.startHandshake();
            assertEquals(version, s.getSession().getProtocol());
            assertTrue(s.getSession().getPeerCertificates().length >= 6, "the leaf and its five intermediates");
            s.getOutputStream().write("GET /body.txt HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            byte[] all = s.getInputStream().readAllBytes();
            byte[] tail = Arrays.copyOfRange(all, Math.max(0, all.length - BODY.length), all.length);
            assertEquals(BODY.length, all.length - indexOfBody(all), "body length");
            assertArrayEquals(BODY, tail, "body content");
        }
    }

    @ParameterizedTest(name = "s_client {2} {1} -> {0} server: 300 KB in small records, echoed")
    @MethodSource("shapes")
    void serverReadsSmallRecords(String provider, String version, String shape) throws Exception {
        SSLContext ctx = Providers.context(provider, "TLS", EXTRA.keyManagers(ExtraPki.BIG_CHAIN), null);
        try (SSLServerSocket listener = InteropSockets.listen(ctx)) {
            CompletableFuture<Throwable> served = CompletableFuture.supplyAsync(() -> InteropSockets.echo(listener, BODY.length), THREADS);
            List<String> cmd = new ArrayList<>(List.of("timeout", String.valueOf(Interop.STEP.toSeconds() * 2), "openssl",
                    "s_client", "-connect", Interop.LOOPBACK + ":" + listener.getLocalPort(), "-quiet", "-ign_eof",
                    version.equals("TLSv1.2") ? "-tls1_2" : "-tls1_3", "-CAfile", EXTRA.trustedCas().toString(),
                    "-verify_return_error"));
            for (String[] kv : pairs(shape)) {
                cmd.addAll(Arrays.asList(kv));
            }
            Path out = Interop.logFile("s_client-echo-");
            Process p = new ProcessBuilder(cmd).redirectInput(EXTRA.file("body.txt").toFile()).redirectOutput(out.toFile())
                    .redirectError(Interop.logFile("s_client-echo-err-").toFile()).start();
            try {
                assertTrue(p.waitFor(Interop.STEP.toSeconds() * 2 + 2, TimeUnit.SECONDS), "s_client finished");
            } finally {
                Interop.kill(p);
            }
            assertNull(served.get(Interop.STEP.toSeconds(), TimeUnit.SECONDS), "server read and echoed everything");
            assertArrayEquals(BODY, Files.readAllBytes(out), "s_client got back what it sent");
        }
    }

    static Stream<Arguments> serverKinds() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST) {
            for (String v : List.of("TLSv1.3", "TLSv1.2")) {
                for (String kind : List.of(ExtraPki.PSS, ExtraPki.ED448, ExtraPki.P521, ExtraPki.RSA4096,
                        "mid.unordered.pem", "mid.extra.pem", ExtraPki.IP_ONLY)) {
                    out.add(Arguments.of(p, v, kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client {1} -> s_server with certificate {2}")
    @MethodSource("serverKinds")
    void serverCertificate(String provider, String version, String kind) throws IOException {
        TestPki.Credential cred = kind.startsWith("mid.") ? extra(ExtraPki.MID, EXTRA.file(kind)) : extra(kind);
        String leaf = kind.startsWith("mid.") ? ExtraPki.MID : kind;
        OpenSslServer server = SERVERS.get("cert " + version + kind, OpenSslServer.class,
                () -> OpenSslServer.builder(cred).version(version).start());
        // the IP-only certificate is checked against the address connected to
        String host = kind.equals(ExtraPki.IP_ONLY) ? Interop.LOOPBACK : "localhost";
        EngineClient.Exchange x = EngineClient.get(engine(provider, version, host, null), server.port(), null);
        server.nextTrace();

        assertEquals(version, x.session().protocol());
        assertEquals("CN=" + leaf, x.session().peerSubject());
        assertTrue(x.body().contains("Protocol  : " + version), x.body());
    }

    @ParameterizedTest(name = "{0} client {1} -> s_server whose intermediate expired: certificate_unknown")
    @MethodSource("versions")
    void expiredIntermediate(String provider, String version) throws IOException {
        OpenSslServer server = SERVERS.get("expired " + version, OpenSslServer.class,
                () -> OpenSslServer.builder(extra(ExtraPki.EXPIRED_INTERMEDIATE)).version(version).start());
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> EngineClient.get(engine(provider, version, "localhost", null), server.port(), null));
        String trace = server.nextTrace("Level=fatal");
        assertTrue(ALERT_46.matcher(trace).find(), "s_server got certificate_unknown (46):\n" + trace);
        assertTrue(String.valueOf(e.getMessage()).contains("PKIX"), "the validator's reason: " + e);
    }

    static Stream<Arguments> clientKinds() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST) {
            for (String v : List.of("TLSv1.3", "TLSv1.2")) {
                for (String kind : List.of(ExtraPki.PSS, ExtraPki.ED448, ExtraPki.P521, ExtraPki.RSA4096, ExtraPki.MID)) {
                    out.add(Arguments.of(p, v, kind));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "s_client {1} with a {2} certificate -> {0} server needing one")
    @MethodSource("clientKinds")
    void clientCertificate(String provider, String version, String kind) throws Exception {
        EngineServer server = SERVERS.get(provider + " need " + version, EngineServer.class, () -> {
            SSLContext ctx = Providers.context(provider, "TLS", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))),
                    EXTRA.trustManagers());
            return new EngineServer("edge-" + provider, () -> {
                SSLEngine e = ctx.createSSLEngine();
                e.setEnabledProtocols(new String[] {version});
                e.setNeedClientAuth(true);
                return e;
            }, null);
        });
        OpenSslClient.Result r = OpenSslClient.verifying(PKI, "localhost").version(version).certificate(extra(kind))
                .add("-cert_chain", EXTRA.chain(kind).toString()).run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals("CN=" + kind, a.session().peerSubject());
        assertTrue(r.gotResponse(), r.output());
    }

    /** Bastion only: SunJSSE reads jdk.tls.disabledAlgorithms once per JVM. */
    @ParameterizedTest(name = "{0} client {1} -> s_server with an RSA-1024 key, RSA keySize < 2048 disabled")
    @MethodSource("bastionVersions")
    void weakRsaServerKeyRefusedByPolicy(String provider, String version) throws IOException {
        OpenSslServer server = SERVERS.get("rsa1024 " + version, OpenSslServer.class,
                () -> OpenSslServer.builder(extra(ExtraPki.RSA1024)).version(version).cipher("ALL@SECLEVEL=0").start());
        SSLContext ctx = Providers.bastionWith(Map.of(), Map.of("jdk.tls.disabledAlgorithms",
                "SSLv3, TLSv1, TLSv1.1, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL, "
                        + "RSA keySize < 2048"), null, EXTRA.trustManagers());
        SSLEngine engine = Providers.clientEngine(ctx);
        engine.setEnabledProtocols(new String[] {version});
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> EngineClient.get(engine, server.port(), null));
        String trace = server.nextTrace("Level=fatal");
        assertTrue(ALERT_46.matcher(trace).find(), "s_server got certificate_unknown (46):\n" + trace);
        assertTrue(e.getMessage().contains("RSA key is disabled by jdk.tls.disabledAlgorithms"), e.getMessage());
    }

    static Stream<Arguments> singleScheme() {
        return Providers.underTest().flatMap(p -> Stream.of(
                Arguments.of(p, "ed448", ExtraPki.ED448),
                Arguments.of(p, "rsa_pss_pss_sha256", ExtraPki.PSS),
                Arguments.of(p, "rsa_pss_pss_sha512", ExtraPki.PSS),
                Arguments.of(p, "ecdsa_secp521r1_sha512", ExtraPki.P521),
                Arguments.of(p, "rsa_pss_rsae_sha512", ExtraPki.RSA4096)));
    }

    @ParameterizedTest(name = "{0} client -> s_server -sigalgs {1} ({2} certificate)")
    @MethodSource("singleScheme")
    void serverLimitedToOneScheme(String provider, String scheme, String kind) throws IOException {
        OpenSslServer server = SERVERS.get("sigalgs " + scheme, OpenSslServer.class,
                () -> OpenSslServer.builder(extra(kind)).version("TLSv1.3").sigalgs(scheme).start());
        EngineClient.Exchange x = EngineClient.get(engine(provider, "TLSv1.3", "localhost", null), server.port(), null);
        String trace = server.nextTrace();
        assertEquals("CN=" + kind, x.session().peerSubject());
        assertTrue(trace.contains("Signature Algorithm: " + scheme), "s_server's CertificateVerify uses " + scheme);
    }

    @ParameterizedTest(name = "{0} server <- s_client offering only {1}: handshake_failure, \"{2}\"")
    @MethodSource("unsupportedOffers")
    void unsupportedOfferFailsCleanly(String provider, String option, String reason) throws Exception {
        EngineServer server = SERVERS.get(provider + " plain", EngineServer.class, () -> {
            SSLContext ctx = Providers.context(provider, "TLS", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))), null);
            return new EngineServer("edge-plain-" + provider, ctx::createSSLEngine, null);
        });
        String[] kv = option.split(" ");
        OpenSslClient.Result r = OpenSslClient.verifying(PKI, "localhost").version("TLSv1.3").add(kv[0], kv[1])
                .run(server.port());
        Accepted a = server.next();

        assertTrue(a.failure() instanceof SSLHandshakeException, "server failure: " + a.failure());
        assertTrue(a.failure().getMessage().contains(reason), a.failure().getMessage());
        assertTrue(r.output().contains("SSL alert number 40"), "s_client got handshake_failure:\n" + r.output());
    }

    static Stream<Arguments> unsupportedOffers() {
        return Stream.of(Arguments.of("Bastion", "-ciphersuites TLS_AES_128_CCM_SHA256", "no TLS 1.3 cipher suite in common"),
                Arguments.of("Bastion", "-ciphersuites TLS_AES_128_CCM_8_SHA256", "no TLS 1.3 cipher suite in common"));
    }

    /**
     * ffdhe6144 and ffdhe8192 (RFC 7919 A.4, A.5), which SunJSSE also supports: s_client offering
     * only one of them gets it from a Bastion server, and a Bastion client gets it from s_server
     * restricted to it (after a HelloRetryRequest: Bastion sends no share for them first).
     */
    @ParameterizedTest(name = "TLS 1.3 over {0} only: s_client -> Bastion server, Bastion client -> s_server")
    @ValueSource(strings = {"ffdhe6144", "ffdhe8192"})
    void largestFfdheGroupsBothWays(String group) throws Exception {
        EngineServer server = SERVERS.get("Bastion plain", EngineServer.class, () -> {
            SSLContext ctx = Providers.context("Bastion", "TLS", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))), null);
            return new EngineServer("edge-plain-Bastion", ctx::createSSLEngine, null);
        });
        OpenSslClient.Result r = OpenSslClient.verifying(PKI, "localhost").version("TLSv1.3").add("-groups", group)
                .run(server.port());
        Accepted a = server.next();
        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals(group, r.serverHello().groupName(), r.output());

        OpenSslServer peer = SERVERS.get("groups " + group, OpenSslServer.class,
                () -> OpenSslServer.builder(PKI.server(ServerKey.EC)).version("TLSv1.3").groups(group).start());
        EngineClient.Exchange x = EngineClient.get(engine("Bastion", "TLSv1.3", "localhost", PKI), peer.port(), null);
        assertEquals("TLSv1.3", x.session().protocol());
        assertTrue(peer.nextTrace().contains(group), "s_server's trace names " + group);
    }

    @ParameterizedTest(name = "{0} client -> s_server -ciphersuites {1}: handshake_failure")
    @MethodSource("ccmSuites")
    void ccmOnlyServerFailsCleanly(String provider, String suite) throws IOException {
        OpenSslServer server = SERVERS.get("ccm " + suite, OpenSslServer.class,
                () -> OpenSslServer.builder(PKI.server(ServerKey.EC)).version("TLSv1.3").ciphersuites(suite).start());
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> EngineClient.get(engine(provider, "TLSv1.3", "localhost", PKI), server.port(), null));
        assertTrue(e.getMessage().contains("handshake_failure"), e.getMessage());
        assertTrue(logShows(server, "no shared cipher"), server.log());
    }

    static Stream<Arguments> ccmSuites() {
        return Providers.underTest().flatMap(p -> Stream.of(Arguments.of(p, "TLS_AES_128_CCM_SHA256"),
                Arguments.of(p, "TLS_AES_128_CCM_8_SHA256")));
    }

    @ParameterizedTest(name = "s_client -servername localhost. -> {0} server: illegal_parameter")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void sniWithTrailingDot(String provider) throws Exception {
        EngineServer server = SERVERS.get(provider + " plain", EngineServer.class, () -> {
            SSLContext ctx = Providers.context(provider, "TLS", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))), null);
            return new EngineServer("edge-plain-" + provider, ctx::createSSLEngine, null);
        });
        OpenSslClient.Result r = OpenSslClient.verifying(PKI, "localhost").servername("localhost.").run(server.port());
        Accepted a = server.next();
        assertTrue(a.failure() instanceof SSLException, "server failure: " + a.failure());
        assertTrue(r.output().contains("SSL alert number 47"), "s_client got illegal_parameter:\n" + r.output());
        if (provider.equals("Bastion")) {
            assertTrue(a.failure().getMessage().toLowerCase(Locale.ROOT).contains("trailing dot"), a.failure().getMessage());
        }
    }

    static Stream<Arguments> bastionVersions() {
        return Stream.of(Arguments.of("Bastion", "TLSv1.3"), Arguments.of("Bastion", "TLSv1.2"));
    }

    /** Waits (at most a step) until s_server's log holds {@code text}. */
    static boolean logShows(OpenSslServer server, String text) {
        long deadline = System.nanoTime() + Interop.STEP.toNanos();
        while (!server.log().contains(text)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Interop.pause(20);
        }
        return true;
    }

    static Stream<Arguments> versions() {
        return Providers.underTest().flatMap(p -> Stream.of(Arguments.of(p, "TLSv1.3"), Arguments.of(p, "TLSv1.2")));
    }

    private static SSLEngine engine(String provider, String version, String host, TestPki trust) {
        SSLContext ctx = Providers.context(provider, "TLS", null, trust != null ? trust.trustManagers() : EXTRA.trustManagers());
        SSLEngine engine = ctx.createSSLEngine(host, 443);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {version});
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
        return engine;
    }

    private static SSLSocket connect(SSLContext ctx, String host, int port, String version) throws IOException {
        java.net.Socket raw = new java.net.Socket();
        raw.connect(new InetSocketAddress(Interop.LOOPBACK, port), (int) Interop.STEP.toMillis());
        raw.setSoTimeout((int) Interop.STEP.toMillis());
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true);
        s.setEnabledProtocols(new String[] {version});
        SSLParameters p = s.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        return s;
    }

    private static int indexOfBody(byte[] response) {
        String head = new String(response, 0, Math.min(response.length, 512), StandardCharsets.ISO_8859_1);
        int i = head.indexOf("\r\n\r\n");
        return i < 0 ? 0 : i + 4;
    }

    private static List<String[]> pairs(String options) {
        List<String[]> out = new ArrayList<>();
        String[] t = options.split(" ");
        for (int i = 0; i < t.length; i++) {
            if (i + 1 < t.length && !t[i + 1].startsWith("-")) {
                out.add(new String[] {t[i], t[i + 1]});
                i++;
            } else {
                out.add(new String[] {t[i]});
            }
        }
        return out;
    }
}
