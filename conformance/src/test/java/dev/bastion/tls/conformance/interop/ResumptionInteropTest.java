package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionSessions;
import dev.bastion.tls.conformance.interop.EngineClient.Exchange;
import dev.bastion.tls.conformance.interop.EngineServer.Accepted;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Session resumption with OpenSSL in both directions (OpenSSL reports every connection as
 * {@code New} or {@code Reused}; Bastion's sessions say so through {@link BastionSessions#resumed}):
 * <ul>
 *   <li>{@code openssl s_client -reconnect} against the provider's server: TLS 1.2 by session id
 *       ({@code -no_ticket}) and with RFC 5077 tickets. For TLS 1.3, {@code -reconnect} never
 *       resumes, whatever the server (OpenSSL issue #10714: s_client drops each connection right
 *       after the handshake, before the server's NewSessionTicket arrives; SunJSSE shows the same),
 *       so five reconnections are made by five s_client runs, each offering the ticket the
 *       previous one saved ({@code -sess_in}, {@code -sess_out});</li>
 *   <li>{@code -sess_out} then {@code -sess_in}: a session saved by one s_client run resumes in the
 *       next;</li>
 *   <li>a Bastion client resuming against {@code openssl s_server} (its {@code -www} page says
 *       {@code Reused});</li>
 *   <li>two Bastion servers sharing a ticket key file ({@code dev.bastion.tls.ticketKeyFile}) resume
 *       each other's tickets; once the key is rotated out of the file they no longer do.</li>
 * </ul>
 * SunJSSE runs the same s_client cases as the reference.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ResumptionInteropTest {
    private static final TestPki PKI = TestPki.get();
    private static final String KEY_FILE = "dev.bastion.tls.ticketKeyFile";

    /** How OpenSSL and the provider resume. */
    enum Mode {
        TLS12_SESSION_ID("TLSv1.2", "-tls1_2", "-no_ticket"), TLS12_TICKET("TLSv1.2", "-tls1_2", null),
        TLS13("TLSv1.3", "-tls1_3", null);

        final String protocol;
        final String versionOption;
        final String ticketOption;

        Mode(String protocol, String versionOption, String ticketOption) {
            this.protocol = protocol;
            this.versionOption = versionOption;
            this.ticketOption = ticketOption;
        }

        String[] options(String... more) {
            List<String> out = new ArrayList<>(List.of(versionOption));
            if (ticketOption != null) {
                out.add(ticketOption);
            }
            out.addAll(List.of(more));
            return out.toArray(new String[0]);
        }
    }

    @TempDir
    Path dir;

    static Stream<Arguments> providersAndModes() {
        List<Arguments> out = new ArrayList<>();
        for (String p : Providers.UNDER_TEST) {
            for (Mode m : Mode.values()) {
                out.add(Arguments.of(p, m));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> providersAndTls12Modes() {
        return providersAndModes().filter(a -> a.get()[1] != Mode.TLS13);
    }

    @ParameterizedTest(name = "s_client -reconnect -> {0} server, {1}")
    @MethodSource("providersAndTls12Modes")
    void sClientReconnectResumes(String provider, Mode mode) throws Exception {
        try (EngineServer server = server(serverContext(provider), mode)) {
            OpenSslSessions.Run run = OpenSslSessions.client(PKI, server.port(), mode.options("-reconnect"));
            assertEquals(6, run.connections().size(), run.output());
            assertEquals("New " + mode.protocol, run.connections().get(0), run.output());
            for (String c : run.connections().subList(1, 6)) {
                assertEquals("Reused " + mode.protocol, c, run.output());
            }
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                notes.add(server.next().note());
            }
            if (provider.equals("Bastion")) {
                assertEquals(List.of("false", "true", "true", "true", "true", "true"), notes,
                        "BastionSessions.resumed on the server's sessions");
            }
        }
    }

    /** TLS 1.3 reconnections by s_client runs chained through saved sessions (see the class comment). */
    @ParameterizedTest(name = "s_client reconnecting 5 times -> {0} server, TLS 1.3")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void sClientReconnectsFiveTimesWithTls13Tickets(String provider) throws Exception {
        try (EngineServer server = server(serverContext(provider), Mode.TLS13)) {
            Path session = dir.resolve("tls13-0.pem");
            List<String> seen = new ArrayList<>(OpenSslSessions.client(PKI, server.port(),
                    Mode.TLS13.options("-sess_out", session.toString())).connections());
            for (int i = 1; i <= 5; i++) {
                Path next = dir.resolve("tls13-" + i + ".pem");
                OpenSslSessions.Run run = OpenSslSessions.client(PKI, server.port(),
                        Mode.TLS13.options("-sess_in", session.toString(), "-sess_out", next.toString()));
                seen.addAll(run.connections());
                session = next;
            }
            assertEquals(List.of("New TLSv1.3", "Reused TLSv1.3", "Reused TLSv1.3", "Reused TLSv1.3",
                    "Reused TLSv1.3", "Reused TLSv1.3"), seen, "each run resumes with the ticket of the one before");
            List<String> notes = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                notes.add(server.next().note());
            }
            if (provider.equals("Bastion")) {
                assertEquals(List.of("false", "true", "true", "true", "true", "true"), notes);
            }
        }
    }

    @ParameterizedTest(name = "s_client -sess_out, -sess_in -> {0} server, {1}")
    @MethodSource("providersAndModes")
    void savedSessionResumesInTheNextRun(String provider, Mode mode) throws Exception {
        Path session = dir.resolve("session.pem");
        try (EngineServer server = server(serverContext(provider), mode)) {
            OpenSslSessions.Run first = OpenSslSessions.client(PKI, server.port(),
                    mode.options("-sess_out", session.toString()));
            assertEquals(List.of("New " + mode.protocol), first.connections(), first.output());
            assertTrue(Files.size(session) > 0, "s_client saved the session");
            OpenSslSessions.Run second = OpenSslSessions.client(PKI, server.port(),
                    mode.options("-sess_in", session.toString()));
            assertEquals(List.of("Reused " + mode.protocol), second.connections(), second.output());
            assertNull(server.next().failure());
            Accepted resumed = server.next();
            assertNull(resumed.failure(), () -> String.valueOf(resumed.failure()));
            assertTrue(resumed.request().startsWith("GET /"));
            if (provider.equals("Bastion")) {
                assertEquals("true", resumed.note());
            }
        }
    }

    /**
     * A TLS 1.3 session made in TLS_AES_256_GCM_SHA384 is offered again by an s_client that now
     * lists TLS_AES_128_GCM_SHA256 first: the server resumes it, in its own suite (SunJSSE's server
     * does; Bastion's did a full handshake before it learned to).
     */
    @ParameterizedTest(name = "s_client -sess_in, another suite first -> {0} server")
    @MethodSource("dev.bastion.tls.conformance.interop.Providers#underTest")
    void savedTls13SessionResumesInItsOwnSuite(String provider) throws Exception {
        Path session = dir.resolve("session.pem");
        try (EngineServer server = server(serverContext(provider), Mode.TLS13)) {
            OpenSslSessions.Run first = OpenSslSessions.client(PKI, server.port(), Mode.TLS13.options("-ciphersuites",
                    "TLS_AES_256_GCM_SHA384", "-sess_out", session.toString()));
            assertTrue(first.output().contains("New, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384"), first.output());
            OpenSslSessions.Run second = OpenSslSessions.client(PKI, server.port(), Mode.TLS13.options("-ciphersuites",
                    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384", "-sess_in", session.toString()));
            assertTrue(second.output().contains("Reused, TLSv1.3, Cipher is TLS_AES_256_GCM_SHA384"), second.output());
            assertNull(server.next().failure());
            assertNull(server.next().failure());
        }
    }

    @ParameterizedTest(name = "Bastion client -> s_server, {0}")
    @MethodSource("modes")
    void bastionClientResumesAgainstOpenSslServer(Mode mode) throws Exception {
        OpenSslServer.Builder b = OpenSslServer.builder(PKI.server(ServerKey.EC)).version(mode.protocol);
        if (mode.ticketOption != null) {
            b.flag(mode.ticketOption);
        }
        try (OpenSslServer server = b.start()) {
            SSLContext ctx = Providers.context("Bastion", "TLS", null, PKI.trustManagers());
            Exchange first = EngineClient.get(clientEngine(ctx, mode), server.port(), null, ResumptionInteropTest::resumed);
            server.nextTrace();
            Exchange second = EngineClient.get(clientEngine(ctx, mode), server.port(), null, ResumptionInteropTest::resumed);
            server.nextTrace();
            assertTrue(first.body().contains("New, " + mode.protocol), first.body());
            assertEquals("false", first.note());
            assertTrue(second.body().contains("Reused, " + mode.protocol), "s_server reports a resumption:\n"
                    + second.body());
            assertEquals("true", second.note(), "the Bastion client's session says resumed");
            assertEquals(mode.protocol, second.session().protocol());
            assertEquals(first.session().peerSubject(), second.session().peerSubject(),
                    "the server's certificate on the resumed session");
        }
    }

    @Test
    void twoServersSharingATicketKeyFileResumeEachOthersTicketsUntilTheKeyIsRotatedOut() throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] oldKey = new byte[80];
        byte[] newKey = new byte[80];
        random.nextBytes(oldKey);
        random.nextBytes(newKey);
        Path keyFile = Files.write(dir.resolve("ticket.key"), oldKey);
        SSLContext a = withKeyFile(keyFile);
        SSLContext b = withKeyFile(keyFile);
        try (EngineServer serverA = server(a, Mode.TLS13); EngineServer serverB = server(b, Mode.TLS13)) {
            for (Mode mode : List.of(Mode.TLS13, Mode.TLS12_TICKET)) {
                Path session = dir.resolve("from-a-" + mode + ".pem");
                OpenSslSessions.Run atA = OpenSslSessions.client(PKI, serverA.port(),
                        mode.options("-sess_out", session.toString()));
                assertEquals(List.of("New " + mode.protocol), atA.connections(), atA.output());
                OpenSslSessions.Run atB = OpenSslSessions.client(PKI, serverB.port(),
                        mode.options("-sess_in", session.toString()));
                assertEquals(List.of("Reused " + mode.protocol), atB.connections(), "B opens A's ticket:\n"
                        + atB.output());
            }
            Path session = dir.resolve("before-rotation.pem");
            OpenSslSessions.client(PKI, serverA.port(), Mode.TLS13.options("-sess_out", session.toString()));
            Files.write(keyFile, concat(newKey, oldKey)); // rotation: a new key seals, the old one still opens
            Thread.sleep(1100); // the file is looked at once a second
            assertEquals(List.of("Reused TLSv1.3"), OpenSslSessions.client(PKI, serverB.port(),
                    Mode.TLS13.options("-sess_in", session.toString())).connections());
            Files.write(keyFile, newKey); // the old key rotated out
            Thread.sleep(1100);
            OpenSslSessions.Run late = OpenSslSessions.client(PKI, serverB.port(),
                    Mode.TLS13.options("-sess_in", session.toString()));
            assertEquals(List.of("New TLSv1.3"), late.connections(), "a rotated-out key no longer resumes:\n"
                    + late.output());
        }
    }

    static Stream<Mode> modes() {
        return Stream.of(Mode.values());
    }

    private static SSLEngine clientEngine(SSLContext ctx, Mode mode) {
        SSLEngine e = Providers.clientEngine(ctx);
        e.setEnabledProtocols(new String[] {mode.protocol});
        return e;
    }

    private static String resumed(SSLEngine e) {
        return BastionSessions.resumed(e.getSession()).map(String::valueOf).orElse("?");
    }

    private static SSLContext serverContext(String provider) {
        return Providers.context(provider, "TLS", TestPki.keyManagers(List.of(PKI.server(ServerKey.EC))),
                PKI.trustManagers());
    }

    /** A Bastion server context whose ticket keys come from {@code keyFile} (the property is read at init). */
    private static SSLContext withKeyFile(Path keyFile) {
        String saved = System.getProperty(KEY_FILE);
        System.setProperty(KEY_FILE, keyFile.toString());
        try {
            return serverContext("Bastion");
        } finally {
            if (saved == null) {
                System.clearProperty(KEY_FILE);
            } else {
                System.setProperty(KEY_FILE, saved);
            }
        }
    }

    private static EngineServer server(SSLContext ctx, Mode mode) throws IOException {
        return new EngineServer("resumption-" + mode, () -> {
            SSLEngine e = ctx.createSSLEngine();
            e.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            return e;
        }, null, ResumptionInteropTest::resumed);
    }

    private static byte[] concat(byte[] x, byte[] y) {
        byte[] out = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, out, x.length, y.length);
        return out;
    }
}
