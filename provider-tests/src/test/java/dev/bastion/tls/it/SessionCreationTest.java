package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code setEnableSessionCreation(false)} forbids making a new session, not resuming one: as with
 * SunJSSE, a client with a session to offer and a server that resumes it complete their
 * handshake, while a client with nothing to offer fails before sending anything, a server asked
 * for a full handshake fails it, and a client whose offer the server declines fails too.
 */
class SessionCreationTest {

    @BeforeAll
    static void install() {
        Providers.install();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            for (boolean tickets : new boolean[] {true, false}) {
                for (String provider : Providers.UNDER_TEST) {
                    out.add(Arguments.of(protocol, tickets, provider));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} tickets {1} {2}")
    @MethodSource("cases")
    void aClientThatMayNotCreateSessionsResumes(String protocol, boolean tickets, String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, tickets);
        EnginePair first = ResumptionTest.connect(c, protocol);
        EnginePair second = pair(c, protocol, true, false).handshake();
        assertEquals(first.client.getSession().getCreationTime(), second.client.getSession().getCreationTime(),
                "resumed");
    }

    @ParameterizedTest(name = "{0} tickets {1} {2}")
    @MethodSource("cases")
    void aServerThatMayNotCreateSessionsResumes(String protocol, boolean tickets, String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, tickets);
        EnginePair first = ResumptionTest.connect(c, protocol);
        EnginePair second = pair(c, protocol, false, true).handshake();
        assertEquals(first.server.getSession().getCreationTime(), second.server.getSession().getCreationTime(),
                "resumed");
    }

    @ParameterizedTest(name = "{0} tickets {1} {2}")
    @MethodSource("cases")
    void aClientWithNothingToResumeFails(String protocol, boolean tickets, String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, tickets);
        EnginePair pair = pair(c, protocol, true, false);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, pair.client::beginHandshake);
        assertEquals("No new session is allowed and no existing session can be resumed", e.getMessage());
    }

    @ParameterizedTest(name = "{0} tickets {1} {2}")
    @MethodSource("cases")
    void aServerAskedForAFullHandshakeFails(String protocol, boolean tickets, String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, tickets);
        EnginePair pair = pair(c, protocol, false, true);
        SSLException e = assertThrows(SSLException.class, () -> {
            try {
                pair.handshake();
            } catch (IllegalStateException stalled) {
                // SunJSSE reports the failure of its delegated task at the next wrap, NEED_UNWRAP meanwhile
                pair.server.wrap(ByteBuffer.allocate(0), ByteBuffer.allocate(pair.server.getSession().getPacketBufferSize()));
            }
        });
        assertEquals("Not resumption, and no new session is allowed", e.getMessage());
    }

    @ParameterizedTest(name = "{0} tickets {1} {2}")
    @MethodSource("cases")
    void aClientWhoseOfferIsDeclinedFails(String protocol, boolean tickets, String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, tickets);
        ResumptionTest.connect(c, protocol);
        SSLContext[] otherServer = {c[0], ResumptionTest.contexts(provider, provider, tickets)[1]};
        EnginePair pair = pair(otherServer, protocol, true, false);
        assertThrows(SSLHandshakeException.class, pair::handshake);
    }

    private static EnginePair pair(SSLContext[] c, String protocol, boolean clientOnlyResumes, boolean serverOnlyResumes) {
        SSLEngine client = c[0].createSSLEngine("localhost", 443);
        SSLEngine server = c[1].createSSLEngine();
        client.setEnabledProtocols(new String[] {protocol});
        server.setEnabledProtocols(new String[] {protocol});
        client.setEnableSessionCreation(!clientOnlyResumes);
        server.setEnableSessionCreation(!serverOnlyResumes);
        return new EnginePair(client, server);
    }
}
