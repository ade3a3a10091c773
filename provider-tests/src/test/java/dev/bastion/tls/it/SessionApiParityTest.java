package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.ResumptionTest.Mode;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What applications read from {@code SSLSession}, {@code ExtendedSSLSession} and
 * {@code SSLSessionContext}, the same on SunJSSE (17 and 25) and Bastion, each against itself,
 * TLS 1.3 and TLS 1.2, fresh and resumed: ids, validity, contexts, peers, certificates and
 * principals (with and without client authentication), buffer sizes, the deprecated
 * {@code getPeerCertificateChain}, the null session before a handshake, and the application
 * values ({@code putValue}), which belong to the session rather than to one object showing it:
 * a resumed session and the one {@code getSession(id)} finds show the values put into the
 * first, on a client in every kind of resumption and on a server for a TLS 1.2 session id (a
 * server resuming a ticket has no cached session to take them from). The differences that remain
 * are listed in README's "Session resumption".
 */
class SessionApiParityTest {

    static Stream<Arguments> fresh() {
        List<Arguments> out = new ArrayList<>();
        for (String provider : Providers.UNDER_TEST) {
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                for (boolean auth : new boolean[] {false, true}) {
                    out.add(Arguments.of(provider, protocol, auth));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> modes() {
        List<Arguments> out = new ArrayList<>();
        for (String provider : Providers.UNDER_TEST) {
            for (Mode mode : Mode.values()) {
                out.add(Arguments.of(provider, mode));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} client auth {2}")
    @MethodSource("fresh")
    void freshSessionAnswers(String provider, String protocol, boolean auth) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, true, auth ? KeyType.EC_P256 : null);
        EnginePair p = connect(c, protocol, auth);
        ExtendedSSLSession client = (ExtendedSSLSession) p.client.getSession();
        ExtendedSSLSession server = (ExtendedSSLSession) p.server.getSession();
        for (ExtendedSSLSession s : List.of(client, server)) {
            assertEquals(32, s.getId().length, "a 32-byte id in TLS 1.3 too");
            assertTrue(s.isValid());
            assertEquals(protocol, s.getProtocol());
            assertEquals(16709, s.getPacketBufferSize());
            assertEquals(protocol.equals("TLSv1.3") ? 16676 : 16680, s.getApplicationBufferSize());
            assertTrue(s.getLastAccessedTime() >= s.getCreationTime());
            assertTrue(s.getLocalSupportedSignatureAlgorithms().length > 0);
            assertEquals(List.of(), s.getStatusResponses());
            assertEquals(List.of(), s.getRequestedServerNames(), "no SNI for a dotless host");
            assertThrows(UnsupportedOperationException.class, s::getPeerCertificateChain);
            assertArrayEquals(new String[0], s.getValueNames());
        }
        assertSame(c[0].getClientSessionContext(), client.getSessionContext());
        assertSame(c[1].getServerSessionContext(), server.getSessionContext());
        assertEquals(client.getCipherSuite(), server.getCipherSuite());
        assertEquals("localhost", client.getPeerHost());
        assertEquals(443, client.getPeerPort());
        assertNull(server.getPeerHost(), "an engine made without a peer");
        assertEquals(-1, server.getPeerPort());
        assertEquals(2, client.getPeerCertificates().length);
        assertEquals("CN=localhost", client.getPeerPrincipal().getName());
        assertEquals(2, server.getLocalCertificates().length);
        assertEquals("CN=localhost", server.getLocalPrincipal().getName());
        assertTrue(server.getPeerSupportedSignatureAlgorithms().length > 0, "the client's signature_algorithms");
        assertEquals(auth, client.getPeerSupportedSignatureAlgorithms().length > 0,
                "the client knows the server's list from a CertificateRequest only");
        if (auth) {
            assertEquals(2, client.getLocalCertificates().length);
            assertEquals("CN=Bastion Test Client", client.getLocalPrincipal().getName());
            assertEquals(2, server.getPeerCertificates().length);
            assertEquals(client.getLocalPrincipal(), server.getPeerPrincipal());
        } else {
            assertNull(client.getLocalCertificates());
            assertNull(client.getLocalPrincipal());
            SSLPeerUnverifiedException e = assertThrows(SSLPeerUnverifiedException.class, server::getPeerCertificates);
            assertEquals("peer not authenticated", e.getMessage());
            assertThrows(SSLPeerUnverifiedException.class, server::getPeerPrincipal);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.bastion.tls.it.SessionContextBehaviourTest#providers")
    void nullSessionBeforeTheHandshake(String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, true);
        SSLEngine e = c[0].createSSLEngine("localhost", 443);
        e.setUseClientMode(true);
        SSLSession s = e.getSession();
        assertSame(s, e.getSession(), "one null session per engine");
        assertEquals("NONE", s.getProtocol());
        assertEquals("SSL_NULL_WITH_NULL_NULL", s.getCipherSuite());
        assertFalse(s.isValid());
        assertEquals(0, s.getId().length);
        assertNull(s.getSessionContext());
        assertThrows(SSLPeerUnverifiedException.class, s::getPeerCertificates);
        assertNull(s.getLocalCertificates());
        s.putValue("a", "b");
        assertEquals("b", e.getSession().getValue("a"));
        s.invalidate();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void resumedSessionAnswers(String provider, Mode mode) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, mode.tickets);
        EnginePair first = connect(c, mode.protocol, false);
        Thread.sleep(5);
        EnginePair second = connect(c, mode.protocol, false);
        SSLSession c1 = first.client.getSession();
        SSLSession c2 = second.client.getSession();
        assertEquals(c1.getCreationTime(), c2.getCreationTime(), "resumed");
        assertEquals(first.server.getSession().getCreationTime(), second.server.getSession().getCreationTime());
        for (SSLSession s : List.of(c2, second.server.getSession())) {
            assertEquals(mode.protocol, s.getProtocol());
            assertEquals(c1.getCipherSuite(), s.getCipherSuite());
            assertTrue(s.isValid());
            assertEquals(32, s.getId().length);
            assertEquals(16709, s.getPacketBufferSize());
            assertThrows(UnsupportedOperationException.class, s::getPeerCertificateChain);
        }
        assertEquals("localhost", c2.getPeerHost());
        assertEquals(443, c2.getPeerPort());
        assertArrayEquals(c1.getPeerCertificates(), c2.getPeerCertificates());
        assertNull(c2.getLocalCertificates());
        assertThrows(SSLPeerUnverifiedException.class, second.server.getSession()::getPeerCertificates);
        if (mode.protocol.equals("TLSv1.2")) {
            assertArrayEquals(c1.getId(), c2.getId());
        }
    }

    /** A value bound to a session, recording its binding events. */
    private static final class Bound implements SSLSessionBindingListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void valueBound(SSLSessionBindingEvent e) {
            events.add("bound " + e.getName());
        }

        @Override
        public void valueUnbound(SSLSessionBindingEvent e) {
            events.add("unbound " + e.getName());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void valuesBelongToTheSession(String provider, Mode mode) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, mode.tickets);
        EnginePair first = connect(c, mode.protocol, false);
        Bound onClient = new Bound();
        Bound onServer = new Bound();
        first.client.getSession().putValue("app", onClient);
        first.server.getSession().putValue("app", onServer);
        SSLSession byId = c[0].getClientSessionContext().getSession(first.client.getSession().getId());
        assertNotNull(byId);
        assertSame(onClient, byId.getValue("app"), "the client's session found by id has the value");
        boolean serverKeeps = mode == Mode.TLS12_SESSION_ID;
        if (serverKeeps) {
            assertSame(onServer, c[1].getServerSessionContext().getSession(first.server.getSession().getId())
                    .getValue("app"), "so has the server's");
        }
        Thread.sleep(5);
        EnginePair second = connect(c, mode.protocol, false);
        SSLSession c2 = second.client.getSession();
        SSLSession s2 = second.server.getSession();
        assertEquals(first.client.getSession().getCreationTime(), c2.getCreationTime(), "resumed");

        assertSame(onClient, c2.getValue("app"), "the client's resumed session has the value");
        assertArrayEquals(new String[] {"app"}, c2.getValueNames());
        assertEquals(serverKeeps ? onServer : null, s2.getValue("app"), "the server's resumed session");

        c2.removeValue("app");
        assertNull(first.client.getSession().getValue("app"), "removed through the resumed session");
        assertEquals(List.of("bound app", "unbound app"), onClient.events);
        assertEquals(List.of("bound app"), onServer.events);
    }

    /**
     * {@code invalidate()} through a resumed connection's session is seen through every object
     * showing that session, as through SunJSSE's single object: the first connection's and the
     * one {@code getSession(id)} found. A server's ticket sessions are separate (the first one's
     * tickets still resume it), on both. One difference is deliberate: SunJSSE's TLS 1.3 client
     * makes a separate session per resumption, so its first session stays valid, while Bastion's
     * invalidates the whole session, whose tickets then no longer resume, so it is not valid
     * ("available for resuming", as {@code isValid} is documented) either.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modes")
    void invalidatedThroughAnyObject(String provider, Mode mode) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, mode.tickets);
        EnginePair first = connect(c, mode.protocol, false);
        SSLSession byId = c[0].getClientSessionContext().getSession(first.client.getSession().getId());
        SSLSession serverById = c[1].getServerSessionContext().getSession(first.server.getSession().getId());
        assertNotNull(byId);
        assertTrue(byId.isValid());
        assertEquals(mode == Mode.TLS12_SESSION_ID, serverById != null, "only a session-id session is cached by the server");
        EnginePair second = connect(c, mode.protocol, false);
        assertEquals(first.client.getSession().getCreationTime(), second.client.getSession().getCreationTime(), "resumed");
        assertTrue(first.client.getSession().isValid());
        assertTrue(first.server.getSession().isValid());

        second.client.getSession().invalidate();
        second.server.getSession().invalidate();
        assertFalse(second.client.getSession().isValid());
        assertFalse(second.server.getSession().isValid());
        boolean clientShared = !(mode == Mode.TLS13_PSK && provider.equals("SunJSSE"));
        assertEquals(!clientShared, first.client.getSession().isValid(), "the client's first session object");
        assertEquals(!clientShared, byId.isValid(), "the client's session found by id");
        boolean serverShared = mode == Mode.TLS12_SESSION_ID;
        assertEquals(!serverShared, first.server.getSession().isValid(), "the server's first session object");
        if (serverById != null) {
            assertFalse(serverById.isValid(), "the server's session found by id");
        }
        Thread.sleep(5);
        EnginePair third = connect(c, mode.protocol, false);
        assertTrue(third.client.getSession().getCreationTime() > first.client.getSession().getCreationTime(),
                "a full handshake: the client offers the invalidated session no more");
    }

    /** A server's TLS 1.2 session found by id shows the peer its connection was made with. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.bastion.tls.it.SessionContextBehaviourTest#providers")
    void serverSessionFoundByIdShowsItsPeer(String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, false);
        int port = 443;
        for (String peer : List.of("client.example", "192.0.2.7", "bücher.example")) {
            SSLEngine client = c[0].createSSLEngine("localhost", port++); // a new peer each time: no resumption
            SSLEngine server = c[1].createSSLEngine(peer, 50123);
            client.setEnabledProtocols(new String[] {"TLSv1.2"});
            server.setEnabledProtocols(new String[] {"TLSv1.2"});
            new EnginePair(client, server).handshake();
            SSLSession found = c[1].getServerSessionContext().getSession(server.getSession().getId());
            assertNotNull(found);
            assertEquals(peer, found.getPeerHost());
            assertEquals(50123, found.getPeerPort());
        }
        SSLEngine client = c[0].createSSLEngine("other.example", 443);
        SSLEngine server = c[1].createSSLEngine();
        client.setEnabledProtocols(new String[] {"TLSv1.2"});
        server.setEnabledProtocols(new String[] {"TLSv1.2"});
        new EnginePair(client, server).handshake();
        SSLSession found = c[1].getServerSessionContext().getSession(server.getSession().getId());
        assertNull(found.getPeerHost(), "an engine made without a peer");
        assertEquals(-1, found.getPeerPort());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.bastion.tls.it.SessionContextBehaviourTest#providers")
    void zeroMeansNoLimit(String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, false);
        for (SSLSessionContext ctx : List.of(c[0].getClientSessionContext(), c[1].getServerSessionContext())) {
            ctx.setSessionCacheSize(0);
            ctx.setSessionTimeout(0);
            assertEquals(0, ctx.getSessionCacheSize());
            assertEquals(0, ctx.getSessionTimeout());
            ctx.setSessionTimeout(Integer.MAX_VALUE);
            assertEquals(Integer.MAX_VALUE, ctx.getSessionTimeout());
            ctx.setSessionTimeout(0);
        }
        EnginePair first = ResumptionTest.connect(c, "TLSv1.2");
        Thread.sleep(5);
        EnginePair second = ResumptionTest.connect(c, "TLSv1.2");
        assertEquals(first.server.getSession().getCreationTime(), second.server.getSession().getCreationTime(),
                "a TLS 1.2 session id resumes with no size or time limit");
        byte[] id = first.server.getSession().getId();
        assertNotNull(c[1].getServerSessionContext().getSession(id));
        assertNotNull(c[0].getClientSessionContext().getSession(id));
    }

    private static EnginePair connect(SSLContext[] c, String protocol, boolean needClientAuth) throws Exception {
        SSLEngine client = c[0].createSSLEngine("localhost", 443);
        SSLEngine server = c[1].createSSLEngine();
        client.setEnabledProtocols(new String[] {protocol});
        server.setEnabledProtocols(new String[] {protocol});
        server.setNeedClientAuth(needClientAuth);
        return new EnginePair(client, server).handshake();
    }
}
