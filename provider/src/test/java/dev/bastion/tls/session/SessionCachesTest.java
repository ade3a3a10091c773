package dev.bastion.tls.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.testutil.SelfSigned;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The session layer on its own: the server's encoding of sessions (round trip, compactness,
 * malformed input), the server's bounded cache (size, timeout, least recently used first), the
 * client's cache (tickets used once, per peer), and {@link SessionContext}'s JSSE answers.
 */
class SessionCachesTest {
    private static final X509Certificate SERVER = certificate("server");
    private static final X509Certificate CLIENT = certificate("client");

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

    private static SessionState tls12(byte[] id, String serverName, List<X509Certificate> peer) {
        byte[] ms = new byte[48];
        Arrays.fill(ms, (byte) 7);
        return new SessionState(SessionState.TLS12, 0xC02B, id, ms, 1_700_000_000_000L, true, serverName, peer,
                List.of(SERVER));
    }

    private static byte[] id(int n) {
        byte[] id = new byte[32];
        id[0] = (byte) n;
        id[31] = (byte) (n >> 8);
        return id;
    }

    @Test
    void encodingRoundTripsAndIsCompact() {
        SessionCodec codec = new SessionCodec(new LocalChains());
        SessionState s = tls12(id(1), "www.example.com", List.of());
        byte[] e = codec.encode(s);
        assertTrue(e.length <= 100, "a TLS 1.2 session without client auth: " + e.length + " bytes");
        assertEquals(Optional.of(s), codec.decode(e, id(1)));
        SessionState withClient = tls12(id(2), "", List.of(CLIENT));
        assertEquals(Optional.of(withClient), codec.decode(codec.encode(withClient), id(2)));
        SessionCodec.Ticket t = codec.decodeTicket(codec.encodeTicket(s, 0xFFFFFFFFL, 42)).orElseThrow();
        assertEquals(s.withId(new byte[0]), t.state());
        assertEquals(0xFFFFFFFFL, t.ageAdd());
        assertEquals(42, t.issuedAt());
    }

    @Test
    void encodingNamesTheLocalChainAndAnotherServerDoesNotKnowIt() {
        SessionState s = tls12(id(1), "", List.of());
        byte[] e = new SessionCodec(new LocalChains()).encode(s);
        assertEquals(List.of(), new SessionCodec(new LocalChains()).decode(e, id(1)).orElseThrow().localCertificates());
    }

    @Test
    void malformedEncodingsDecodeToNothing() {
        SessionCodec codec = new SessionCodec(new LocalChains());
        byte[] e = codec.encodeTicket(tls12(id(1), "a.test", List.of(CLIENT)), 1, 2);
        for (int n = 0; n < e.length; n++) {
            assertEquals(Optional.empty(), codec.decodeTicket(Arrays.copyOf(e, n)), "truncated to " + n);
        }
        byte[] extra = Arrays.copyOf(e, e.length + 1);
        assertEquals(Optional.empty(), codec.decodeTicket(extra), "trailing byte");
        byte[] otherFormat = e.clone();
        otherFormat[0] = 2;
        assertEquals(Optional.empty(), codec.decodeTicket(otherFormat));
        byte[] badVersion = e.clone();
        badVersion[2] = 0x02;
        assertEquals(Optional.empty(), codec.decodeTicket(badVersion), "TLS 1.1 is not resumable");
    }

    @Test
    void serverCacheIsBoundedLeastRecentlyUsedFirst() {
        SessionContext ctx = SessionContext.withClock(false, clock::get);
        ctx.setSessionCacheSize(3);
        for (int i = 1; i <= 3; i++) {
            ctx.cache(tls12(id(i), "", List.of()));
        }
        assertTrue(ctx.find(id(1)).isPresent(), "1 becomes the most recently used");
        ctx.cache(tls12(id(4), "", List.of()));
        assertEquals(3, ctx.cachedCount());
        assertTrue(ctx.find(id(2)).isEmpty(), "2 was the least recently used");
        assertTrue(ctx.find(id(1)).isPresent() && ctx.find(id(3)).isPresent() && ctx.find(id(4)).isPresent());
        ctx.setSessionCacheSize(1);
        assertEquals(1, ctx.cachedCount(), "a smaller size applies at once");
        ctx.setSessionCacheSize(0);
        for (int i = 10; i < 100; i++) {
            ctx.cache(tls12(id(i), "", List.of()));
        }
        assertEquals(91, ctx.cachedCount(), "0: no limit");
    }

    /** A cached session keeps its peer for getSession(id); the timeout still reads the right creation time. */
    @Test
    void serverCacheKeepsThePeer() {
        SessionContext ctx = SessionContext.withClock(false, clock::get);
        String longHost = "a".repeat(ServerSessionCache.MAX_HOST_BYTES + 1);
        List<ServerSessionCache.Peer> peers = List.of(new ServerSessionCache.Peer("192.0.2.1", 50123),
                new ServerSessionCache.Peer("bücher.example", 0), new ServerSessionCache.Peer(null, -1),
                new ServerSessionCache.Peer("", 443), new ServerSessionCache.Peer("b".repeat(ServerSessionCache.MAX_HOST_BYTES), 65535),
                new ServerSessionCache.Peer(longHost, 8443));
        for (int i = 0; i < peers.size(); i++) {
            ctx.cache(tls12(id(i + 1), "", List.of()), peers.get(i).host(), peers.get(i).port());
        }
        for (int i = 0; i < peers.size(); i++) {
            BastionSession s = (BastionSession) ctx.getSession(id(i + 1));
            ServerSessionCache.Peer p = peers.get(i);
            assertEquals(p.host() != null && p.host().length() > ServerSessionCache.MAX_HOST_BYTES ? null : p.host(), s.getPeerHost(), "peer " + i);
            assertEquals(p.port(), s.getPeerPort(), "peer " + i);
            assertEquals(1_700_000_000_000L, s.getCreationTime());
            assertTrue(ctx.find(id(i + 1)).isPresent());
        }
        clock.set(1_700_000_000_000L + 3_600_000);
        ctx.setSessionTimeout(3600);
        for (int i = 0; i < peers.size(); i++) {
            assertTrue(ctx.find(id(i + 1)).isEmpty(), "expired, whatever the peer's length: " + i);
        }
    }

    @Test
    void serverCacheTimeoutAppliesToCachedSessions() {
        SessionContext ctx = SessionContext.withClock(false, clock::get);
        ctx.cache(tls12(id(1), "", List.of()));
        clock.addAndGet(3_600_000);
        assertTrue(ctx.find(id(1)).isPresent());
        ctx.setSessionTimeout(3600);
        assertTrue(ctx.find(id(1)).isEmpty(), "a shorter timeout applies to sessions already cached");
        assertFalse(ctx.getIds().hasMoreElements());
        ctx.cache(tls12(id(2), "", List.of()));
        ctx.setSessionTimeout(0);
        clock.addAndGet(365L * 86_400_000);
        assertTrue(ctx.find(id(2)).isPresent(), "0: no timeout");
    }

    /**
     * A cached session keeps the signature schemes of its handshake (for
     * {@code getSession(id)}) as two one-byte indices, not as lists: an encoding with schemes is
     * as long as one without.
     */
    @Test
    void cachedSessionKeepsItsSignatureSchemesInTwoBytes() {
        SessionCodec codec = new SessionCodec(new LocalChains());
        SessionState plain = tls12(id(1), "www.example.com", List.of());
        List<String> local = List.of("ecdsa_secp256r1_sha256", "rsa_pss_rsae_sha256");
        List<String> peer = List.of("ed25519", "ecdsa_secp256r1_sha256", "rsa_pkcs1_sha256");
        byte[] e = codec.encode(plain.withSignatureSchemes(local, peer));
        assertEquals(codec.encode(plain).length, e.length);
        SessionState back = codec.decode(e, id(1)).orElseThrow();
        assertEquals(local, back.localSignatureSchemes());
        assertEquals(peer, back.peerSignatureSchemes());
        SessionState none = codec.decode(codec.encode(plain), id(1)).orElseThrow();
        assertEquals(List.of(), none.localSignatureSchemes());
        assertEquals(List.of(), none.peerSignatureSchemes());
        SessionContext ctx = SessionContext.withClock(false, clock::get);
        ctx.cache(plain.withSignatureSchemes(local, peer));
        BastionSession shown = (BastionSession) ctx.getSession(id(1));
        assertArrayEquals(local.toArray(), shown.getLocalSupportedSignatureAlgorithms());
        assertArrayEquals(peer.toArray(), shown.getPeerSupportedSignatureAlgorithms());
    }

    /** 255 lists get indices 1 to 255; a 256th gets 0 (shown as none) and no index is ever given twice. */
    @Test
    void schemeListsAreBoundedAndNeverReuseAnIndex() {
        SchemeLists t = new SchemeLists();
        assertEquals(0, t.index(List.of()));
        for (int i = 0; i < SchemeLists.MAX_LISTS; i++) {
            assertEquals(i + 1, t.index(List.of("scheme" + i)));
        }
        assertEquals(0, t.index(List.of("one too many")));
        assertEquals(1, t.index(new ArrayList<>(List.of("scheme0"))), "known lists keep their index");
        assertEquals(List.of("scheme0"), t.list(1));
        assertEquals(List.of("scheme254"), t.list(255));
        assertEquals(List.of(), t.list(0));
        assertEquals(List.of(), t.list(256));
    }

    @Test
    void serverContextShowsCachedSessionsByIdAndInvalidateRemovesThem() throws Exception {
        SessionContext ctx = SessionContext.withClock(false, clock::get);
        ctx.cache(tls12(id(1), "www.example.com", List.of(CLIENT)));
        List<byte[]> ids = Collections.list(ctx.getIds());
        assertEquals(1, ids.size());
        assertArrayEquals(id(1), ids.get(0));
        BastionSession s = (BastionSession) ctx.getSession(id(1));
        assertArrayEquals(id(1), s.getId());
        assertEquals("TLSv1.2", s.getProtocol());
        assertEquals(1_700_000_000_000L, s.getCreationTime());
        assertEquals(CLIENT, s.getPeerCertificates()[0]);
        assertEquals(CLIENT.getSubjectX500Principal(), s.getPeerPrincipal());
        assertEquals(ctx, s.getSessionContext());
        assertTrue(s.isValid());
        s.invalidate();
        assertFalse(s.isValid());
        assertNull(ctx.getSession(id(1)));
        assertTrue(ctx.find(id(1)).isEmpty());
        assertThrows(NullPointerException.class, () -> ctx.getSession(null));
        assertNull(ctx.getSession(new byte[0]));
        assertNull(ctx.getSession(new byte[300]));
    }

    @Test
    void clientTicketsAreTakenOnceNewestFirstPerPeer() {
        SessionContext ctx = SessionContext.withClock(true, clock::get);
        for (int i = 0; i < 3; i++) {
            ctx.saveTicket("Host.Example", 443, ticket(i, 3600));
        }
        ctx.saveTicket("host.example", 8443, ticket(9, 3600));
        assertEquals(2, ctx.cachedCount(), "two peers");
        assertEquals("ticket-2", name(ctx.takeTicket("host.example", 443, t -> true)), "host names ignore case");
        assertEquals("ticket-1", name(ctx.takeTicket("HOST.example", 443, t -> true)));
        assertEquals("ticket-0", name(ctx.takeTicket("host.example", 443, t -> true)));
        assertEquals(Optional.empty(), ctx.takeTicket("host.example", 443, t -> true));
        assertEquals("ticket-9", name(ctx.takeTicket("host.example", 8443, t -> true)));
        assertEquals(Optional.empty(), ctx.takeTicket(null, 443, t -> true), "no host, no cache");
    }

    @Test
    void clientTicketLifetimeAndSessionTimeoutBothApply() {
        SessionContext ctx = SessionContext.withClock(true, clock::get);
        ctx.saveTicket("h", 1, ticket(0, 60));
        clock.addAndGet(60_000);
        assertEquals(Optional.empty(), ctx.takeTicket("h", 1, t -> true), "past its lifetime");
        ctx.saveTicket("h", 1, ticket(1, 604800));
        ctx.setSessionTimeout(30);
        clock.addAndGet(30_000);
        assertEquals(Optional.empty(), ctx.takeTicket("h", 1, t -> true), "its session is older than the timeout");
    }

    @Test
    void clientTicketLifetimeIsCutToSevenDays() {
        assertEquals(604800, ticket(0, 10_000_000).lifetimeSeconds());
    }

    @Test
    void clientInvalidateRemovesTheSessionsTickets() {
        SessionContext ctx = SessionContext.withClock(true, clock::get);
        ClientTicket t = ticket(0, 3600, "one session");
        ctx.saveTicket("h", 1, t);
        ctx.saveTicket("h", 1, ticket(1, 3600, "one session"));
        BastionSession s = (BastionSession) ctx.getSession(t.state().id());
        assertNotNull(s);
        assertEquals("h", s.getPeerHost());
        assertEquals(1, s.getPeerPort());
        assertEquals("TLSv1.3", s.getProtocol());
        new BastionSession(new byte[] {9}, "h", 1, ctx, SessionParameters.NONE, t.state().creationTime()).invalidate();
        assertEquals(Optional.empty(), ctx.takeTicket("h", 1, x -> true), "every ticket of that session");
        assertFalse(ctx.getIds().hasMoreElements());
    }

    /**
     * TLS 1.3 tickets arrive after the handshake: a session invalidated before they come is not
     * resumed by them either (found by a concurrency probe; SunJSSE keeps such tickets).
     */
    @Test
    void ticketsArrivingAfterInvalidateAreDropped() {
        SessionContext ctx = SessionContext.withClock(true, clock::get);
        ClientTicket late = ticket(5, 3600, "invalidated");
        assertEquals(5, late.state().secret()[0]);
        new BastionSession("invalidated".getBytes(StandardCharsets.US_ASCII), "h", 1, ctx, SessionParameters.NONE,
                late.state().creationTime() + 1).invalidate();
        ctx.saveTicket("h", 1, late);
        assertEquals(Optional.empty(), ctx.takeTicket("h", 1, x -> true), "by id");
        assertEquals(0, late.state().secret()[0], "the dropped ticket's secret is wiped");
        clock.addAndGet(5);
        ClientTicket other = ticket(1, 3600, "another");
        new BastionSession(new byte[] {9}, "h", 1, ctx, SessionParameters.NONE, other.state().creationTime()).invalidate();
        ctx.saveTicket("h", 1, other);
        assertEquals(Optional.empty(), ctx.takeTicket("h", 1, x -> true), "by peer and creation time");
        clock.addAndGet(5);
        ClientTicket kept = ticket(2, 3600, "kept");
        ctx.saveTicket("h", 1, kept);
        assertTrue(ctx.takeTicket("h", 1, x -> true).isPresent(), "a session nobody invalidated");
    }

    @Test
    void clientKeepsOneTls12SessionPerPeerAndHandsOutCopies() {
        SessionContext ctx = SessionContext.withClock(true, clock::get);
        ctx.saveTls12("h", 1, tls12(id(1), "", List.of(SERVER)), new byte[] {1, 2});
        Tls12Session s = ctx.tls12("h", 1, x -> true).orElseThrow();
        s.state().wipe();
        Tls12Session again = ctx.tls12("h", 1, x -> true).orElseThrow();
        assertEquals(7, again.state().secret()[0], "wiping a handed-out copy leaves the cached session");
        assertArrayEquals(new byte[] {1, 2}, again.ticket());
        ctx.saveTls12("h", 1, tls12(id(2), "", List.of(SERVER)), null);
        assertArrayEquals(id(2), ctx.tls12("h", 1, x -> true).orElseThrow().state().id());
        assertFalse(ctx.tls12("h", 1, x -> true).orElseThrow().hasTicket());
        assertEquals(List.of(HexFormat.of().formatHex(id(2))),
                Collections.list(ctx.getIds()).stream().map(b -> HexFormat.of().formatHex(b)).toList());
    }

    @Test
    void clientCacheIsBoundedByPeers() {
        SessionContext ctx = SessionContext.withClock(true, clock::get);
        ctx.setSessionCacheSize(2);
        ctx.saveTicket("a", 1, ticket(0, 60));
        ctx.saveTicket("b", 1, ticket(1, 60));
        ctx.saveTicket("c", 1, ticket(2, 60));
        assertEquals(2, ctx.cachedCount());
        assertEquals(Optional.empty(), ctx.takeTicket("a", 1, t -> true));
    }

    @Test
    void concurrentUseKeepsTheCacheConsistent() throws Exception {
        SessionContext ctx = SessionContext.withClock(false, clock::get);
        ctx.setSessionCacheSize(500);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 1000;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 1000; i++) {
                        ctx.cache(tls12(id(base + i), "", List.of()));
                        ctx.find(id(base + i / 2));
                        if (i % 100 == 0) {
                            Collections.list(ctx.getIds());
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(500, ctx.cachedCount());
        assertEquals(500, Collections.list(ctx.getIds()).size());
    }

    private ClientTicket ticket(int n, long lifetime) {
        return ticket(n, lifetime, "session-" + n);
    }

    private ClientTicket ticket(int n, long lifetime, String session) {
        byte[] psk = new byte[32];
        psk[0] = (byte) n;
        SessionState s = new SessionState(SessionState.TLS13, 0x1301, session.getBytes(StandardCharsets.US_ASCII),
                psk, clock.get(), false, "", List.of(SERVER), List.of());
        return new ClientTicket(("ticket-" + n).getBytes(StandardCharsets.US_ASCII), 1, lifetime, clock.get(), s);
    }

    private static X509Certificate certificate(String cn) {
        try {
            return SelfSigned.create(cn, 1).certificate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String name(Optional<ClientTicket> t) {
        return new String(t.orElseThrow().ticket(), StandardCharsets.US_ASCII);
    }

    @Test
    void clientKeysAreTheLowerCaseHostAndPortWhateverWasAskedBefore() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 40; i++) {
                String host = (i % 2 == 0 ? "Host" : "host") + i + ".Example";
                assertEquals("host" + i + ".example:" + (400 + i), ClientSessionCache.key(host, 400 + i));
                assertEquals("host" + i + ".example:" + (401 + i), ClientSessionCache.key(host, 401 + i));
            }
        }
        assertEquals("xn--bcher-kva.example:443", ClientSessionCache.key("XN--BCHER-KVA.example", 443));
    }
}
