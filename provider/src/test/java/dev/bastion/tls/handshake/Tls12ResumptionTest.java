package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.SessionTicket;
import dev.bastion.tls.session.ResumptionSettings;
import dev.bastion.tls.session.SessionState;
import dev.bastion.tls.session.Tls12Session;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.2 resumption between Bastion's handshakes: session ids with the server's cache (RFC 5246
 * §7.3, §7.4.1.2), tickets (RFC 5077) beating ids, the abbreviated flights, and every reason an
 * offer gives a full handshake instead.
 */
class Tls12ResumptionTest {
    private static final String HOST = "server.test";
    private static final List<String> ABBREVIATED = List.of("ServerHello", "CCS", "Finished (protected)");
    private static final List<String> ABBREVIATED_WITH_TICKET = List.of("ServerHello", "NewSessionTicket", "CCS",
            "Finished (protected)");

    private final TestSessions sessions = new TestSessions();
    private final TestCredentials serverCredentials = new TestCredentials()
            .server(TestCerts.credential(Kind.EC_P256, "server"));

    static TestConfig client() {
        TestConfig c = Tls12Configs.client();
        c.peerHost = Optional.of(HOST);
        return c;
    }

    private Pipe pipe(TestConfig client, TestConfig server) {
        return sessions.pipe(client.build(), new TestCredentials(), server.build(), serverCredentials);
    }

    private Pipe handshake() {
        return pipe(client(), Tls12Configs.server()).handshake();
    }

    private void serverTickets(boolean on) {
        sessions.server.configure(new ResumptionSettings(on, 2, false));
    }

    @Test
    void sessionIdResumesWithTheAbbreviatedHandshake() {
        serverTickets(false);
        Pipe first = handshake();
        assertFalse(Tls13HandshakeTest.sent(first.serverIo, ServerHello.class).extensions()
                .contains(ExtensionType.SESSION_TICKET), "no ticket: the session is cached");
        byte[] id = first.serverIo.completed().sessionId().toByteArray();
        assertEquals(List.of(id).size(), Collections.list(sessions.server.getIds()).size());
        assertArrayEquals(id, Collections.list(sessions.server.getIds()).get(0));
        sessions.advance(1000);

        Pipe second = handshake();
        assertArrayEquals(id, Tls13HandshakeTest.sent(second.clientIo, ClientHello.class).legacySessionId().toByteArray());
        assertEquals(ABBREVIATED, second.serverIo.sentTypes());
        assertEquals(List.of("CCS", "Finished (protected)"), second.clientIo.sentTypes().subList(1, 3));
        Negotiated c = second.clientIo.completed();
        Negotiated s = second.serverIo.completed();
        assertTrue(c.resumed() && s.resumed());
        assertArrayEquals(id, s.sessionId().toByteArray());
        assertEquals(first.clientIo.completed().creationTime(), c.creationTime());
        assertEquals(first.serverIo.completed().creationTime(), s.creationTime());
        assertEquals(first.clientIo.completed().peerCertificates(), c.peerCertificates());
        assertEquals(first.serverIo.completed().localCertificates(), s.localCertificates());
        assertEquals(first.serverIo.completed().cipherSuite(), s.cipherSuite());
    }

    @Test
    void ticketResumesAndTheServerKeepsNothing() {
        Pipe first = handshake();
        assertTrue(Tls13HandshakeTest.sent(first.serverIo, ServerHello.class).extensions()
                .contains(ExtensionType.SESSION_TICKET));
        List<String> tail = first.serverIo.sentTypes().subList(first.serverIo.sentTypes().size() - 3,
                first.serverIo.sentTypes().size());
        assertEquals(List.of("NewSessionTicket", "CCS", "Finished (protected)"), tail,
                "RFC 5077 §3.3: the ticket before the server's ChangeCipherSpec");
        assertFalse(sessions.server.getIds().hasMoreElements(), "stateless");

        Pipe second = handshake();
        ClientHello ch = Tls13HandshakeTest.sent(second.clientIo, ClientHello.class);
        assertFalse(ch.extensions().get(SessionTicket.class).orElseThrow().ticket().isEmpty());
        assertEquals(32, ch.legacySessionId().length());
        assertEquals(ABBREVIATED_WITH_TICKET, second.serverIo.sentTypes());
        assertTrue(second.clientIo.completed().resumed());
        assertTrue(second.serverIo.completed().resumed());
        assertTrue(handshake().clientIo.completed().resumed(), "the renewed ticket resumes again");
    }

    @Test
    void ticketBeatsSessionId() {
        serverTickets(false);
        Negotiated a = handshake().clientIo.completed(); // session A, cached by the server under its id
        byte[] idA = a.sessionId().toByteArray();
        serverTickets(true);
        sessions.advance(5000);
        TestSessions other = new TestSessions();
        TestConfig c = client();
        Pipe b = Pipe.of(c.build(), new TestCredentials(), Tls12Configs.server().build(), serverCredentials);
        b.clientIo.with(other.client);
        b.serverIo.with(sessions.server);
        long createdB = b.handshake().serverIo.completed().creationTime(); // session B, in a ticket
        Tls12Session sessionB = other.client.tls12(HOST, 443, x -> true).orElseThrow();
        assertTrue(sessionB.hasTicket());
        // offer A's id with B's ticket: the ticket must win (A's secret would fail the Finished)
        sessions.client.saveTls12(HOST, 443, sessionB.state().withId(idA), sessionB.ticket());
        Pipe p = handshake();
        assertTrue(p.serverIo.completed().resumed());
        assertEquals(createdB, p.serverIo.completed().creationTime());
        assertNotEquals(a.creationTime(), p.serverIo.completed().creationTime());
    }

    @Test
    void tamperedTicketGivesASilentFullHandshake() {
        handshake();
        Tls12Session s = sessions.client.tls12(HOST, 443, x -> true).orElseThrow();
        byte[] t = s.ticket();
        t[t.length - 1] ^= 1;
        sessions.client.saveTls12(HOST, 443, s.state(), t);
        Pipe p = handshake();
        assertFalse(p.serverIo.completed().resumed());
        assertTrue(p.serverIo.sentTypes().contains("Certificate"));
    }

    @Test
    void sessionIdOfferWithADifferentSuiteGivesAFullHandshake() {
        serverTickets(false);
        Negotiated first = handshake().clientIo.completed();
        Tls12Session s = sessions.client.tls12(HOST, 443, x -> true).orElseThrow();
        CipherSuite other = first.cipherSuite().orElseThrow() == CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
                ? CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256
                : CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256;
        TestConfig c = client().suites(other);
        Pipe p = pipe(c, Tls12Configs.server()).handshake();
        assertArrayEquals(new byte[0], Tls13HandshakeTest.sent(p.clientIo, ClientHello.class).legacySessionId()
                .toByteArray(), "the client offers no session whose suite it no longer enables");
        // the server's own check: the client's record claims the other suite
        SessionState st = s.state();
        sessions.client.saveTls12(HOST, 443, new SessionState(st.version(), other.code(), st.id(), st.secret(),
                st.creationTime(), st.extendedMasterSecret(), st.serverName(), st.peerCertificates(),
                st.localCertificates()), new byte[0]);
        Pipe q = pipe(client().suites(other), Tls12Configs.server()).handshake();
        assertArrayEquals(st.id(), Tls13HandshakeTest.sent(q.clientIo, ClientHello.class).legacySessionId().toByteArray());
        assertFalse(q.serverIo.completed().resumed(), "RFC 5246 §7.4.1.2: the session's suite must be offered");
        assertEquals(Optional.of(other), q.serverIo.completed().cipherSuite());
    }

    @Test
    void serverResumingWithAnotherSuiteIsIllegalParameter() {
        serverTickets(false);
        handshake();
        Pipe p = handshake();
        assertTrue(p.clientIo.completed().resumed());
        Pipe q = pipe(client(), Tls12Configs.server());
        q.toClient = o -> o.message() instanceof ServerHello sh ? Pipe.replace(o, new ServerHello(sh.legacyVersion(),
                sh.random(), sh.legacySessionIdEcho(), otherSuite(sh.cipherSuite()), 0, sh.extensions())) : o;
        q.client.start(q.clientIo);
        q.server.start(q.serverIo);
        TlsAlert a = assertThrows(TlsAlert.class, q::run);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, a.alert());
        assertTrue(a.getMessage().contains("the session's cipher suite"), a.getMessage());
    }

    private static int otherSuite(int code) {
        return code == CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256.code()
                ? CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384.code()
                : CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256.code();
    }

    @Test
    void extendedMasterSecretMustBeUsedAsBefore() {
        serverTickets(false);
        handshake();
        TestConfig noEms = client();
        noEms.tls12 = new Tls12Options(false, true);
        Pipe p = pipe(noEms, Tls12Configs.server()).handshake();
        assertFalse(p.serverIo.completed().resumed(), "RFC 7627 §5.3: a session with EMS is not resumed without it");
    }

    /**
     * jdk.tls.allowLegacyResumption=false: a server refuses, with handshake_failure as SunJSSE's,
     * to resume a session made without the extended master secret by a hello without it; a
     * client does not offer such a session. Allowed (the default), the client offers it and the
     * server, which uses the extended master secret, makes a full handshake, as SunJSSE's does;
     * a server that does not use it at all resumes it.
     */
    @Test
    void legacyResumptionFollowsItsSwitch() {
        serverTickets(false);
        TestConfig noEms = client();
        noEms.tls12 = new Tls12Options(false, true);
        TestConfig server = Tls12Configs.server();
        pipe(noEms, server).handshake();
        Pipe offered = pipe(noEms, server).handshake();
        assertFalse(Tls13HandshakeTest.sent(offered.clientIo, ClientHello.class).legacySessionId().isEmpty(),
                "offered by default");
        assertFalse(offered.serverIo.completed().resumed(), "no insecure resumption (RFC 7627 §5.3)");

        TestConfig noEmsServer = Tls12Configs.server();
        noEmsServer.tls12 = new Tls12Options(false, true);
        pipe(noEms, noEmsServer).handshake();
        assertTrue(pipe(noEms, noEmsServer).handshake().serverIo.completed().resumed(), "no extended master secret anywhere");

        TestConfig strictServer = Tls12Configs.server();
        strictServer.tls12 = new Tls12Options(true, true, Tls12Options.MIN_DH_PRIME_BITS, false);
        Pipe refused = pipe(noEms, strictServer);
        TlsAlert a = assertThrows(TlsAlert.class, refused::handshake);
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, a.alert());
        assertTrue(a.getMessage().contains("jdk.tls.allowLegacyResumption"), a.getMessage());

        TestConfig strictClient = client();
        strictClient.tls12 = new Tls12Options(false, true, Tls12Options.MIN_DH_PRIME_BITS, false);
        Pipe fresh = pipe(strictClient, server).handshake();
        assertTrue(((ClientHello) fresh.clientIo.outbox.get(0).message()).legacySessionId().isEmpty(),
                "the client offered no legacy session");
        assertFalse(fresh.serverIo.completed().resumed());
    }

    @Test
    void otherServerNameGivesAFullHandshake() {
        serverTickets(false);
        TestConfig a = client();
        a.serverNames = List.of(new SNIHostName("a.test"));
        pipe(a, Tls12Configs.server()).handshake();
        Tls12Session s = sessions.client.tls12(HOST, 443, x -> true).orElseThrow();
        SessionState st = s.state();
        sessions.client.saveTls12(HOST, 443, new SessionState(st.version(), st.cipherSuite(), st.id(), st.secret(),
                st.creationTime(), st.extendedMasterSecret(), "b.test", st.peerCertificates(), st.localCertificates()),
                new byte[0]);
        TestConfig b = client();
        b.serverNames = List.of(new SNIHostName("b.test"));
        Pipe p = pipe(b, Tls12Configs.server()).handshake();
        assertFalse(Tls13HandshakeTest.sent(p.clientIo, ClientHello.class).legacySessionId().isEmpty());
        assertFalse(p.serverIo.completed().resumed());
    }

    @Test
    void expiredSessionsAreNotResumed() {
        serverTickets(false);
        handshake();
        sessions.server.setSessionTimeout(10);
        sessions.client.setSessionTimeout(0);
        sessions.advance(10_000);
        assertFalse(handshake().serverIo.completed().resumed());
        serverTickets(true);
        handshake();
        sessions.advance(10_000);
        assertFalse(handshake().serverIo.completed().resumed(), "an expired ticket");
    }

    @Test
    void invalidatedSessionIsNotResumed() {
        serverTickets(false);
        byte[] id = handshake().serverIo.completed().sessionId().toByteArray();
        sessions.server.getSession(id).invalidate();
        assertNull(sessions.server.getSession(id));
        assertFalse(handshake().serverIo.completed().resumed());
    }

    @Test
    void serverCacheIsBounded() {
        serverTickets(false);
        sessions.server.setSessionCacheSize(1);
        byte[] first = handshake().serverIo.completed().sessionId().toByteArray();
        TestSessions other = new TestSessions();
        Pipe p = Pipe.of(client().build(), new TestCredentials(), Tls12Configs.server().build(), serverCredentials);
        p.clientIo.with(other.client);
        p.serverIo.with(sessions.server);
        p.handshake();
        assertEquals(1, sessions.server.cachedCount());
        assertNull(sessions.server.getSession(first), "the least recently used session went first");
        assertFalse(handshake().serverIo.completed().resumed());
    }

    @Test
    void clientAuthenticationSurvivesResumption() throws Exception {
        serverTickets(false);
        TestConfig server = Tls12Configs.server();
        server.clientAuth = ClientAuth.REQUIRED;
        TestCredentials clientCredentials = new TestCredentials().client(TestCerts.credential(Kind.EC_P256, "client"));
        Negotiated first = sessions.pipe(client().build(), clientCredentials, server.build(), serverCredentials)
                .handshake().serverIo.completed();
        Pipe p = sessions.pipe(client().build(), clientCredentials, server.build(), serverCredentials).handshake();
        assertTrue(p.serverIo.completed().resumed());
        assertEquals(first.peerCertificates(), p.serverIo.completed().peerCertificates());
        assertEquals(1, sessions.server.getSession(first.sessionId().toByteArray()).getPeerCertificates().length);
    }

    @Test
    void clientOfferingTls13AndTls12ResumesATls12Session() {
        serverTickets(false);
        handshake();
        TestConfig both = Tls12Configs.both(client());
        Pipe p = pipe(both, Tls12Configs.server()).handshake();
        assertTrue(p.clientIo.completed().resumed());
        assertEquals(HandshakeConfig.TLS12, p.clientIo.completed().version());
    }

    @Test
    void sessionCreationTimeSurvivesManyResumptions() {
        long created = handshake().clientIo.completed().creationTime();
        for (int i = 0; i < 3; i++) {
            sessions.advance(1000);
            Negotiated n = handshake().serverIo.completed();
            assertTrue(n.resumed());
            assertEquals(created, n.creationTime());
        }
    }
}
