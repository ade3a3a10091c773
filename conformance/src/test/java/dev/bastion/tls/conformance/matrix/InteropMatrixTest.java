package dev.bastion.tls.conformance.matrix;

import static org.junit.jupiter.api.Assertions.fail;

import dev.bastion.tls.conformance.interop.BoringSsl;
import dev.bastion.tls.conformance.interop.EngineClient;
import dev.bastion.tls.conformance.interop.EngineServer;
import dev.bastion.tls.conformance.interop.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The interoperability matrix (issue 7 §2): Bastion as client and as server against OpenSSL 3,
 * GnuTLS, curl, SunJSSE on JDK 17 and JDK 25, BCJSSE 1.84 and BoringSSL, over version × suite ×
 * group × signature scheme × client auth × full/resumed ({@link CaseList}). One dynamic test per
 * case: passed, failed (with the reason and the peer's own error) or skipped (not yet
 * implemented in Bastion — {@link NotYetImplemented} — or a known peer bug); the table goes to
 * {@code conformance/target/interop-matrix.md}.
 *
 * <p>Runs in its own surefire execution (conformance/pom.xml), in a JVM started with
 * {@code dev.bastion.tls.debug=handshake} so Bastion's trace gives its side of each handshake.
 * {@code -Dinterop.matrix=full} runs every case; the default is the representative subset.
 * {@code -Dinterop.matrix.peers=OPENSSL,GNUTLS} runs only those peers.
 * {@code -Dinterop.matrix.subject=SunJSSE} runs the same matrix with SunJSSE as the subject, to
 * check the harness on cases Bastion cannot run yet.
 */
class InteropMatrixTest {
    private static final Path REPORT = Path.of(System.getProperty("bastion.interop.work.dir", "target/interop"))
            .resolveSibling("interop-matrix.md");
    private static MatrixRun run;
    private static long started;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("bastion.interop.matrix.execution"),
                "the matrix runs in the interop-matrix surefire execution (mvn verify -pl conformance -am)");
        started = System.nanoTime();
        TestPki pki = TestPki.get();
        warmUpSunJsse(pki);
        run = new MatrixRun(System.getProperty("interop.matrix", "subset"),
                new Subject(System.getProperty("interop.matrix.subject", "Bastion"), pki), peers());
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        return run.cases.stream().map(c -> DynamicTest.dynamicTest(c.id(), () -> {
            Outcome o = run.outcome(c);
            switch (o.status()) {
                case SKIPPED -> Assumptions.abort(o.detail());
                case FAILED -> fail(o.detail());
                default -> {
                    // passed
                }
            }
        }));
    }

    @AfterAll
    static void report() throws Exception {
        if (run == null) {
            return;
        }
        try {
            Map<MatrixCase, Outcome> outcomes = run.decided();
            String text = MatrixReport.render(run.mode, run.subject.provider, run.subject.traced(), versions(),
                    outcomes, Duration.ofNanos(System.nanoTime() - started));
            MatrixReport.write(REPORT, text);
            int[] n = MatrixReport.counts(outcomes);
            System.out.println("interop matrix (" + run.mode + "): " + REPORT.toAbsolutePath() + "\n" + n[2]
                    + " skipped\n" + n[0] + " passed, " + n[1] + " failed");
        } finally {
            run.close();
        }
    }

    /**
     * SunJSSE reads {@code jdk.tls.namedGroups} and the signature scheme properties once per JVM:
     * one handshake before the subject's contexts set them makes it read the defaults.
     */
    private static void warmUpSunJsse(TestPki pki) throws Exception {
        SSLContext server = SSLContext.getInstance("TLS", "SunJSSE");
        server.init(TestPki.keyManagers(List.of(pki.server(TestPki.ServerKey.EC))), pki.trustManagers(), null);
        SSLContext client = SSLContext.getInstance("TLS", "SunJSSE");
        client.init(null, pki.trustManagers(), null);
        try (EngineServer s = new EngineServer("warm-up", server::createSSLEngine, null)) {
            SSLEngine e = client.createSSLEngine("localhost", 443);
            EngineClient.get(e, s.port(), null);
        }
    }

    /** {@code -Dinterop.matrix.peers=OPENSSL,GNUTLS}: only those peers (all when empty). */
    private static java.util.Set<Peer> peers() {
        java.util.Set<Peer> out = java.util.EnumSet.noneOf(Peer.class);
        for (String name : System.getProperty("interop.matrix.peers", "").split("[,\\s]+")) {
            if (!name.isBlank()) {
                out.add(Peer.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
            }
        }
        return out;
    }

    private static List<String> versions() {
        List<String> out = new ArrayList<>();
        out.add(first("openssl", "version"));
        out.add(first("gnutls-cli", "--version"));
        out.add(first("curl", "--version"));
        out.add("SunJSSE " + System.getProperty("java.version"));
        out.add("SunJSSE " + first(System.getProperty("bastion.interop.jdk25.home",
                "/usr/lib/jvm/temurin-25-jdk-amd64") + "/bin/java", "-version"));
        out.add("BCJSSE (bctls) 1.84");
        try {
            out.add(BoringSsl.version() + " (netty-tcnative)");
        } catch (Throwable e) {
            out.add("BoringSSL unavailable");
        }
        return out;
    }

    private static String first(String... cmd) {
        try {
            Tools.Run r = Tools.run(List.of(cmd), 20, TimeUnit.SECONDS);
            return r.exit() == 0 ? r.output().lines().findFirst().orElse(cmd[0]) : cmd[0] + " (not found)";
        } catch (Exception e) {
            return cmd[0] + " (not found)";
        }
    }
}
