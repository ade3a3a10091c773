package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionSessions;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bastion's {@code SSLEngine} against BoringSSL's (netty-tcnative) and BCJSSE 1.84's engines in
 * this JVM, connected in memory by {@link EnginePair}, which can cut both what an engine is given
 * to wrap and what reaches the other side into small, odd pieces: 1 MiB each way in small records
 * delivered a few bytes at a time; TLS 1.3 KeyUpdates that Bastion sends because
 * {@code jdk.tls.keyLimits} says its keys are used up (hundreds per connection, and the peer's
 * answers to Bastion's update_requested); the peer's close_notify first in TLS 1.3 (a half-close:
 * Bastion may still write, RFC 8446 §6.1) and in TLS 1.2 (Bastion answers with its own at once,
 * RFC 5246 §7.2.1); a HelloRetryRequest from a Bastion server to each peer's client.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InMemoryEngineInteropTest {
    private static final TestPki PKI = TestPki.get();
    private static final int ONE_MIB = 1 << 20;
    /** The length of a TLS 1.3 KeyUpdate record: message header, request_update, inner content type, tag. */
    private static final int KEY_UPDATE_RECORD = 4 + 1 + 1 + 16;

    enum Peer { BORINGSSL, BCJSSE }

    @BeforeAll
    static void boringSsl() {
        BoringSsl.ensureAvailable();
    }

    @ParameterizedTest(name = "{0}, Bastion client: {1}, {2}, {3}-byte writes, {4}-byte deliveries")
    @CsvSource({"BORINGSSL, true, TLSv1.3, 100, 1021", "BORINGSSL, false, TLSv1.2, 1000, 16389",
        "BCJSSE, false, TLSv1.3, 100, 1000", "BCJSSE, true, TLSv1.2, 1000, 3"})
    void oneMebibyteEachWay(Peer peer, boolean bastionClient, String version, int writes, int deliveries)
            throws Exception {
        try (Connection c = new Connection(peer, bastionClient, version, Map.of(), Map.of())) {
            byte[] up = random(ONE_MIB, 1);
            byte[] down = random(ONE_MIB, 2);
            // queued before the handshake: each side's data follows its Finished
            c.pair.client.send(up);
            c.pair.server.send(down);
            c.pair.client.wrapChunk = writes;
            c.pair.server.wrapChunk = writes;
            c.pair.delivery = deliveries;
            c.run();
            assertEquals(version, c.bastion.getSession().getProtocol());
            assertArrayEquals(up, c.pair.server.received.toByteArray(), c::toString);
            assertArrayEquals(down, c.pair.client.received.toByteArray(), c::toString);
            c.pair.client.engine.closeOutbound();
            c.run();
            assertTrue(c.pair.server.inboundClosed, () -> "the client's close_notify arrived: " + c);
        }
    }

    @ParameterizedTest(name = "{0}, Bastion client: {1}, {2}")
    @CsvSource({"BORINGSSL, true, TLS_AES_128_GCM_SHA256", "BORINGSSL, false, TLS_CHACHA20_POLY1305_SHA256",
        "BCJSSE, true, TLS_AES_256_GCM_SHA384", "BCJSSE, false, TLS_AES_128_GCM_SHA256"})
    void keyUpdatesFromKeyLimits(Peer peer, boolean bastionClient, String suite) throws Exception {
        int limit = 1 << 12;
        Map<String, String> security = Map.of("jdk.tls.keyLimits",
                "AES/GCM/NoPadding KeyUpdate 2^12, ChaCha20-Poly1305 KeyUpdate 2^12");
        try (Connection c = new Connection(peer, bastionClient, "TLSv1.3", Map.of(), security)) {
            c.bastion.setEnabledCipherSuites(new String[] {suite});
            c.run();
            assertEquals(suite, c.bastion.getSession().getCipherSuite());
            // Bastion writes: its write key reaches the limit after at most limit + 1000 bytes (the
            // record that reaches it), and each time it sends a KeyUpdate between its records
            byte[] up = random(ONE_MIB, 3);
            c.bastionSide().send(up);
            c.bastionSide().wrapChunk = 1000;
            int sentBefore = c.bastionSide().records(KEY_UPDATE_RECORD);
            c.run();
            assertArrayEquals(up, c.peerSide().received.toByteArray(), c::toString);
            int sent = c.bastionSide().records(KEY_UPDATE_RECORD) - sentBefore;
            assertTrue(sent >= ONE_MIB / (limit + 1000), "Bastion sent " + sent + " KeyUpdates: " + c);
            // the peer writes, 1000 bytes a round: each time Bastion's read key reaches the limit it
            // asks for a KeyUpdate (update_requested), and the peer sends one before its next record.
            // Those requests are KeyUpdates with no data of Bastion's in between, and BoringSSL takes
            // at most 32 in a row (TOO_MANY_KEY_UPDATES): 96 KiB make about 20.
            byte[] down = random(96 << 10, 4);
            c.peerSide().send(down);
            c.peerSide().wrapChunk = 1000;
            c.peerSide().perRound = 1000;
            int answeredBefore = c.peerSide().records(KEY_UPDATE_RECORD);
            c.run();
            assertArrayEquals(down, c.bastionSide().received.toByteArray(), c::toString);
            int answered = c.peerSide().records(KEY_UPDATE_RECORD) - answeredBefore;
            assertTrue(answered >= down.length / (2 * limit), "the peer sent " + answered + " KeyUpdates: " + c);
        }
    }

    @ParameterizedTest(name = "BoringSSL closes first, Bastion client: {0}, {1}")
    @CsvSource({"true, TLSv1.3", "false, TLSv1.3", "true, TLSv1.2"})
    void peerClosesFirst(boolean bastionClient, String version) throws Exception {
        try (Connection c = new Connection(Peer.BORINGSSL, bastionClient, version, Map.of(), Map.of())) {
            c.run();
            c.peer.closeOutbound();
            c.run();
            assertTrue(c.bastionSide().inboundClosed, c::toString);
            assertNull(c.bastionSide().failure, c::toString);
            if (version.equals("TLSv1.3")) {
                // RFC 8446 §6.1: a close_notify closes one direction; Bastion still writes, then closes
                assertFalse(c.bastion.isOutboundDone(), c::toString);
                assertFalse(c.peerSide().inboundClosed, c::toString);
                byte[] last = "written after the peer's close_notify".getBytes(StandardCharsets.US_ASCII);
                c.bastionSide().send(last);
                c.run();
                assertArrayEquals(last, c.peerSide().received.toByteArray(), c::toString);
                c.bastion.closeOutbound();
                c.run();
            }
            // TLS 1.2 has no half-close (RFC 5246 §7.2.1): Bastion has answered with its own close_notify
            assertTrue(c.bastion.isOutboundDone(), c::toString);
            assertTrue(c.peerSide().inboundClosed, () -> "Bastion's close_notify arrived: " + c);
        }
    }

    @ParameterizedTest(name = "{0} client, Bastion server with secp384r1 only")
    @CsvSource({"BORINGSSL", "BCJSSE"})
    void helloRetryRequestFromBastion(Peer peer) throws Exception {
        try (Connection c = new Connection(peer, false, "TLSv1.3", Map.of("jdk.tls.namedGroups", "secp384r1"),
                Map.of())) {
            c.pair.client.send("hello".getBytes(StandardCharsets.US_ASCII));
            c.run();
            assertEquals("hello", c.pair.server.received.toString(StandardCharsets.US_ASCII), c::toString);
            assertTrue(c.pair.wire.helloRetryRequest(), c.pair.wire::toString);
            assertFalse(c.pair.wire.clientHellos().get(0).keyShareGroups().stream().map(TlsNames::group)
                    .anyMatch("secp384r1"::equals), c.pair.wire::toString);
            assertEquals(Optional.of("secp384r1"), c.pair.wire.group(), c.pair.wire::toString);
            assertEquals(Optional.of("secp384r1"), BastionSessions.namedGroup(c.bastion.getSession()));
            if (peer == Peer.BORINGSSL) {
                assertEquals("secp384r1", BoringSsl.group(c.peer));
            }
        }
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A Bastion engine and a peer engine in an {@link EnginePair}; closing frees BoringSSL's native state. */
    private static final class Connection implements AutoCloseable {
        final SSLEngine bastion;
        final SSLEngine peer;
        final EnginePair pair;
        private final boolean bastionClient;

        Connection(Peer kind, boolean bastionClient, String version, Map<String, String> system,
                Map<String, String> security) throws Exception {
            this.bastionClient = bastionClient;
            SSLContext ctx = Providers.bastionWith(system, security,
                    bastionClient ? null : TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))), PKI.trustManagers());
            bastion = bastionClient ? Providers.clientEngine(ctx) : ctx.createSSLEngine();
            bastion.setUseClientMode(bastionClient);
            bastion.setEnabledProtocols(new String[] {version});
            peer = peer(kind, !bastionClient, version);
            pair = bastionClient ? new EnginePair(bastion, peer) : new EnginePair(peer, bastion);
        }

        private static SSLEngine peer(Peer kind, boolean client, String version) throws Exception {
            if (kind == Peer.BORINGSSL) {
                List<String> groups = List.of("X25519", "P-256", "P-384");
                return BoringSsl.engine(client ? BoringSsl.client(PKI, groups, false, List.of(), version)
                        : BoringSsl.server(PKI.server(ServerKey.EC), PKI, groups, false, List.of(), version));
            }
            SSLContext ctx = BcJsse.inProcessContext(client ? null : PKI.server(ServerKey.EC), PKI);
            SSLEngine e = client ? ctx.createSSLEngine("localhost", 443) : ctx.createSSLEngine();
            e.setUseClientMode(client);
            e.setEnabledProtocols(new String[] {version});
            return e;
        }

        EnginePair.Side bastionSide() {
            return bastionClient ? pair.client : pair.server;
        }

        EnginePair.Side peerSide() {
            return bastionClient ? pair.server : pair.client;
        }

        /** Runs the pair until it settles; neither side may have failed. */
        void run() {
            pair.run();
            assertNull(pair.client.failure, this::toString);
            assertNull(pair.server.failure, this::toString);
        }

        @Override
        public String toString() {
            return pair.toString();
        }

        @Override
        public void close() {
            if (peer.getClass().getName().startsWith("io.netty.")) {
                BoringSsl.release(peer);
            }
        }
    }
}
