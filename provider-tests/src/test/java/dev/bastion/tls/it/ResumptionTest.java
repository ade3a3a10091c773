package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionSessions;
import dev.bastion.tls.it.support.Credentials;
import dev.bastion.tls.it.support.Credentials.KeyType;
import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Session resumption between every pair of providers under test (SunJSSE and Bastion, both
 * directions, and each with itself): TLS 1.3 with a ticket's PSK, TLS 1.2 by session id
 * (tickets switched off with {@code jdk.tls.client/server.enableSessionTicketExtension=false},
 * which both providers read) and TLS 1.2 with RFC 5077 tickets. A connection is resumed when
 * both sides report the first connection's creation time again (SunJSSE keeps it on resumed
 * sessions, as Bastion does), the peer's certificates are those of the first connection, and
 * Bastion's sessions say so ({@link BastionSessions#resumed}).
 */
class ResumptionTest {

    /** How the second connection resumes the first. */
    enum Mode {
        TLS13_PSK("TLSv1.3", true), TLS12_SESSION_ID("TLSv1.2", false), TLS12_TICKET("TLSv1.2", true);

        final String protocol;
        final boolean tickets;

        Mode(String protocol, boolean tickets) {
            this.protocol = protocol;
            this.tickets = tickets;
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String[] pair : Providers.pairs()) {
            for (Mode m : Mode.values()) {
                out.add(Arguments.of(pair[0], pair[1], m));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("cases")
    void secondConnectionResumesTheFirst(String clientProvider, String serverProvider, Mode mode) throws Exception {
        SSLContext[] contexts = contexts(clientProvider, serverProvider, mode.tickets);
        EnginePair first = connect(contexts, mode.protocol);
        Thread.sleep(5); // creation times would differ for a new session
        EnginePair second = connect(contexts, mode.protocol);

        SSLSession c1 = first.client.getSession();
        SSLSession s1 = first.server.getSession();
        SSLSession c2 = second.client.getSession();
        SSLSession s2 = second.server.getSession();
        assertEquals(mode.protocol, c2.getProtocol());
        assertEquals(c1.getCreationTime(), c2.getCreationTime(), "client: the resumed session keeps its creation time");
        assertEquals(s1.getCreationTime(), s2.getCreationTime(), "server: the resumed session keeps its creation time");
        assertEquals(c1.getCipherSuite(), c2.getCipherSuite());
        assertArrayEquals(c1.getPeerCertificates(), c2.getPeerCertificates(), "the server's chain on the resumed session");
        assertEquals(c1.getPeerPrincipal(), c2.getPeerPrincipal());
        assertEquals(s1.getLocalPrincipal(), s2.getLocalPrincipal());
        assertEquals(Optional.of(false), BastionSessions.resumed(c1).or(() -> Optional.of(false)));
        BastionSessions.resumed(c2).ifPresent(r -> assertTrue(r, "Bastion client reports the resumption"));
        BastionSessions.resumed(s2).ifPresent(r -> assertTrue(r, "Bastion server reports the resumption"));
        if (mode.protocol.equals("TLSv1.2")) {
            assertArrayEquals(c1.getId(), c2.getId(), "an abbreviated handshake keeps the session id");
            assertArrayEquals(s1.getId(), s2.getId());
        }
        byte[] hello = "hello after resumption".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(hello, second.send(true, hello));
        assertArrayEquals(hello, second.send(false, hello));
    }

    /**
     * What {@code ExtendedSSLSession} tells about a resumed session is what it told about the
     * first: the server name the client asked for, the signature algorithms of both sides (the
     * resuming ClientHello offers the same list, and each side's own list is its configuration's),
     * the certificates and principals. The resumed session keeps its creation time; a Bastion
     * session's last-accessed time is the resumption's (javadoc: the last time "a new connection
     * [was] established using session data"). SunJSSE 17 and 25 move it on for TLS 1.3 and for a
     * server resuming a TLS 1.2 ticket, but not for a TLS 1.2 session id nor on a TLS 1.2 client
     * (there the resumed session is the first connection's own object), so only Bastion's
     * sessions are held to it. So too for the signature algorithms: a SunJSSE 17 server that
     * resumes a Bastion client's TLS 1.2 ticket reports its TLS 1.3 list of 16 local algorithms
     * where the full handshake reported 21 (SunJSSE 25 reports the 21 again).
     */
    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("cases")
    void extendedSessionAnswersSurviveResumption(String clientProvider, String serverProvider, Mode mode)
            throws Exception {
        SSLContext[] contexts = contexts(clientProvider, serverProvider, mode.tickets);
        EnginePair first = connect(contexts, mode.protocol, "resume.bastion.test");
        ExtendedSSLSession s1 = (ExtendedSSLSession) first.server.getSession();
        ExtendedSSLSession c1 = (ExtendedSSLSession) first.client.getSession();
        String[][] before = {c1.getLocalSupportedSignatureAlgorithms(), c1.getPeerSupportedSignatureAlgorithms(),
            s1.getLocalSupportedSignatureAlgorithms(), s1.getPeerSupportedSignatureAlgorithms()};
        Thread.sleep(5);
        long resumedAt = System.currentTimeMillis();
        EnginePair second = connect(contexts, mode.protocol, "resume.bastion.test");
        ExtendedSSLSession s2 = (ExtendedSSLSession) second.server.getSession();
        ExtendedSSLSession c2 = (ExtendedSSLSession) second.client.getSession();
        assertEquals(s1.getCreationTime(), s2.getCreationTime(), "server: resumed, creation time kept");
        assertEquals(c1.getCreationTime(), c2.getCreationTime(), "client: resumed, creation time kept");
        assertEquals(List.of(new SNIHostName("resume.bastion.test")), s2.getRequestedServerNames());
        assertEquals(s1.getRequestedServerNames(), s2.getRequestedServerNames());
        assertEquals(List.of(new SNIHostName("resume.bastion.test")), c2.getRequestedServerNames());
        assertEquals(c1.getRequestedServerNames(), c2.getRequestedServerNames());

        assertTrue(before[0].length > 0 && before[2].length > 0 && before[3].length > 0,
                "both sides' lists, and the client's list on the server, are known after a full handshake");
        if (BastionSessions.resumed(c2).isPresent()) {
            assertArrayEquals(before[0], c2.getLocalSupportedSignatureAlgorithms(), "client's own algorithms");
            assertArrayEquals(before[1], c2.getPeerSupportedSignatureAlgorithms(), "client's view of the server's");
        }
        if (BastionSessions.resumed(s2).isPresent()) {
            assertArrayEquals(before[2], s2.getLocalSupportedSignatureAlgorithms(), "server's own algorithms");
            assertArrayEquals(before[3], s2.getPeerSupportedSignatureAlgorithms(), "server's view of the client's");
        }

        assertArrayEquals(c1.getPeerCertificates(), c2.getPeerCertificates());
        assertEquals(c1.getPeerPrincipal(), c2.getPeerPrincipal());
        assertArrayEquals(s1.getLocalCertificates(), s2.getLocalCertificates());
        assertEquals(s1.getLocalPrincipal(), s2.getLocalPrincipal());

        for (ExtendedSSLSession resumed : List.of(c2, s2)) {
            if (BastionSessions.resumed(resumed).isPresent()) {
                assertTrue(resumed.getLastAccessedTime() >= resumedAt,
                        "last accessed at the resumption (" + resumedAt + "), not at the first connection: "
                                + (resumed.getLastAccessedTime() - resumed.getCreationTime()) + " ms after creation");
            }
        }
    }

    /** Engines made without a peer host look nothing up: the reference for the checks above. */
    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("cases")
    void enginesWithoutPeerHostDoNotResume(String clientProvider, String serverProvider, Mode mode) throws Exception {
        SSLContext[] contexts = contexts(clientProvider, serverProvider, mode.tickets);
        EnginePair first = connect(contexts, mode.protocol, null);
        Thread.sleep(5);
        EnginePair second = connect(contexts, mode.protocol, null);
        assertNotEquals(first.client.getSession().getCreationTime(), second.client.getSession().getCreationTime(),
                "a client engine without a peer host looks nothing up (as SunJSSE)");
        BastionSessions.resumed(second.client.getSession()).ifPresent(r -> assertEquals(false, r));
    }

    /** Client and server contexts; TLS 1.2 tickets on or off for both, by the properties SunJSSE and Bastion read. */
    /**
     * With client authentication the client knows the server's signature algorithms (its
     * CertificateRequest's) after the full handshake, and still after resuming, as SunJSSE's
     * client does; a resumed handshake has no CertificateRequest.
     */
    @ParameterizedTest(name = "{0} client, {1} server, {2}")
    @MethodSource("cases")
    void clientKeepsTheServersAlgorithmsOnResumptionWithClientAuth(String clientProvider, String serverProvider,
            Mode mode) throws Exception {
        SSLContext[] contexts = contexts(clientProvider, serverProvider, mode.tickets, KeyType.EC_P256);
        String[] first = null;
        for (int i = 0; i < 2; i++) {
            SSLEngine client = contexts[0].createSSLEngine("localhost", 443);
            SSLEngine server = contexts[1].createSSLEngine();
            client.setEnabledProtocols(new String[] {mode.protocol});
            server.setEnabledProtocols(new String[] {mode.protocol});
            server.setNeedClientAuth(true);
            new EnginePair(client, server).handshake();
            ExtendedSSLSession session = (ExtendedSSLSession) client.getSession();
            assertTrue(session.getLocalCertificates() != null && session.getLocalCertificates().length > 0, "the client authenticated");
            if (i == 0) {
                first = session.getPeerSupportedSignatureAlgorithms();
                assertTrue(first.length > 0, "the server's CertificateRequest listed its algorithms");
            } else {
                assertTrue(BastionSessions.resumed(session).isPresent() || !clientProvider.equals("Bastion"),
                        "the Bastion client resumed");
                assertArrayEquals(first, session.getPeerSupportedSignatureAlgorithms());
            }
        }
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (String[] pair : Providers.pairs()) {
            out.add(Arguments.of(pair[0], pair[1]));
        }
        return out.stream();
    }

    /**
     * A TLS 1.3 session made in TLS_AES_256_GCM_SHA384 is resumed in that suite by a client that
     * now prefers TLS_AES_128_GCM_SHA256 but still offers it: SunJSSE's server resumes in the
     * session's suite, and Bastion's does the same.
     */
    @ParameterizedTest(name = "{0} client, {1} server")
    @MethodSource("pairs")
    void tls13SessionIsResumedInItsOwnSuite(String clientProvider, String serverProvider) throws Exception {
        SSLContext[] contexts = contexts(clientProvider, serverProvider, true);
        String aes256 = "TLS_AES_256_GCM_SHA384";
        String aes128 = "TLS_AES_128_GCM_SHA256";
        EnginePair first = connect(contexts, "TLSv1.3", "localhost", aes256);
        assertEquals(aes256, first.client.getSession().getCipherSuite());
        Thread.sleep(5); // creation times would differ for a new session
        EnginePair second = connect(contexts, "TLSv1.3", "localhost", aes128, aes256);
        assertEquals(aes256, second.client.getSession().getCipherSuite(), "resumed in the session's suite");
        assertEquals(first.client.getSession().getCreationTime(), second.client.getSession().getCreationTime(),
                "resumed: the session keeps its creation time");
        assertEquals(first.server.getSession().getCreationTime(), second.server.getSession().getCreationTime());
        BastionSessions.resumed(second.server.getSession()).ifPresent(r -> assertTrue(r, "Bastion server resumed"));
    }

    static SSLContext[] contexts(String clientProvider, String serverProvider, boolean tickets) throws Exception {
        return contexts(clientProvider, serverProvider, tickets, null);
    }

    /** As {@link #contexts(String, String, boolean)}, the client presenting a {@code clientKey} certificate (null: none). */
    static SSLContext[] contexts(String clientProvider, String serverProvider, boolean tickets, KeyType clientKey)
            throws Exception {
        String[] properties = {"jdk.tls.client.enableSessionTicketExtension", "jdk.tls.server.enableSessionTicketExtension"};
        String[] saved = new String[properties.length];
        for (int i = 0; i < properties.length; i++) {
            saved[i] = System.getProperty(properties[i]);
            System.setProperty(properties[i], String.valueOf(tickets));
        }
        try {
            return new SSLContext[] {Credentials.get().context(clientProvider, clientKey, false),
                Credentials.get().context(serverProvider, KeyType.EC_P256, true)};
        } finally {
            for (int i = 0; i < properties.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(properties[i]);
                } else {
                    System.setProperty(properties[i], saved[i]);
                }
            }
        }
    }

    static EnginePair connect(SSLContext[] contexts, String protocol) throws Exception {
        return connect(contexts, protocol, "localhost");
    }

    static EnginePair connect(SSLContext[] contexts, String protocol, String host, String... clientSuites)
            throws Exception {
        SSLEngine client = host == null ? contexts[0].createSSLEngine() : contexts[0].createSSLEngine(host, 443);
        SSLEngine server = contexts[1].createSSLEngine();
        client.setEnabledProtocols(new String[] {protocol});
        server.setEnabledProtocols(new String[] {protocol});
        if (clientSuites.length > 0) {
            client.setEnabledCipherSuites(clientSuites);
        }
        return new EnginePair(client, server).handshake();
    }
}
