package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.EngineServer.Accepted;
import dev.bastion.tls.conformance.interop.GnuTlsClient.Result;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS 1.2 from GnuTLS's {@code gnutls-cli} to the providers' servers: every key exchange
 * (ECDHE with ECDSA and RSA certificates, DHE_RSA, RSA key transport) × AEAD cipher, ECDHE over
 * x25519, secp256r1 and secp384r1, and DHE over the RFC 7919 group GnuTLS asks for; a client
 * certificate. GnuTLS names what was agreed in its Description line, e.g.
 * {@code (TLS1.2-X.509)-(ECDHE-X25519)-(RSA-SHA256)-(AES-128-GCM)}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class Tls12GnuTlsInteropTest {
    private static final TestPki PKI = TestPki.get();
    private static final Started SERVERS = new Started();

    /** GnuTLS key exchange name, the JSSE suite prefix. */
    private static final Map<String, String> KX = Map.of("ECDHE-ECDSA", "TLS_ECDHE_ECDSA_WITH_",
            "ECDHE-RSA", "TLS_ECDHE_RSA_WITH_", "DHE-RSA", "TLS_DHE_RSA_WITH_", "RSA", "TLS_RSA_WITH_");
    /** GnuTLS cipher name, the JSSE suite suffix. */
    private static final Map<String, String> CIPHERS = Map.of("AES-128-GCM", "AES_128_GCM_SHA256",
            "AES-256-GCM", "AES_256_GCM_SHA384", "CHACHA20-POLY1305", "CHACHA20_POLY1305_SHA256");

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String provider : Providers.UNDER_TEST_TLS12) {
            for (String kx : List.of("ECDHE-ECDSA", "ECDHE-RSA", "DHE-RSA", "RSA")) {
                for (String cipher : List.of("AES-128-GCM", "AES-256-GCM", "CHACHA20-POLY1305")) {
                    if (kx.equals("RSA") && cipher.startsWith("CHACHA")) {
                        continue; // no such suite
                    }
                    List<String> groups = kx.startsWith("ECDHE") ? List.of("X25519", "SECP256R1", "SECP384R1")
                            : kx.equals("DHE-RSA") ? List.of("FFDHE2048", "FFDHE3072") : List.of("X25519");
                    for (String group : groups) {
                        out.add(Arguments.of(provider, kx, cipher, group));
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "gnutls-cli -> {0} server TLS 1.2: {1} {2} {3}")
    @MethodSource("cases")
    void providerServer(String provider, String kx, String cipher, String group) throws Exception {
        EngineServer server = server(provider, "tls12", e -> { });
        // an ECDSA P-256 certificate needs secp256r1 among the client's groups (RFC 8422 §5.1)
        String groups = "+GROUP-" + group + (kx.equals("ECDHE-ECDSA") && !group.equals("SECP256R1") ? ":+GROUP-SECP256R1" : "");
        Result r = GnuTlsClient.verifying(PKI).priority("NONE:+VERS-TLS1.2:+" + kx + ":+" + cipher + ":+AEAD:+SIGN-ALL:"
                + groups + ":+COMP-NULL:%SAFE_RENEGOTIATION").run(server.port());
        Accepted a = server.next();

        String suite = KX.get(kx) + CIPHERS.get(cipher);
        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals("TLS1.2", r.version(), r.output());
        assertTrue(r.gotResponse(), r.output());
        assertEquals(suite, a.session().cipherSuite());
        assertTrue(r.description().endsWith("-(" + cipher + ")"), r.description());
        if (!kx.equals("RSA")) {
            assertTrue(r.description().contains("(" + kx.replaceFirst("-(ECDSA|RSA)$", "") + "-" + group + ")"),
                    "GnuTLS agreed " + group + ": " + r.description());
        }
    }

    @ParameterizedTest(name = "gnutls-cli with a certificate -> {0} server TLS 1.2 needing one")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTestTls12")
    void clientCertificate(String provider) throws Exception {
        EngineServer server = server(provider, "tls12 client auth", e -> e.setNeedClientAuth(true));
        Result r = GnuTlsClient.verifying(PKI).priority("NORMAL:-VERS-ALL:+VERS-TLS1.2").certificate(PKI.client())
                .run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals("CN=bastion-interop-client", a.session().peerSubject());
        assertTrue(r.gotResponse(), r.output());
    }

    private static EngineServer server(String provider, String name, Consumer<SSLEngine> setup) throws Exception {
        String id = provider + " " + name;
        return SERVERS.get(id, EngineServer.class, () -> {
            SSLContext ctx = Providers.context(provider, "TLS",
                    TestPki.keyManagers(List.of(PKI.server(ServerKey.RSA), PKI.server(ServerKey.EC))), PKI.trustManagers());
            return new EngineServer("gnutls-" + id, () -> {
                SSLEngine e = ctx.createSSLEngine();
                e.setEnabledProtocols(new String[] {"TLSv1.2"});
                setup.accept(e);
                return e;
            }, null);
        });
    }
}
