package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.EngineServer.Accepted;
import dev.bastion.tls.conformance.interop.OpenSslClient.Result;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code openssl s_client} against the provider under test as a TLS 1.3 server (its
 * {@code SSLEngine} over accepted sockets, {@link EngineServer}). Each case checks what
 * OpenSSL reports (protocol, suite, group from its trace, {@code Server Temp Key}, signature
 * type, certificate verification, ALPN), the provider's own session and the hellos on the
 * wire. The server holds RSA-2048, ECDSA P-256, ECDSA P-384 and Ed25519 certificates; one server per
 * configuration is shared between cases.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenSslClientInteropTest {
    private static final TestPki PKI = TestPki.get();
    private static final Started SERVERS = new Started();

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    static Stream<Arguments> suitesAndGroups() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST) {
            for (String g : OpenSslServerInteropTest.GROUPS) {
                if (!Providers.conformsToFfdhePadding(p) && g.startsWith("ffdhe")) {
                    continue; // see Providers.conformsToFfdhePadding
                }
                for (String s : OpenSslServerInteropTest.SUITES) {
                    out.add(Arguments.of(p, s, g));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "s_client -> {0} server: {1}, {2}")
    @MethodSource
    void suitesAndGroups(String provider, String suite, String group) throws IOException {
        EngineServer server = server(provider, "plain", e -> { });
        Result r = client().ciphersuites(suite).groups(group).run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals("TLSv1.3", r.protocol(), r.output());
        assertEquals(suite, r.cipher(), r.output());
        assertEquals(group, r.serverHello().groupName(), "group in the ServerHello s_client received (its trace)");
        String tempKey = switch (group) {
            case "x25519" -> "X25519, 253 bits";
            case "x448" -> "X448, 448 bits";
            case "secp256r1" -> "ECDH, prime256v1, 256 bits";
            case "secp384r1" -> "ECDH, secp384r1, 384 bits";
            case "ffdhe2048" -> "DH, 2048 bits";
            default -> throw new IllegalArgumentException(group);
        };
        assertEquals(tempKey, r.serverTempKey(), "s_client's Server Temp Key line");
        assertEquals(0, r.verifyCode(), "s_client verified the chain and name: " + r.verifyText());
        assertTrue(r.gotResponse(), r.output());
        assertEquals(0, r.exitCode(), r.output());
        assertEquals("TLSv1.3", a.session().protocol(), "provider's session protocol");
        assertEquals(suite, a.session().cipherSuite(), "provider's session suite");
        assertEquals(Optional.of(group), a.wire().group(), "group the provider put on the wire: " + a.wire());
        assertEquals(r.helloRetryRequest(), a.wire().helloRetryRequest(), "both see the same HelloRetryRequest");
    }

    static Stream<Arguments> serverKeys() {
        return Providers.underTest().flatMap(p -> Stream.of(ServerKey.values()).map(k -> Arguments.of(p, k)));
    }

    @ParameterizedTest(name = "s_client -> {0} server: {1} certificate chosen by signature_algorithms")
    @MethodSource("serverKeys")
    void serverCertificate(String provider, ServerKey key) throws IOException {
        EngineServer server = server(provider, "plain", e -> { });
        String sigalgs = switch (key) {
            case RSA -> "rsa_pss_rsae_sha256:rsa_pkcs1_sha256"; // the second only for the CA's signature
            case EC -> "ecdsa_secp256r1_sha256";
            case EC_P384 -> "ecdsa_secp384r1_sha384";
            case ED25519 -> "ed25519";
        };
        String expectedType = switch (key) {
            case RSA -> "RSA-PSS";
            case EC, EC_P384 -> "ECDSA";
            case ED25519 -> "ed25519";
        };
        Result r = client().sigalgs(sigalgs).run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals(expectedType, r.peerSignatureType(), r.output());
        assertEquals(0, r.verifyCode(), r.verifyText());
        assertTrue(r.gotResponse(), r.output());
        assertEquals(PKI.server(key).leaf().getPublicKey().getAlgorithm(), a.session().localKeyAlgorithm());
    }

    @ParameterizedTest(name = "s_client -> {0} server: ALPN h2,http/1.1 offered, http/1.1 selected")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void alpn(String provider) throws IOException {
        EngineServer server = server(provider, "alpn", e -> {
            SSLParameters p = e.getSSLParameters();
            p.setApplicationProtocols(new String[] {"http/1.1"});
            e.setSSLParameters(p);
        });
        Result r = client().alpn("h2,http/1.1").run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals("http/1.1", r.alpn(), r.output());
        assertEquals("http/1.1", a.session().applicationProtocol());
        assertEquals(List.of("h2", "http/1.1"), a.wire().clientHellos().get(0).alpn());
    }

    @ParameterizedTest(name = "s_client -> {0} server: SNI {1} seen by the server, matching certificate chosen")
    @MethodSource("dev.bastion.tls.conformance.interop.OpenSslServerInteropTest#sniNames")
    void sni(String provider, String sni) throws IOException {
        EngineServer server = server(provider, "sni", e -> {
            SSLParameters p = e.getSSLParameters();
            p.setSNIMatchers(List.of(SNIHostName.createSNIMatcher("localhost|sni\\.bastion\\.test")));
            e.setSSLParameters(p);
        });
        Result r = OpenSslClient.verifying(PKI, sni).version("TLSv1.3").servername(sni)
                .sigalgs("ecdsa_secp256r1_sha256").run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals(List.of(sni), a.session().requestedServerNames());
        assertEquals("CN=" + sni, a.session().localSubject(), "certificate chosen for the SNI name");
        assertTrue(r.serverSubject().contains("CN = " + sni), r.serverSubject());
        assertEquals(0, r.verifyCode(), r.verifyText());
    }

    @ParameterizedTest(name = "s_client with a certificate -> {0} server needing client auth")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void clientCertificate(String provider) throws IOException {
        EngineServer server = server(provider, "need client auth", e -> e.setNeedClientAuth(true));
        Result r = client().certificate(PKI.client()).run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals("CN=bastion-interop-client", a.session().peerSubject());
        assertTrue(r.gotResponse(), r.output());
    }

    @ParameterizedTest(name = "s_client without a certificate -> {0} server needing client auth: certificate_required")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void missingClientCertificate(String provider) throws IOException {
        EngineServer server = server(provider, "need client auth", e -> e.setNeedClientAuth(true));
        Result r = client().run(server.port());
        Accepted a = server.next();

        assertNotNull(a.failure(), "the server must refuse the connection");
        assertTrue(a.failure() instanceof SSLException, "an SSLException: " + a.failure());
        assertFalse(r.gotResponse(), r.output());
        int alert = Providers.missingClientCertificateAlert(provider);
        assertTrue(r.output().contains("Level=fatal(2), description=") && r.output().contains("(" + alert + ")\n"),
                "s_client received alert " + alert + ":\n" + r.output());
    }

    private static OpenSslClient client() {
        return OpenSslClient.verifying(PKI, "localhost").version("TLSv1.3");
    }

    private static EngineServer server(String provider, String config, Consumer<SSLEngine> configure)
            throws IOException {
        String key = provider + "/" + config;
        return SERVERS.get(key, EngineServer.class, () -> {
            KeyManager[] keys = TestPki.keyManagers(List.of(PKI.server(ServerKey.RSA), PKI.server(ServerKey.EC),
                    PKI.server(ServerKey.EC_P384), PKI.server(ServerKey.ED25519), PKI.sniServer()));
            keys = new KeyManager[] {new SniKeyManager((X509ExtendedKeyManager) keys[0])};
            SSLContext ctx = Providers.context(provider, "TLSv1.3", keys, PKI.trustManagers());
            return new EngineServer(key, () -> {
                SSLEngine e = ctx.createSSLEngine();
                e.setUseClientMode(false);
                e.setEnabledProtocols(new String[] {"TLSv1.3"});
                configure.accept(e);
                return e;
            }, null);
        });
    }
}
