package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.TestCerts.Kind;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.NewSessionTicket;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.PreSharedKeyClientHello;
import dev.bastion.tls.message.ext.PreSharedKeyServerHello;
import dev.bastion.tls.message.ext.PskKeyExchangeModes;
import dev.bastion.tls.session.ClientTicket;
import dev.bastion.tls.session.SessionState;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.Test;

/**
 * TLS 1.3 resumption between Bastion's handshakes (RFC 8446 §2.2, §4.2.11, §4.6.1): the server's
 * tickets after the client's Finished, the client's PSK offer with its binder, the abbreviated
 * flight, and every reason a ticket is passed over (then a full handshake) or refused
 * (decrypt_error).
 */
class Tls13ResumptionTest {
    private static final String HOST = "server.test";

    private final TestSessions sessions = new TestSessions();
    private final TestCredentials serverCredentials = new TestCredentials()
            .server(TestCerts.credential(Kind.EC_P256, "server"));

    static TestConfig client() {
        TestConfig c = TestConfig.client();
        c.peerHost = Optional.of(HOST);
        return c;
    }

    private Pipe pipe(TestConfig client, TestConfig server) {
        return sessions.pipe(client.build(), new TestCredentials(), server.build(), serverCredentials);
    }

    private Pipe full() {
        return pipe(client(), TestConfig.server()).handshake();
    }

    @Test
    void serverSendsTwoTicketsAfterTheClientsFinishedAndTheClientKeepsThem() {
        Pipe p = full();
        List<Object> afterFinished = p.serverIo.outbox.subList(p.serverIo.outbox.size() - 2, p.serverIo.outbox.size())
                .stream().map(o -> (Object) o.message().getClass()).toList();
        assertEquals(List.of(NewSessionTicket.class, NewSessionTicket.class), afterFinished);
        NewSessionTicket t = (NewSessionTicket) p.serverIo.outbox.get(p.serverIo.outbox.size() - 1).message();
        assertEquals(86400, t.ticketLifetime(), "the session timeout left, at most 7 days");
        assertTrue(t.extensions().isEmpty(), "no early_data: 0-RTT is never allowed");
        assertEquals(1, sessions.client.cachedCount());
        assertEquals(p.clientIo.completed().creationTime(), sessions.client.takeTicket(HOST, 443, x -> true)
                .orElseThrow().state().creationTime());
    }

    /**
     * RFC 8446 §4.6.1: "Servers MUST NOT use any value greater than 604800 seconds (7 days)" for
     * ticket_lifetime. A session timeout of 0 (no limit, as {@code SSLSessionContext} says) or of
     * 30 days still gives tickets of 7 days, on the wire and in what the client keeps.
     */
    @Test
    void serverCutsTicketLifetimeToSevenDays() {
        for (int timeout : new int[] {0, 30 * 86400}) {
            TestSessions fresh = new TestSessions();
            fresh.server.setSessionTimeout(timeout);
            Pipe p = fresh.pipe(client().build(), new TestCredentials(), TestConfig.server().build(), serverCredentials)
                    .handshake();
            List<NewSessionTicket> sent = p.serverIo.outbox.stream().map(o -> o.message())
                    .filter(m -> m instanceof NewSessionTicket).map(m -> (NewSessionTicket) m).toList();
            assertEquals(2, sent.size(), "timeout " + timeout);
            for (NewSessionTicket t : sent) {
                assertEquals(604800, t.ticketLifetime(), "ticket_lifetime on the wire, timeout " + timeout);
            }
            for (int i = 0; i < 2; i++) {
                assertEquals(604800, fresh.client.takeTicket(HOST, 443, x -> true).orElseThrow().lifetimeSeconds(),
                        "the ticket the client keeps, timeout " + timeout);
            }
        }
    }

    /**
     * RFC 8446 §4.2.9: "Servers SHOULD NOT send NewSessionTicket with tickets that are not
     * compatible with the advertised modes": none without psk_key_exchange_modes, none for
     * psk_ke alone while the server does not resume with psk_ke; two for psk_dhe_ke.
     */
    @Test
    void ticketsOnlyForModesTheClientCanResumeWith() {
        for (List<Integer> modes : java.util.Arrays.asList(null, List.of(PskKeyExchangeModes.PSK_KE),
                List.of(PskKeyExchangeModes.PSK_KE, PskKeyExchangeModes.PSK_DHE_KE))) {
            Pipe p = pipe(client(), TestConfig.server());
            p.clientIo.beforeSend = m -> {
                if (!(m instanceof ClientHello ch)) {
                    return m;
                }
                Extensions ext = Tls13HelloRetryTest.without(ch.extensions(), ExtensionType.PSK_KEY_EXCHANGE_MODES.code());
                return Tls13HelloRetryTest.withExtensions(ch, modes == null ? ext : ext.plus(new PskKeyExchangeModes(modes)));
            };
            p.handshake();
            long tickets = p.serverIo.outbox.stream().filter(o -> o.message() instanceof NewSessionTicket).count();
            assertEquals(modes != null && modes.contains(PskKeyExchangeModes.PSK_DHE_KE) ? 2 : 0, tickets,
                    "tickets for modes " + modes);
        }
    }

    @Test
    void secondHandshakeResumesWithoutCertificates() {
        Negotiated first = full().clientIo.completed();
        sessions.advance(1000);
        Pipe p = pipe(client(), TestConfig.server()).handshake();
        ClientHello ch = Tls13HandshakeTest.sent(p.clientIo, ClientHello.class);
        PreSharedKeyClientHello psk = ch.extensions().preSharedKeyClientHello().orElseThrow();
        assertEquals(1, psk.identities().size());
        assertEquals(List.of(PskKeyExchangeModes.PSK_DHE_KE), ch.extensions().pskKeyExchangeModes().orElseThrow().modes());
        ServerHello sh = Tls13HandshakeTest.sent(p.serverIo, ServerHello.class);
        assertEquals(0, sh.extensions().preSharedKeyServerHello().orElseThrow().selectedIdentity());
        assertTrue(sh.extensions().keyShareServerHello().isPresent(), "psk_dhe_ke");
        assertEquals(List.of("ServerHello", "CCS", "EncryptedExtensions (protected)", "Finished (protected)",
                "NewSessionTicket (protected)"), p.serverIo.sentTypes());
        Negotiated c = p.clientIo.completed();
        Negotiated s = p.serverIo.completed();
        assertTrue(c.resumed() && s.resumed());
        assertEquals(first.creationTime(), c.creationTime(), "a resumed session keeps its creation time");
        assertEquals(32, first.sessionId().length());
        assertEquals(first.sessionId(), c.sessionId(), "and, on the client, its id");
        assertEquals(first.creationTime(), s.creationTime());
        assertEquals(first.peerCertificates(), c.peerCertificates(), "the server's chain comes from the ticket");
        assertEquals(serverCredentials.serverKeyTypeRequests.size(), 1, "the key manager was asked once only");
        assertEquals(Optional.of(NamedGroup.X25519MLKEM768), c.group());
        assertEquals(2, ticketsLeft(), "one ticket left from the first connection, one new");
    }

    @Test
    void eachTicketIsUsedOnce() {
        full();
        pipe(client(), TestConfig.server()).handshake();
        pipe(client(), TestConfig.server()).handshake();
        Pipe fourth = pipe(client(), TestConfig.server()).handshake();
        assertTrue(fourth.clientIo.completed().resumed(), "a ticket of the previous resumption");
        assertEquals(2, ticketsLeft(), "each resumption took one ticket and brought one");
    }

    @Test
    void resumptionAfterHelloRetryRequestRebindsThePsk() {
        full();
        TestConfig c = client();
        c.keyShareGroups = List.of(NamedGroup.X25519);
        TestConfig server = TestConfig.server();
        server.groups(NamedGroup.SECP256R1);
        c.groups = List.of(NamedGroup.X25519, NamedGroup.SECP256R1);
        Pipe p = pipe(c, server).handshake();
        assertTrue(p.clientIo.completed().resumed(), "resumed from the second ClientHello");
        List<ClientHello> hellos = p.clientIo.outbox.stream().filter(o -> o.message() instanceof ClientHello)
                .map(o -> (ClientHello) o.message()).toList();
        assertEquals(2, hellos.size());
        assertNotEquals(hellos.get(0).extensions().preSharedKeyClientHello().orElseThrow().binders(),
                hellos.get(1).extensions().preSharedKeyClientHello().orElseThrow().binders(),
                "the binder covers the HelloRetryRequest");
    }

    @Test
    void wrongBinderIsDecryptError() {
        full();
        Pipe p = pipe(client(), TestConfig.server());
        p.toServer = o -> o.message() instanceof ClientHello ? Pipe.flip(o, -1) : o;
        p.client.start(p.clientIo);
        p.server.start(p.serverIo);
        TlsAlert a = assertThrows(TlsAlert.class, p::run);
        assertEquals(AlertDescription.DECRYPT_ERROR, a.alert());
        assertTrue(a.getMessage().contains("binder"), a.getMessage());
    }

    /** RFC 8446 §4.2.11: selected_identity within range, and a key_share when only psk_dhe_ke was offered. */
    @Test
    void clientChecksTheServersPskSelection() {
        full();
        TlsAlert range = resumeWithServerHello(e -> e.replace(new PreSharedKeyServerHello(1)));
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, range.alert());
        assertTrue(range.getMessage().contains("identity 1"), range.getMessage());
        full();
        TlsAlert share = resumeWithServerHello(e -> e.without(ExtensionType.KEY_SHARE));
        assertEquals(AlertDescription.MISSING_EXTENSION, share.alert());
        assertTrue(share.getMessage().contains("psk_dhe_ke"), share.getMessage());
    }

    private TlsAlert resumeWithServerHello(java.util.function.UnaryOperator<Extensions> change) {
        Pipe p = pipe(client(), TestConfig.server());
        p.toClient = o -> o.message() instanceof ServerHello sh && !sh.isHelloRetryRequest()
                ? Pipe.replace(o, new ServerHello(sh.legacyVersion(), sh.random(), sh.legacySessionIdEcho(),
                        sh.cipherSuite(), 0, change.apply(sh.extensions()))) : o;
        p.client.start(p.clientIo);
        p.server.start(p.serverIo);
        TlsAlert a = assertThrows(TlsAlert.class, p::run);
        assertEquals(Side.CLIENT, p.failed);
        return a;
    }

    @Test
    void expiredSessionGivesAFullHandshake() {
        full();
        sessions.server.setSessionTimeout(60);
        sessions.advance(61_000);
        sessions.client.setSessionTimeout(0); // the client would still offer it
        Pipe p = pipe(client(), TestConfig.server()).handshake();
        assertTrue(offeredPsk(p), "the client offered the ticket");
        assertFalse(p.serverIo.completed().resumed(), "the server refused it silently");
        assertTrue(p.serverIo.sentTypes().contains("Certificate (protected)"));
    }

    @Test
    void ticketAgeOutsideTheToleranceGivesAFullHandshake() {
        full();
        ClientTicket t = sessions.client.takeTicket(HOST, 443, x -> true).orElseThrow();
        // the client believes the ticket arrived a minute earlier than it did
        sessions.client.saveTicket(HOST, 443, new ClientTicket(t.ticket(), t.ageAdd(), t.lifetimeSeconds(),
                t.receivedAt() - 60_000, t.state()));
        sessions.advance(1);
        Pipe p = pipe(client(), TestConfig.server()).handshake();
        assertTrue(offeredPsk(p));
        assertFalse(p.serverIo.completed().resumed());
    }

    /** A client that took the ticket in a minute after it was sent (its next read) still resumes. */
    @Test
    void ticketReadLateByTheClientResumes() {
        full();
        for (int i = 0; i < 2; i++) {
            ClientTicket t = sessions.client.takeTicket(HOST, 443, x -> true).orElseThrow();
            sessions.client.saveTicket(HOST, 443, new ClientTicket(t.ticket(), t.ageAdd(), t.lifetimeSeconds(),
                    t.receivedAt() + 60_000, t.state()));
        }
        sessions.advance(61_000);
        Pipe p = pipe(client(), TestConfig.server()).handshake();
        assertTrue(offeredPsk(p));
        assertTrue(p.serverIo.completed().resumed(), "the client's age is a minute younger than the server's");
    }

    /** After 36 hours a client clock 60 s fast is within the tolerance (10 s + 0.1 % = 139.6 s)... */
    @Test
    void ticketAgeToleranceGrowsWithTheAge() {
        assertTrue(resumesWithClientClockAhead(60_000));
    }

    /** ... and one 159.6 s fast is not. */
    @Test
    void clientTicketAgeBeyondTheToleranceIsRefused() {
        assertFalse(resumesWithClientClockAhead(159_600));
    }

    private boolean resumesWithClientClockAhead(long ahead) {
        sessions.server.setSessionTimeout(7 * 86_400);
        sessions.client.setSessionTimeout(7 * 86_400);
        full();
        for (int i = 0; i < 2; i++) {
            ClientTicket t = sessions.client.takeTicket(HOST, 443, x -> true).orElseThrow();
            sessions.client.saveTicket(HOST, 443, new ClientTicket(t.ticket(), t.ageAdd(), t.lifetimeSeconds(),
                    t.receivedAt() - ahead, t.state()));
        }
        sessions.advance(36 * 3_600_000L);
        Pipe p = pipe(client(), TestConfig.server()).handshake();
        assertTrue(offeredPsk(p));
        return p.serverIo.completed().resumed();
    }

    @Test
    void ticketForAnotherServerNameGivesAFullHandshake() {
        TestConfig a = client();
        a.serverNames = List.of(new SNIHostName("a.test"));
        pipe(a, TestConfig.server()).handshake();
        for (int i = 0; i < 2; i++) {
            ClientTicket t = sessions.client.takeTicket(HOST, 443, x -> true).orElseThrow();
            SessionState s = t.state();
            // the client's record says b.test; the ticket's sealed session says a.test
            sessions.client.saveTicket(HOST, 443, new ClientTicket(t.ticket(), t.ageAdd(), t.lifetimeSeconds(),
                    t.receivedAt(), new SessionState(s.version(), s.cipherSuite(), s.id(), s.secret(),
                            s.creationTime(), false, "b.test", s.peerCertificates(), s.localCertificates())));
        }
        TestConfig b = client();
        b.serverNames = List.of(new SNIHostName("b.test"));
        Pipe p = pipe(b, TestConfig.server()).handshake();
        assertTrue(offeredPsk(p));
        assertFalse(p.serverIo.completed().resumed());
    }

    @Test
    void clientOffersNoTicketForAnotherServerName() {
        TestConfig a = client();
        a.serverNames = List.of(new SNIHostName("a.test"));
        pipe(a, TestConfig.server()).handshake();
        TestConfig b = client();
        b.serverNames = List.of(new SNIHostName("b.test"));
        assertFalse(offeredPsk(pipe(b, TestConfig.server()).handshake()));
    }

    @Test
    void ticketOfAnotherHashGivesAFullHandshake() {
        TestConfig c = client().suites(CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_AES_128_GCM_SHA256);
        pipe(c, TestConfig.server().suites(CipherSuite.TLS_AES_256_GCM_SHA384)).handshake();
        Pipe p = pipe(client().suites(CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_AES_128_GCM_SHA256),
                TestConfig.server().suites(CipherSuite.TLS_AES_128_GCM_SHA256)).handshake();
        assertTrue(offeredPsk(p));
        assertFalse(p.serverIo.completed().resumed(), "SHA-384 ticket, SHA-256 suite (RFC 8446 §4.2.11)");
        assertEquals(Optional.of(CipherSuite.TLS_AES_128_GCM_SHA256), p.clientIo.completed().cipherSuite());
    }

    /**
     * A ticket whose suite both sides still enable is resumed in that suite even when the order
     * of preference would pick another (SunJSSE's server does the same: the session's suite is
     * the handshake's); only a suite one side no longer enables means a full handshake.
     */
    @Test
    void ticketIsResumedInItsOwnSuiteWhenBothEnableIt() {
        TestConfig first = client().suites(CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_AES_128_GCM_SHA256);
        TestConfig server = TestConfig.server().suites(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384);
        pipe(first, server).handshake();
        Pipe p = pipe(client().suites(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384), server)
                .handshake();
        assertTrue(p.serverIo.completed().resumed(), "the SHA-384 ticket is resumed");
        assertTrue(p.clientIo.completed().resumed());
        assertEquals(Optional.of(CipherSuite.TLS_AES_256_GCM_SHA384), p.clientIo.completed().cipherSuite(),
                "in the session's suite, not the client's first choice");
        assertEquals(Optional.of(CipherSuite.TLS_AES_256_GCM_SHA384), p.serverIo.completed().cipherSuite());

        server.serverOrder = true;
        Pipe ordered = pipe(client().suites(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_AES_256_GCM_SHA384), server)
                .handshake();
        assertTrue(ordered.serverIo.completed().resumed(), "the server's own order does not pass over a usable ticket");
        assertEquals(Optional.of(CipherSuite.TLS_AES_256_GCM_SHA384), ordered.serverIo.completed().cipherSuite());
    }

    /**
     * A ticket whose suite the client no longer offers is still resumed in an offered suite of the
     * same hash (RFC 8446 §4.2.11 ties a PSK to a hash, not a suite): never in a suite the client
     * did not offer.
     */
    @Test
    void ticketWhoseSuiteTheClientNoLongerOffersIsResumedInOneOfTheSameHash() {
        TestConfig server = TestConfig.server().suites(CipherSuite.TLS_AES_128_GCM_SHA256,
                CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
        pipe(client().suites(CipherSuite.TLS_CHACHA20_POLY1305_SHA256), server).handshake();
        Pipe p = pipe(client().suites(CipherSuite.TLS_AES_128_GCM_SHA256), server).handshake();
        assertTrue(p.serverIo.completed().resumed());
        assertEquals(Optional.of(CipherSuite.TLS_AES_128_GCM_SHA256), p.serverIo.completed().cipherSuite());
    }

    @Test
    void ticketOfAnotherServersKeysGivesAFullHandshake() {
        full();
        sessions.server.setTicketSealer(TestSessions.sealer(new TestSessions().keys));
        Pipe p = pipe(client(), TestConfig.server()).handshake();
        assertTrue(offeredPsk(p));
        assertFalse(p.serverIo.completed().resumed());
    }

    @Test
    void requiredClientAuthenticationIsNotSkippedByATicketWithoutIt() {
        full();
        TestConfig server = TestConfig.server();
        server.clientAuth = ClientAuth.REQUIRED;
        Pipe p = sessions.pipe(client().build(), new TestCredentials().client(TestCerts.credential(Kind.EC_P256,
                "client")), server.build(), serverCredentials).handshake();
        assertTrue(offeredPsk(p));
        assertFalse(p.serverIo.completed().resumed());
        assertEquals(1, p.serverIo.completed().peerCertificates().size());
    }

    @Test
    void clientAuthenticationSurvivesResumption() {
        TestConfig server = TestConfig.server();
        server.clientAuth = ClientAuth.REQUIRED;
        TestCredentials clientCredentials = new TestCredentials().client(TestCerts.credential(Kind.EC_P256, "client"));
        Negotiated first = sessions.pipe(client().build(), clientCredentials, server.build(), serverCredentials)
                .handshake().serverIo.completed();
        Pipe p = sessions.pipe(client().build(), clientCredentials, server.build(), serverCredentials).handshake();
        assertTrue(p.serverIo.completed().resumed());
        assertEquals(first.peerCertificates(), p.serverIo.completed().peerCertificates());
        assertEquals(first.peerCertificates(), p.clientIo.completed().localCertificates());
        assertFalse(p.serverIo.sentTypes().contains("CertificateRequest (protected)"), "RFC 8446 §4.3.2");
    }

    @Test
    void pskKeOnlyWhenBothEnableIt() {
        full();
        sessions.client.configure(new dev.bastion.tls.session.ResumptionSettings(true, 0, true));
        Pipe dheOnly = pipe(client(), TestConfig.server()).handshake();
        assertTrue(dheOnly.serverIo.completed().resumed(), "the server picks psk_dhe_ke");
        assertTrue(Tls13HandshakeTest.sent(dheOnly.serverIo, ServerHello.class).extensions().keyShareServerHello()
                .isPresent());
        assertEquals(List.of(PskKeyExchangeModes.PSK_DHE_KE, PskKeyExchangeModes.PSK_KE),
                Tls13HandshakeTest.sent(dheOnly.clientIo, ClientHello.class).extensions().pskKeyExchangeModes()
                        .orElseThrow().modes());
    }

    @Test
    void withoutASessionContextNothingIsResumedOrIssued() {
        Pipe p = Pipe.of(client().build(), new TestCredentials(), TestConfig.server().build(), serverCredentials)
                .handshake();
        assertFalse(p.serverIo.sentTypes().contains("NewSessionTicket (protected)"));
    }

    /** jdk.tls.client.disableExtensions naming either PSK extension: no ticket is offered, none is used up. */
    @Test
    void clientWithAPskExtensionDisabledOffersNoTicket() {
        full();
        for (ExtensionType off : List.of(ExtensionType.PRE_SHARED_KEY, ExtensionType.PSK_KEY_EXCHANGE_MODES)) {
            TestConfig c = client();
            c.disabledExtensions = java.util.Set.of(off);
            Pipe p = pipe(c, TestConfig.server()).handshake();
            assertFalse(offeredPsk(p), off.toString());
            assertFalse(p.clientIo.completed().resumed(), off.toString());
        }
        assertTrue(offeredPsk(pipe(client(), TestConfig.server()).handshake()), "tickets were kept for later");
    }

    /** jdk.tls.server.disableExtensions=pre_shared_key: the server does not see the offer and does a full handshake. */
    @Test
    void serverIgnoringPreSharedKeyDoesAFullHandshake() {
        full();
        TestConfig s = TestConfig.server();
        s.disabledExtensions = java.util.Set.of(ExtensionType.PRE_SHARED_KEY);
        Pipe p = pipe(client(), s).handshake();
        assertTrue(offeredPsk(p));
        assertFalse(p.serverIo.completed().resumed());
        assertFalse(p.clientIo.completed().resumed());
        assertTrue(p.serverIo.sentTypes().contains("CertificateVerify (protected)"), p.serverIo.sentTypes().toString());
    }

    private boolean offeredPsk(Pipe p) {
        return Tls13HandshakeTest.sent(p.clientIo, ClientHello.class).extensions().preSharedKeyClientHello().isPresent();
    }

    private int ticketsLeft() {
        int n = 0;
        while (sessions.client.takeTicket(HOST, 443, x -> true).isPresent()) {
            n++;
        }
        return n;
    }
}
