package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.EngineClient.Exchange;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The provider under test as a TLS 1.3 client (its {@code SSLEngine} over a socket) against
 * {@code openssl s_server}. Each case checks the provider's own session, what OpenSSL says it
 * negotiated (its {@code -www} page and {@code -trace}) and the hellos on the wire.
 * s_server processes are shared between cases with the same configuration.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenSslServerInteropTest {
    static final List<String> SUITES = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256");
    static final List<String> GROUPS = List.of("x25519", "secp256r1", "secp384r1", "x448", "ffdhe2048");
    private static final String ALL_SUITES = String.join(":", SUITES);

    private static final TestPki PKI = TestPki.get();
    private static final Started SERVERS = new Started();

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    static Stream<Arguments> suitesAndGroups() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST) {
            for (String g : GROUPS) {
                if (!Providers.conformsToFfdhePadding(p) && g.startsWith("ffdhe")) {
                    continue; // see Providers.conformsToFfdhePadding
                }
                for (String s : SUITES) {
                    out.add(Arguments.of(p, s, g));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client -> s_server: {1}, {2}")
    @MethodSource
    void suitesAndGroups(String provider, String suite, String group) throws IOException {
        OpenSslServer server = server("group " + group, b -> b.groups(group));
        SSLEngine engine = client(provider, false);
        engine.setEnabledCipherSuites(new String[] {suite});

        Exchange x = EngineClient.get(engine, server.port(), null);
        String trace = server.nextTrace();

        assertEquals("TLSv1.3", x.session().protocol(), "provider's session protocol");
        assertEquals(suite, x.session().cipherSuite(), "provider's session suite");
        assertTrue(x.body().contains("Protocol  : TLSv1.3"), "s_server's page:\n" + x.body());
        assertTrue(x.body().contains("Cipher    : " + suite), "s_server's page:\n" + x.body());
        WireView.ServerHello sent = OpenSslServer.lastServerHello(trace);
        assertEquals(group, sent.groupName(), "group in s_server's ServerHello (its trace)");
        assertEquals(suite, sent.suiteName(), "suite in s_server's ServerHello (its trace)");
        assertEquals(Optional.of(group), x.wire().group(), "group on the wire: " + x.wire());
        boolean shareOffered = x.wire().clientHellos().get(0).keyShareGroups().stream().map(TlsNames::group)
                .anyMatch(group::equals);
        assertEquals(!shareOffered, x.wire().helloRetryRequest(), "HelloRetryRequest iff no key share for " + group
                + " in the first ClientHello: " + x.wire());
        assertEquals(!shareOffered, OpenSslTrace.serverHellos(trace).get(0).helloRetryRequest(),
                "s_server's trace agrees on the HelloRetryRequest");
        assertTrue(x.closeNotifyReceived(), "s_server closes with close_notify");
    }

    static Stream<Arguments> serverKeys() {
        return Providers.underTest().flatMap(p -> Stream.of(ServerKey.values()).map(k -> Arguments.of(p, k)));
    }

    @ParameterizedTest(name = "{0} client -> s_server with {1} certificate")
    @MethodSource("serverKeys")
    void serverCertificate(String provider, ServerKey key) throws IOException {
        OpenSslServer server = server("cert " + key, PKI.server(key), b -> b);
        Exchange x = EngineClient.get(client(provider, false), server.port(), null);
        String trace = server.nextTrace();

        assertEquals("TLSv1.3", x.session().protocol());
        assertEquals("CN=localhost", x.session().peerSubject());
        assertEquals(PKI.server(key).leaf().getPublicKey().getAlgorithm(), x.session().peerKeyAlgorithm());
        String scheme = switch (key) {
            case RSA -> "Signature Algorithm: rsa_pss_rsae_sha";
            case EC -> "Signature Algorithm: ecdsa_secp256r1_sha256";
            case EC_P384 -> "Signature Algorithm: ecdsa_secp384r1_sha384";
            case ED25519 -> "Signature Algorithm: ed25519";
        };
        assertTrue(trace.contains(scheme), "s_server's CertificateVerify uses " + scheme + ":\n" + trace);
    }

    @ParameterizedTest(name = "{0} client -> s_server: SNI {1} selects the server certificate")
    @MethodSource("sniNames")
    void sni(String provider, String sni) throws IOException {
        OpenSslServer server = server("sni", b -> b.sni(TestPki.SNI_HOST, PKI.sniServer()));
        SSLEngine engine = client(provider, false, sni);
        SSLParameters p = engine.getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(sni)));
        engine.setSSLParameters(p);

        Exchange x = EngineClient.get(engine, server.port(), null);
        String trace = server.nextTrace();

        assertEquals("CN=" + sni, x.session().peerSubject(), "server certificate chosen by SNI");
        assertEquals(sni, x.wire().clientHellos().get(0).serverName(), "SNI on the wire");
        assertTrue(trace.contains("extension_type=server_name(0)"), "s_server received SNI:\n" + trace);
    }

    @ParameterizedTest(name = "{0} client -> s_server: ALPN [h2, http/1.1] offered, http/1.1 selected")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void alpn(String provider) throws IOException {
        OpenSslServer server = server("alpn", b -> b.alpn("http/1.1"));
        SSLEngine engine = client(provider, false);
        SSLParameters p = engine.getSSLParameters();
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        engine.setSSLParameters(p);

        Exchange x = EngineClient.get(engine, server.port(), null);
        String trace = server.nextTrace();

        assertEquals("http/1.1", x.session().applicationProtocol());
        assertEquals(List.of("h2", "http/1.1"), x.wire().clientHellos().get(0).alpn(), "ALPN on the wire");
        int ee = trace.indexOf("EncryptedExtensions, Length=");
        assertTrue(ee > 0 && trace.indexOf("application_layer_protocol_negotiation(16)", ee) > 0
                && trace.indexOf("http/1.1", ee) > 0, "s_server's EncryptedExtensions selects http/1.1:\n" + trace);
    }

    static Stream<Arguments> sniNames() {
        return Providers.underTest().flatMap(p -> Stream.of(Arguments.of(p, TestPki.SNI_HOST), Arguments.of(p, "localhost")));
    }

    @ParameterizedTest(name = "{0} client -> s_server requiring a client certificate: sends one")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void clientCertificate(String provider) throws IOException {
        OpenSslServer server = server("client auth", b -> b.requireClientCertificate(PKI));
        Exchange x = EngineClient.get(client(provider, true), server.port(), null);
        server.nextTrace();

        assertEquals("CN=bastion-interop-client", x.session().localSubject());
        assertTrue(x.body().contains("Subject: CN=bastion-interop-client"), "s_server saw the client certificate:\n"
                + x.body());
    }

    @ParameterizedTest(name = "{0} client -> s_server requiring a client certificate: has none, gets certificate_required")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void missingClientCertificate(String provider) throws IOException {
        OpenSslServer server = server("client auth", b -> b.requireClientCertificate(PKI));
        SSLException e = assertThrows(SSLException.class,
                () -> EngineClient.get(client(provider, false), server.port(), null));
        String trace = server.nextTrace("Level=fatal");

        assertTrue(java.util.regex.Pattern.compile("Level=fatal\\(2\\), description=[^\\n]*\\(116\\)").matcher(trace).find(),
                "s_server sent certificate_required (116):\n" + trace);
        String msg = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        assertTrue(msg.contains("certificate") && msg.contains("required"), "provider reports the alert: " + e);
    }

    private static SSLEngine client(String provider, boolean withCertificate) {
        return client(provider, withCertificate, "localhost");
    }

    private static SSLEngine client(String provider, boolean withCertificate, String host) {
        SSLContext ctx = Providers.context(provider, "TLSv1.3",
                withCertificate ? TestPki.keyManagers(List.of(PKI.client())) : null, PKI.trustManagers());
        SSLEngine engine = ctx.createSSLEngine(host, 443);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {"TLSv1.3"});
        SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
        return engine;
    }

    private static OpenSslServer server(String name, java.util.function.UnaryOperator<OpenSslServer.Builder> options)
            throws IOException {
        return server(name, PKI.server(ServerKey.EC), options);
    }

    private static OpenSslServer server(String name, TestPki.Credential cert,
            java.util.function.UnaryOperator<OpenSslServer.Builder> options) throws IOException {
        return SERVERS.get(name, OpenSslServer.class,
                () -> options.apply(OpenSslServer.builder(cert).version("TLSv1.3").ciphersuites(ALL_SUITES)).start());
    }
}
