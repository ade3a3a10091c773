package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.EnginePair;
import dev.bastion.tls.it.support.Providers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SSLSessionContext} and {@link SSLSession} answers around resumption, the same on
 * SunJSSE and Bastion (each against itself): defaults and argument checks, which sessions a
 * server and a client context list, the session found by id, {@code invalidate()} and the
 * timeout preventing resumption, a smaller cache dropping the least recently used session, and
 * many handshakes at once resuming through one pair of contexts.
 */
class SessionContextBehaviourTest {

    static List<String> providers() {
        return Providers.UNDER_TEST;
    }

    @ParameterizedTest
    @MethodSource("providers")
    void defaultsAndArgumentChecks(String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, true);
        for (SSLSessionContext ctx : List.of(c[0].getClientSessionContext(), c[1].getServerSessionContext())) {
            assertEquals(86400, ctx.getSessionTimeout());
            assertEquals(20480, ctx.getSessionCacheSize());
            assertThrows(IllegalArgumentException.class, () -> ctx.setSessionTimeout(-1));
            assertThrows(IllegalArgumentException.class, () -> ctx.setSessionCacheSize(-1));
            assertThrows(NullPointerException.class, () -> ctx.getSession(null));
            assertNull(ctx.getSession(new byte[32]));
            assertFalse(ctx.getIds().hasMoreElements());
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void tls12SessionIdsAreListedAndFoundOnBothSides(String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, false);
        EnginePair p = ResumptionTest.connect(c, "TLSv1.2");
        byte[] id = p.server.getSession().getId();
        for (boolean client : new boolean[] {true, false}) {
            SSLSessionContext ctx = client ? c[0].getClientSessionContext() : c[1].getServerSessionContext();
            SSLSession own = client ? p.client.getSession() : p.server.getSession();
            List<byte[]> ids = Collections.list(ctx.getIds());
            assertEquals(1, ids.size());
            assertArrayEquals(id, ids.get(0));
            SSLSession found = ctx.getSession(id);
            assertNotNull(found);
            assertArrayEquals(id, found.getId());
            assertEquals("TLSv1.2", found.getProtocol());
            assertEquals(own.getCipherSuite(), found.getCipherSuite());
            assertEquals(own.getCreationTime(), found.getCreationTime());
            assertTrue(found.isValid());
            assertEquals(ctx, found.getSessionContext());
            assertSameSignatureAlgorithms(own, found);
        }
        assertEquals(p.client.getSession().getPeerPrincipal(),
                c[0].getClientSessionContext().getSession(id).getPeerPrincipal());
    }

    @ParameterizedTest
    @MethodSource("providers")
    void tls13ServerKeepsNothingButTheClientHasItsTickets(String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, true);
        EnginePair p = ResumptionTest.connect(c, "TLSv1.3");
        assertFalse(c[1].getServerSessionContext().getIds().hasMoreElements(), "stateless tickets");
        assertTrue(c[0].getClientSessionContext().getIds().hasMoreElements());
        SSLSession found = c[0].getClientSessionContext().getSession(p.client.getSession().getId());
        assertNotNull(found, "the client's session, by its id");
        assertEquals(p.client.getSession().getCreationTime(), found.getCreationTime());
        assertEquals("TLSv1.3", found.getProtocol());
        assertSameSignatureAlgorithms(p.client.getSession(), found);
    }

    /**
     * A session found by id shows the signature algorithms of the handshake that made it, as
     * SunJSSE's do (17 and 25: its cached sessions are the handshake's own objects).
     */
    private static void assertSameSignatureAlgorithms(SSLSession own, SSLSession found) {
        ExtendedSSLSession a = (ExtendedSSLSession) own;
        ExtendedSSLSession b = (ExtendedSSLSession) found;
        assertTrue(a.getLocalSupportedSignatureAlgorithms().length > 0, "the handshake's own list");
        assertArrayEquals(a.getLocalSupportedSignatureAlgorithms(), b.getLocalSupportedSignatureAlgorithms(),
                "local signature algorithms of the session found by id");
        assertArrayEquals(a.getPeerSupportedSignatureAlgorithms(), b.getPeerSupportedSignatureAlgorithms(),
                "peer signature algorithms of the session found by id");
    }

    @ParameterizedTest
    @MethodSource("providers")
    void invalidatedSessionsAreNotResumed(String provider) throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            SSLContext[] c = ResumptionTest.contexts(provider, provider, protocol.equals("TLSv1.3"));
            EnginePair first = ResumptionTest.connect(c, protocol);
            first.client.getSession().invalidate();
            assertFalse(first.client.getSession().isValid());
            Thread.sleep(5);
            EnginePair second = ResumptionTest.connect(c, protocol);
            assertNotEquals(first.client.getSession().getCreationTime(), second.client.getSession().getCreationTime(),
                    protocol + ": the client invalidated its session");
        }
        SSLContext[] c = ResumptionTest.contexts(provider, provider, false);
        EnginePair first = ResumptionTest.connect(c, "TLSv1.2");
        first.server.getSession().invalidate();
        Thread.sleep(5);
        EnginePair second = ResumptionTest.connect(c, "TLSv1.2");
        assertNotEquals(first.server.getSession().getCreationTime(), second.server.getSession().getCreationTime(),
                "the server invalidated its cached session");
        assertNull(c[1].getServerSessionContext().getSession(first.server.getSession().getId()));
    }

    @ParameterizedTest
    @MethodSource("providers")
    void timeoutPreventsResumption(String provider) throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            SSLContext[] c = ResumptionTest.contexts(provider, provider, protocol.equals("TLSv1.3"));
            EnginePair first = ResumptionTest.connect(c, protocol);
            c[0].getClientSessionContext().setSessionTimeout(1);
            c[1].getServerSessionContext().setSessionTimeout(1);
            Thread.sleep(1100);
            // a deliberate difference (README): Bastion's session is no longer valid past the
            // timeout; SunJSSE's (17 and 25) stays valid until invalidated
            assertEquals(!provider.equals("Bastion"), first.client.getSession().isValid(), protocol + " client");
            assertEquals(!provider.equals("Bastion"), first.server.getSession().isValid(), protocol + " server");
            EnginePair second = ResumptionTest.connect(c, protocol);
            assertNotEquals(first.client.getSession().getCreationTime(), second.client.getSession().getCreationTime(),
                    protocol + ": the session timed out");
            assertTrue(second.client.getSession().isValid());
        }
    }

    @ParameterizedTest
    @MethodSource("providers")
    void smallerServerCacheDropsTheLeastRecentlyUsedSession(String provider) throws Exception {
        SSLContext[] c = ResumptionTest.contexts(provider, provider, false);
        SSLContext[] other = {ResumptionTest.contexts(provider, provider, false)[0], c[1]};
        byte[] a = ResumptionTest.connect(c, "TLSv1.2").server.getSession().getId();
        byte[] b = ResumptionTest.connect(other, "TLSv1.2").server.getSession().getId();
        assertEquals(2, Collections.list(c[1].getServerSessionContext().getIds()).size());
        c[1].getServerSessionContext().setSessionCacheSize(1);
        ResumptionTest.connect(other, "TLSv1.2"); // b resumed: the most recently used
        assertNull(c[1].getServerSessionContext().getSession(a));
        assertNotNull(c[1].getServerSessionContext().getSession(b));
    }

    /** Many handshakes at once through one pair of contexts: every one completes, and resumptions happen. */
    @ParameterizedTest
    @MethodSource("providers")
    void concurrentHandshakesResume(String provider) throws Exception {
        for (String protocol : List.of("TLSv1.2", "TLSv1.3")) {
            SSLContext[] c = ResumptionTest.contexts(provider, provider, true);
            long created = ResumptionTest.connect(c, protocol).client.getSession().getCreationTime();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Long>> results = new ArrayList<>();
                for (int i = 0; i < 24; i++) {
                    results.add(pool.submit(() -> ResumptionTest.connect(c, protocol).client.getSession().getCreationTime()));
                }
                int resumed = 0;
                for (Future<Long> f : results) {
                    resumed += f.get(60, TimeUnit.SECONDS) == created ? 1 : 0;
                }
                assertTrue(resumed > 0, protocol + ": some of the concurrent handshakes resumed the first session");
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
