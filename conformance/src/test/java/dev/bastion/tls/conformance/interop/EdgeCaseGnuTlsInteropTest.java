package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.EngineServer.Accepted;
import dev.bastion.tls.conformance.interop.GnuTlsClient.Result;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code gnutls-cli} corners against the providers' servers: max_fragment_length 512
 * ({@code --recordsize=512}, which GnuTLS enforces on what it receives) with a seven-certificate
 * RSA-4096 chain, so the server's certificate flight goes out in many small records; TLS 1.3 with
 * one group only (x448, ffdhe3072 to ffdhe8192); client certificates with RSA-PSS and Ed448 keys;
 * a TLS 1.2 client without the extended master secret; and {@code --rehandshake}, which the
 * server refuses with no_renegotiation warnings (GnuTLS retries its ClientHello 16 times and then
 * gives up with internal_error, as it does against {@code openssl s_server -no_renegotiation}).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EdgeCaseGnuTlsInteropTest {
    private static final TestPki PKI = TestPki.get();
    private static final ExtraPki EXTRA = ExtraPki.get();
    private static final Started SERVERS = new Started();

    @AfterAll
    static void stopServers() throws Exception {
        SERVERS.closeAll();
    }

    static Stream<Arguments> versions() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST) {
            out.add(Arguments.of(p, "TLS1.3"));
            out.add(Arguments.of(p, "TLS1.2"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "gnutls-cli --recordsize=512 {1} -> {0} server with a 7-certificate RSA-4096 chain")
    @MethodSource("versions")
    void maxFragmentLength512WithALargeChain(String provider, String version) throws Exception {
        EngineServer server = server(provider, "big chain", EXTRA.keyManagers(ExtraPki.BIG_CHAIN), e -> { });
        Result r = new GnuTlsClient().flag("--x509cafile=" + EXTRA.trustedCas()).flag("--verify-hostname=localhost")
                .flag("--recordsize=512").priority("NORMAL:-VERS-ALL:+VERS-" + version).run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals(version, r.version(), r.output());
        assertTrue(r.gotResponse(), r.output());
        assertEquals("CN=" + ExtraPki.BIG_CHAIN, a.session().localSubject());
    }

    static Stream<Arguments> groups() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST) {
            for (String g : List.of("X448", "SECP521R1", "FFDHE3072", "FFDHE4096", "FFDHE6144", "FFDHE8192")) {
                if (g.startsWith("FFDHE") && !Providers.conformsToFfdhePadding(p)) {
                    continue; // see Providers.conformsToFfdhePadding
                }
                out.add(Arguments.of(p, g));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "gnutls-cli TLS 1.3 with only {1} -> {0} server")
    @MethodSource("groups")
    void tls13SingleGroup(String provider, String group) throws Exception {
        EngineServer server = server(provider, "plain", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))), e -> { });
        Result r = GnuTlsClient.verifying(PKI).priority("NORMAL:-VERS-ALL:+VERS-TLS1.3:-GROUP-ALL:+GROUP-" + group)
                .run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertTrue(r.gotResponse(), r.output());
        assertTrue(r.description().contains("-" + group + ")"), "GnuTLS agreed " + group + ": " + r.description());
    }

    static Stream<Arguments> clientKeys() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST) {
            for (String v : List.of("TLS1.3", "TLS1.2")) {
                for (String k : List.of(ExtraPki.PSS, ExtraPki.ED448, ExtraPki.P521)) {
                    out.add(Arguments.of(p, v, k));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "gnutls-cli {1} with a {2} certificate -> {0} server needing one")
    @MethodSource("clientKeys")
    void clientCertificate(String provider, String version, String kind) throws Exception {
        EngineServer server = server(provider, "need", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))),
                e -> e.setNeedClientAuth(true));
        Result r = GnuTlsClient.verifying(PKI).priority("NORMAL:-VERS-ALL:+VERS-" + version)
                .certificateFiles(EXTRA.chain(kind), EXTRA.key(kind)).run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertEquals("CN=" + kind, a.session().peerSubject());
        assertTrue(r.gotResponse(), r.output());
    }

    @ParameterizedTest(name = "gnutls-cli TLS 1.2 without extended master secret -> {0} server")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void tls12WithoutExtendedMasterSecret(String provider) throws Exception {
        EngineServer server = server(provider, "plain", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))), e -> { });
        Result r = GnuTlsClient.verifying(PKI).priority("NORMAL:-VERS-ALL:+VERS-TLS1.2:%NO_SESSION_HASH").run(server.port());
        Accepted a = server.next();

        assertNull(a.failure(), () -> "server failed: " + a.failure() + "\n" + r.output());
        assertTrue(r.gotResponse(), r.output());
        assertTrue(!r.output().contains("extended master secret"), "GnuTLS did without it:\n" + r.output());
    }

    static Stream<Arguments> providersAndResumptionKinds() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.underTest().toList()) {
            out.add(Arguments.of(p, "session id", ":%NO_TICKETS"));
            out.add(Arguments.of(p, "ticket", ""));
        }
        return out.stream();
    }

    /**
     * RFC 7627 §5.3: a session made without the extended master secret, offered again without
     * it, to a server that uses it, is not resumed; both providers make a full handshake
     * (jdk.tls.allowLegacyResumption=true, the default) rather than resume insecurely.
     */
    @ParameterizedTest(name = "gnutls-cli --resume TLS 1.2 without extended master secret, {1} -> {0} server: full handshake")
    @MethodSource("providersAndResumptionKinds")
    void noResumptionWithoutExtendedMasterSecret(String provider, String kind, String tickets) throws Exception {
        EngineServer server = server(provider, "plain", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))), e -> { });
        Result r = GnuTlsClient.verifying(PKI).priority("NORMAL:-VERS-ALL:+VERS-TLS1.2:%NO_SESSION_HASH" + tickets)
                .flag("--resume").run(server.port());
        server.next(); // gnutls-cli leaves the first connection after its handshake
        server.next();

        assertTrue(r.output().contains("Resume Handshake was completed"), r.output());
        assertFalse(r.output().contains("This is a resumed session"), r.output());
    }

    @ParameterizedTest(name = "gnutls-cli --rehandshake TLS 1.2 -> {0} server: no_renegotiation warnings")
    @ValueSource(strings = "Bastion")
    void rehandshakeIsRefused(String provider) throws Exception {
        EngineServer server = server(provider, "plain", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))), e -> { });
        Result r = GnuTlsClient.verifying(PKI).priority("NORMAL:-VERS-ALL:+VERS-TLS1.2").flag("--rehandshake")
                .run(server.port());
        Accepted a = server.next();

        assertTrue(r.output().contains("Received alert [100]"), "GnuTLS got no_renegotiation:\n" + r.output());
        assertTrue(r.output().contains("ReHandshake has failed"), r.output());
        // GnuTLS gives up with a fatal internal_error; the server reports it, as an SSLException
        assertTrue(a.failure() == null || a.failure() instanceof SSLException, "server: " + a.failure());
    }

    private static EngineServer server(String provider, String name, KeyManager[] keys, Consumer<SSLEngine> setup)
            throws Exception {
        String id = provider + " " + name;
        return SERVERS.get(id, EngineServer.class, () -> {
            SSLContext ctx = Providers.context(provider, "TLS", keys, EXTRA.trustManagers());
            return new EngineServer("gnutls-edge-" + id, () -> {
                SSLEngine e = ctx.createSSLEngine();
                setup.accept(e);
                return e;
            }, null);
        });
    }
}
