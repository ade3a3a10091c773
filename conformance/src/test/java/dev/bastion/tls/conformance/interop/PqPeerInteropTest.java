package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.conformance.interop.EngineClient.Exchange;
import dev.bastion.tls.conformance.interop.EngineServer.Accepted;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The post-quantum hybrid group {@code X25519MLKEM768} (draft-ietf-tls-ecdhe-mlkem) against
 * peers that implement it: BoringSSL (netty-tcnative, in this JVM) and Bouncy Castle BCJSSE
 * 1.84 (its own JVM). First the two peers with each other, which proves both really
 * negotiate the hybrid group (BoringSSL reports it, and the ServerHello on the wire carries
 * 0x11EC); then the provider under test as client and server against each, where it must end
 * with {@link Providers#expectedHybridGroup} (X25519MLKEM768 for a provider that supports it,
 * x25519 otherwise, since both peers prefer the hybrid and also accept x25519).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PqPeerInteropTest {
    private static final String HYBRID = "X25519MLKEM768";
    private static final List<String> HYBRID_THEN_X25519 = List.of(HYBRID, "x25519");
    private static final TestPki PKI = TestPki.get();

    private static BcJsse.Server bcServer;

    @BeforeAll
    static void startBcServer() throws IOException {
        BoringSsl.ensureAvailable();
        // BCJSSE only uses an ECDSA certificate whose curve is among its groups, hence secp256r1
        bcServer = BcJsse.server(PKI.server(TestPki.ServerKey.EC), PKI, List.of(HYBRID, "x25519", "secp256r1"), false);
    }

    @AfterAll
    static void stopBcServer() {
        if (bcServer != null) {
            bcServer.close();
        }
    }

    @Test
    void bcjsseClientWithDefaultsNegotiatesX25519Mlkem768WithBoringSsl() throws Exception {
        try (EngineServer boring = boringSslServer(List.of(HYBRID))) {
            BcJsse.Session client = BcJsse.client(PKI, List.of(), false, List.of(boring.port())).get(0);
            Accepted a = boring.next();

            assertTrue(client.ok(), client.line());
            assertNull(a.failure(), () -> "BoringSSL server failed: " + a.failure());
            assertEquals(HYBRID, a.note(), "BoringSSL's own report of the group");
            assertEquals(Optional.of(HYBRID), a.wire().group(), "ServerHello key_share group: " + a.wire());
            WireView.ClientHello hello = a.wire().clientHellos().get(0);
            assertTrue(hello.groups().contains(0x11ec), "BCJSSE offers X25519MLKEM768 by default: " + hello);
            assertEquals("TLSv1.3", client.get("protocol"));
            assertEquals("TLSv1.3", a.session().protocol());
            assertEquals(a.session().cipherSuite(), client.get("suite"), "both ends agree on the suite");
        }
    }

    @Test
    void boringSslClientNegotiatesX25519Mlkem768WithBcjsse() throws Exception {
        SslContext ctx = BoringSsl.client(PKI, List.of(HYBRID), false, List.of());
        SSLEngine engine = BoringSsl.engine(ctx);
        Exchange x;
        try {
            x = EngineClient.get(engine, bcServer.port(), null, BoringSsl::group);
        } finally {
            BoringSsl.release(engine);
        }
        BcJsse.Session server = bcServer.next();

        assertTrue(server.ok(), server.line());
        assertEquals(HYBRID, x.note(), "BoringSSL's own report of the group");
        assertEquals(Optional.of(HYBRID), x.wire().group(), "ServerHello key_share group: " + x.wire());
        assertEquals("TLSv1.3", server.get("protocol"));
        assertEquals(x.session().cipherSuite(), server.get("suite"), "both ends agree on the suite");
        assertTrue(x.body().contains("protocol=TLSv1.3"), x.response());
    }

    @ParameterizedTest(name = "{0} client -> BoringSSL server preferring X25519MLKEM768")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void providerClientToBoringSsl(String provider) throws Exception {
        try (EngineServer boring = boringSslServer(HYBRID_THEN_X25519)) {
            Exchange x = EngineClient.get(providerClient(provider), boring.port(), null);
            Accepted a = boring.next();

            String expected = Providers.expectedHybridGroup(provider);
            assertNull(a.failure(), () -> "BoringSSL server failed: " + a.failure());
            assertEquals(expected, a.note(), "BoringSSL's own report of the group");
            assertEquals(Optional.of(expected), x.wire().group(), "ServerHello key_share group: " + x.wire());
            assertEquals("TLSv1.3", x.session().protocol());
            assertEquals(a.session().cipherSuite(), x.session().cipherSuite());
        }
    }

    @ParameterizedTest(name = "BoringSSL client preferring X25519MLKEM768 -> {0} server")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void boringSslClientToProvider(String provider) throws Exception {
        try (EngineServer server = providerServer(provider)) {
            SSLEngine engine = BoringSsl.engine(BoringSsl.client(PKI, HYBRID_THEN_X25519, false, List.of()));
            Exchange x;
            try {
                x = EngineClient.get(engine, server.port(), null, BoringSsl::group);
            } finally {
                BoringSsl.release(engine);
            }
            Accepted a = server.next();

            String expected = Providers.expectedHybridGroup(provider);
            assertNull(a.failure(), () -> "provider server failed: " + a.failure());
            assertEquals(expected, x.note(), "BoringSSL's own report of the group");
            assertEquals(Optional.of(expected), a.wire().group(), "ServerHello the provider sent: " + a.wire());
            assertEquals(a.session().cipherSuite(), x.session().cipherSuite());
        }
    }

    @ParameterizedTest(name = "{0} client -> BCJSSE server preferring X25519MLKEM768")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void providerClientToBcjsse(String provider) throws Exception {
        Exchange x = EngineClient.get(providerClient(provider), bcServer.port(), null);
        BcJsse.Session server = bcServer.next();

        assertTrue(server.ok(), server.line());
        assertEquals(Optional.of(Providers.expectedHybridGroup(provider)), x.wire().group(),
                "ServerHello key_share group: " + x.wire());
        assertEquals("TLSv1.3", server.get("protocol"));
        assertEquals(x.session().cipherSuite(), server.get("suite"));
    }

    @ParameterizedTest(name = "BCJSSE client (defaults) -> {0} server")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void bcjsseClientToProvider(String provider) throws Exception {
        try (EngineServer server = providerServer(provider)) {
            BcJsse.Session client = BcJsse.client(PKI, List.of(), false, List.of(server.port())).get(0);
            Accepted a = server.next();

            assertTrue(client.ok(), client.line());
            assertNull(a.failure(), () -> "provider server failed: " + a.failure());
            assertEquals(Optional.of(Providers.expectedHybridGroup(provider)), a.wire().group(),
                    "ServerHello the provider sent: " + a.wire());
            assertEquals(a.session().cipherSuite(), client.get("suite"));
        }
    }

    private static EngineServer boringSslServer(List<String> groups) throws IOException {
        SslContext ctx = BoringSsl.server(PKI.server(TestPki.ServerKey.EC), PKI, groups, false, List.of());
        return new EngineServer("boringssl", () -> BoringSsl.engine(ctx), BoringSsl::release, BoringSsl::group);
    }

    private static EngineServer providerServer(String provider) throws IOException {
        SSLContext ctx = Providers.context(provider, "TLSv1.3", TestPki.keyManagers(List.of(PKI.server(TestPki.ServerKey.EC))),
                PKI.trustManagers());
        return new EngineServer(provider, ctx::createSSLEngine, null);
    }

    private static SSLEngine providerClient(String provider) {
        SSLContext ctx = Providers.context(provider, "TLSv1.3", null, PKI.trustManagers());
        SSLEngine engine = Providers.clientEngine(ctx);
        javax.net.ssl.SSLParameters p = engine.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(p);
        return engine;
    }
}
