package dev.bastion.tls.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.testutil.SelfSigned;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import org.junit.jupiter.api.Test;

class BastionSessionTest {

    private static SessionParameters negotiated(SelfSigned peer) {
        return new SessionParameters("TLSv1.3", "TLS_AES_128_GCM_SHA256", "x25519", List.of(), List.of(peer.certificate()),
                List.of(new SNIHostName("example.com")), List.of("SHA256withECDSA", "RSASSA-PSS"), List.of("Ed25519"),
                16709, 16676, false);
    }

    @Test
    void statusResponsesAreCopies() throws Exception {
        SelfSigned peer = SelfSigned.localhost();
        SessionParameters p = negotiated(peer);
        byte[] response = {0x30, 0x03, 0x0a, 0x01, 0x00};
        SessionParameters stapled = new SessionParameters(p.protocol(), p.cipherSuite(), p.namedGroup(),
                p.localCertificates(), p.peerCertificates(), p.requestedServerNames(), p.localSignatureAlgorithms(),
                p.peerSignatureAlgorithms(), p.packetBufferSize(), p.applicationBufferSize(), false,
                List.of(response, new byte[0]));
        BastionSession s = new BastionSession(new byte[] {1}, "example.com", 443, null, stapled);
        List<byte[]> first = s.getStatusResponses();
        assertEquals(2, first.size());
        assertArrayEquals(response, first.get(0));
        assertEquals(0, first.get(1).length);
        first.get(0)[0] = 0;
        assertArrayEquals(response, s.getStatusResponses().get(0), "the caller's change does not reach the session");
        assertTrue(new BastionSession(new byte[] {2}, "example.com", 443, null, p).getStatusResponses().isEmpty());
    }

    @Test
    void nullSessionAnswersLikeSunJsse() {
        BastionSession s = BastionSession.nullSession();
        assertEquals("NONE", s.getProtocol());
        assertEquals("SSL_NULL_WITH_NULL_NULL", s.getCipherSuite());
        assertFalse(s.isValid());
        assertEquals(0, s.getId().length);
        assertEquals(16709, s.getPacketBufferSize());
        assertEquals(16704, s.getApplicationBufferSize());
        assertNull(s.getSessionContext());
        assertNull(s.getLocalCertificates());
        assertNull(s.getLocalPrincipal());
        SSLPeerUnverifiedException e = assertThrows(SSLPeerUnverifiedException.class, s::getPeerCertificates);
        assertEquals("peer not authenticated", e.getMessage());
        assertThrows(SSLPeerUnverifiedException.class, s::getPeerPrincipal);
        assertEquals(List.of(), s.getStatusResponses());
    }

    @Test
    void negotiatedSessionReportsItsParameters() throws Exception {
        SelfSigned peer = SelfSigned.localhost();
        SessionContext ctx = SessionContext.server();
        BastionSession s = new BastionSession(new byte[] {1, 2, 3}, "example.com", 443, ctx, SessionParameters.NONE);
        s.update(negotiated(peer));
        assertTrue(s.isValid());
        assertEquals("TLSv1.3", s.getProtocol());
        assertArrayEquals(new byte[] {1, 2, 3}, s.getId());
        assertEquals(peer.certificate(), s.getPeerCertificates()[0]);
        assertEquals(peer.certificate().getSubjectX500Principal(), s.getPeerPrincipal());
        assertEquals(List.of(new SNIHostName("example.com")), s.getRequestedServerNames());
        assertArrayEquals(new String[] {"SHA256withECDSA", "RSASSA-PSS"}, s.getLocalSupportedSignatureAlgorithms());
        assertArrayEquals(new String[] {"Ed25519"}, s.getPeerSupportedSignatureAlgorithms());
        assertEquals(16676, s.getApplicationBufferSize());
        assertEquals("example.com", s.getPeerHost());
        assertEquals(443, s.getPeerPort());
        assertEquals(ctx, s.getSessionContext());
        s.getId()[0] = 9;
        assertEquals(1, s.getId()[0], "ids are copied");
        s.invalidate();
        assertFalse(s.isValid());
    }

    @Test
    void sessionTimesOutWithItsContext() throws Exception {
        long created = 1_000_000_000L;
        long[] now = {created + 5_000};
        SessionContext ctx = SessionContext.withClock(false, () -> now[0]);
        ctx.setSessionTimeout(10);
        BastionSession s = new BastionSession(new byte[1], null, -1, ctx, negotiated(SelfSigned.localhost()), created);
        assertTrue(s.isValid(), "5 s into a 10 s timeout");
        now[0] = created + 10_000;
        assertFalse(s.isValid(), "10 s into a 10 s timeout");
        ctx.setSessionTimeout(0);
        assertTrue(s.isValid(), "0 means no limit");
        assertEquals(created, s.getCreationTime());
    }

    /** A resumed session keeps its first handshake's creation time; each use moves its last-accessed time on. */
    @Test
    void lastAccessedTimeMovesOnWithUseAndCreationTimeStays() throws Exception {
        long created = System.currentTimeMillis() - 60_000;
        long before = System.currentTimeMillis();
        BastionSession s = new BastionSession(new byte[1], null, -1, SessionContext.server(),
                negotiated(SelfSigned.localhost()), created);
        long first = s.getLastAccessedTime();
        assertEquals(created, s.getCreationTime());
        assertTrue(first >= before, "made now, accessed now (not at the resumed session's creation): " + first);
        Thread.sleep(15);
        long beforeTouch = System.currentTimeMillis();
        s.touch();
        assertTrue(s.getLastAccessedTime() >= beforeTouch && s.getLastAccessedTime() > first,
                "touched after " + beforeTouch + ": " + s.getLastAccessedTime());
        assertEquals(created, s.getCreationTime());
    }

    @Test
    void valuesNotifyBindingListeners() {
        BastionSession s = BastionSession.nullSession();
        List<String> events = new ArrayList<>();
        SSLSessionBindingListener l = new SSLSessionBindingListener() {
            @Override
            public void valueBound(SSLSessionBindingEvent e) {
                events.add("bound " + e.getName() + " " + (e.getSession() == s));
            }

            @Override
            public void valueUnbound(SSLSessionBindingEvent e) {
                events.add("unbound " + e.getName());
            }
        };
        s.putValue("a", l);
        s.putValue("a", l); // same value again: unbound, then bound (SunJSSE)
        s.putValue("a", "replacement");
        s.putValue("b", l);
        s.removeValue("b");
        assertEquals(List.of("bound a true", "unbound a", "bound a true", "unbound a", "bound b true", "unbound b"), events);
        assertEquals("replacement", s.getValue("a"));
        assertArrayEquals(new String[] {"a"}, s.getValueNames());
        assertThrows(IllegalArgumentException.class, () -> s.putValue(null, "x"));
        assertThrows(IllegalArgumentException.class, () -> s.putValue("x", null));
        assertThrows(IllegalArgumentException.class, () -> s.getValue(null));
    }

    @Test
    void contextKeepsSettingsButNoSessions() {
        SessionContext c = SessionContext.server();
        assertEquals(86400, c.getSessionTimeout());
        assertEquals(20480, c.getSessionCacheSize());
        c.setSessionTimeout(10);
        c.setSessionCacheSize(5);
        assertEquals(10, c.getSessionTimeout());
        assertEquals(5, c.getSessionCacheSize());
        assertThrows(IllegalArgumentException.class, () -> c.setSessionTimeout(-1));
        assertThrows(IllegalArgumentException.class, () -> c.setSessionCacheSize(-1));
        assertNull(c.getSession(new byte[32]));
        assertFalse(c.getIds().hasMoreElements());
        assertThrows(NullPointerException.class, () -> c.getSession(null));
    }

    @Test
    void randomIdIsDrawnOnceAndOnlyWhenAskedFor() {
        int[] draws = {0};
        SecureRandom counting = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                draws[0]++;
                super.nextBytes(bytes);
            }
        };
        BastionSession s = BastionSession.withRandomId(counting, "example.com", 443, null, SessionParameters.NONE);
        assertFalse(s.hasId(new byte[32]), "an id not drawn yet matches nothing");
        assertEquals(0, draws[0], "nothing drawn before getId");
        byte[] id = s.getId();
        assertEquals(32, id.length);
        assertArrayEquals(id, s.getId(), "the id stays the same");
        assertTrue(s.hasId(id));
        assertEquals(1, draws[0]);
        id[0] ^= 1;
        assertFalse(s.hasId(id), "getId hands out a copy");
        BastionSession other = BastionSession.withRandomId(counting, "example.com", 443, null, SessionParameters.NONE);
        assertFalse(java.util.Arrays.equals(s.getId(), other.getId()), "two sessions draw two ids");
    }
}
