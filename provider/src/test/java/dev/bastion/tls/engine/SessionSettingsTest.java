package dev.bastion.tls.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.BastionSessions;
import dev.bastion.tls.connection.Handshakers;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.connection.config.SessionSettings;
import dev.bastion.tls.session.ResumptionSettings;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import dev.bastion.tls.spi.BastionSSLContext;
import dev.bastion.tls.testutil.SelfSigned;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resumption properties reach an {@code SSLContext}'s session contexts, and the engines
 * follow them: ticket counts, TLS 1.2 tickets on and off, psk_ke, cache size and timeout, and
 * the shared ticket key file (read at init, a bad one refused there, naming the property).
 */
class SessionSettingsTest {
    private static final SelfSigned PKI = pki();

    @TempDir
    Path dir;

    private static SelfSigned pki() {
        try {
            return SelfSigned.localhost();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SSLContext context(Map<String, String> system) throws Exception {
        BastionSSLContext spi = new BastionSSLContext("TLS", PropertySource.of(system, Map.of()), Handshakers.STANDARD);
        SSLContext ctx = new SSLContext(spi, new BastionProvider(), "TLS") { };
        ctx.init(PKI.keyManagers(), PKI.trustManagers(), null);
        return ctx;
    }

    private static SessionContext server(SSLContext ctx) {
        return (SessionContext) ctx.getServerSessionContext();
    }

    private static SessionContext client(SSLContext ctx) {
        return (SessionContext) ctx.getClientSessionContext();
    }

    @Test
    void defaultsAreSunJssesAndTwoTickets() throws Exception {
        SSLContext ctx = context(Map.of());
        assertEquals(new ResumptionSettings(true, 2, false), server(ctx).settings());
        assertTrue(client(ctx).settings().tls12Tickets());
        assertTrue(server(ctx).ticketsEnabled());
        assertEquals(86400, server(ctx).getSessionTimeout());
        assertEquals(20480, client(ctx).getSessionCacheSize());
    }

    @Test
    void propertiesShapeTheSettings() throws Exception {
        SSLContext ctx = context(Map.of("jdk.tls.server.newSessionTicketCount", "5",
                "jdk.tls.server.enableSessionTicketExtension", "false",
                "jdk.tls.client.enableSessionTicketExtension", "false", "dev.bastion.tls.pskKe", "true",
                "javax.net.ssl.sessionCacheSize", "100", "jdk.tls.server.sessionTicketTimeout", "3600"));
        assertEquals(new ResumptionSettings(false, 5, true), server(ctx).settings());
        assertFalse(client(ctx).settings().tls12Tickets());
        assertTrue(client(ctx).settings().pskKe());
        assertEquals(100, server(ctx).getSessionCacheSize());
        assertEquals(100, client(ctx).getSessionCacheSize());
        assertEquals(3600, server(ctx).getSessionTimeout());
        assertEquals(3600, client(ctx).getSessionTimeout());
        SSLContext bad = context(Map.of("jdk.tls.server.newSessionTicketCount", "11",
                "jdk.tls.server.sessionTicketTimeout", "604801"));
        assertEquals(2, server(bad).settings().tls13Tickets(), "out of range: the default");
        assertEquals(86400, server(bad).getSessionTimeout(), "beyond 7 days: the default");
    }

    @Test
    void enginesSendTheConfiguredNumberOfTickets() throws Exception {
        for (int count : new int[] {0, 1, 3}) {
            SSLContext ctx = context(Map.of("jdk.tls.server.newSessionTicketCount", String.valueOf(count)));
            SSLEngine c = ctx.createSSLEngine("tickets.test", 443);
            SSLEngine s = ctx.createSSLEngine();
            c.setUseClientMode(true);
            s.setUseClientMode(false);
            Engines.pump(c, s);
            int kept = 0;
            while (client(ctx).takeTicket("tickets.test", 443, t -> true).isPresent()) {
                kept++;
            }
            assertEquals(count, kept, "jdk.tls.server.newSessionTicketCount=" + count);
        }
    }

    @Test
    void enginesResumeThroughTheirContexts() throws Exception {
        SSLContext ctx = context(Map.of());
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            SSLEngine[] first = connect(ctx, protocol);
            SSLEngine[] second = connect(ctx, protocol);
            assertEquals(Optional.of(false), BastionSessions.resumed(first[0].getSession()));
            assertEquals(Optional.of(true), BastionSessions.resumed(second[0].getSession()), protocol);
            assertEquals(Optional.of(true), BastionSessions.resumed(second[1].getSession()), protocol);
            assertEquals(first[1].getSession().getCreationTime(), second[1].getSession().getCreationTime());
        }
        assertEquals(Optional.empty(), BastionSessions.resumed(SSLContext.getDefault().createSSLEngine().getSession()));
    }

    /**
     * In-memory ticket keys seal for the rotation period and open for as long again:
     * {@code dev.bastion.tls.ticketKeyRotation}, else SunJSSE's {@code jdk.tls.server.statelessKeyTimeout}.
     */
    @Test
    void ticketKeyRotationFollowsStatelessKeyTimeout() throws Exception {
        assertEquals(20_000, ticketOpensFor(Map.of("jdk.tls.server.statelessKeyTimeout", "10")));
        assertEquals(60_000, ticketOpensFor(Map.of("jdk.tls.server.statelessKeyTimeout", "10",
                "dev.bastion.tls.ticketKeyRotation", "30")), "Bastion's own property wins");
        assertEquals(-1, ticketOpensFor(Map.of()), "default: a day, past the 60 s looked at");
        assertEquals(-1, ticketOpensFor(Map.of("jdk.tls.server.statelessKeyTimeout", "-5")), "nonsense: the default");
    }

    /** How long (ms, to the second) a ticket sealed at context creation still opens; -1 past 60 s. */
    private static long ticketOpensFor(Map<String, String> system) throws Exception {
        long start = 1_000_000_000L;
        long[] now = {start};
        SessionContext client = SessionContext.withClock(true, () -> now[0]);
        SessionContext server = SessionContext.withClock(false, () -> now[0]);
        SessionSettings.apply(PropertySource.of(system, Map.of()), client, server, new SecureRandom());
        SessionState s = new SessionState(SessionState.TLS13, 0x1301, new byte[0], new byte[32], start, false, "",
                List.of(), List.of());
        byte[] ticket = server.seal(s, 7, start).orElseThrow();
        for (long t = 1000; t <= 60_000; t += 1000) {
            now[0] = start + t;
            if (server.open(ticket).isEmpty()) {
                return t;
            }
        }
        return -1;
    }

    @Test
    void serversSharingAKeyFileOpenEachOthersTickets() throws Exception {
        byte[] key = new byte[80];
        new SecureRandom().nextBytes(key);
        Path file = Files.write(dir.resolve("ticket.key"), key);
        Map<String, String> system = new HashMap<>(Map.of("dev.bastion.tls.ticketKeyFile", file.toString()));
        SessionContext a = server(context(system));
        SessionContext b = server(context(system));
        SessionState s = new SessionState(SessionState.TLS13, 0x1301, new byte[0], new byte[32], a.now(), false, "",
                List.of(), List.of());
        byte[] ticket = a.seal(s, 7, a.now()).orElseThrow();
        assertArrayEquals(s.secret(), b.open(ticket).orElseThrow().state().secret());
        assertEquals(Optional.empty(), server(context(Map.of())).open(ticket), "in-memory keys of another context");
    }

    @Test
    void badKeyFileFailsInitNamingTheProperty() throws Exception {
        Path file = Files.write(dir.resolve("short.key"), new byte[79]);
        for (Path p : List.of(file, dir.resolve("missing.key"))) {
            KeyManagementException e = assertThrows(KeyManagementException.class,
                    () -> context(Map.of("dev.bastion.tls.ticketKeyFile", p.toString())));
            assertTrue(e.getMessage().contains("dev.bastion.tls.ticketKeyFile") && e.getMessage().contains(p.toString()),
                    e.getMessage());
        }
    }

    private static SSLEngine[] connect(SSLContext ctx, String protocol) throws Exception {
        SSLEngine c = ctx.createSSLEngine("resume.test", 443);
        SSLEngine s = ctx.createSSLEngine();
        c.setUseClientMode(true);
        s.setUseClientMode(false);
        c.setEnabledProtocols(new String[] {protocol});
        Engines.pump(c, s);
        return new SSLEngine[] {c, s};
    }
}
