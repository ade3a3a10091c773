package dev.bastion.tls.conformance.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * testssl.sh (Debian package {@code testssl.sh}, 3.0.x, command {@code testssl}) scanning a
 * server on {@code 127.0.0.1}: one process per scan, its findings read from its
 * {@code --jsonfile} ({@code [{"id", "severity", "finding", ...}, ...]}). The scan names the
 * host {@code localhost} (the test certificates' name, sent as SNI) and connects to
 * {@link Interop#LOOPBACK} ({@code --ip}); no DNS lookups ({@code --nodns none}); the test CAs
 * are trusted ({@code --add-ca}).
 *
 * <p>testssl's session resumption checks ({@code sub_session_resumption}) run {@code openssl
 * s_client -sess_out F </dev/null}, then {@code -sess_in F}, over the protocol of the first
 * connection on which s_client printed a ticket lifetime. Over TLS 1.3 the session (the server's
 * NewSessionTicket) arrives after the handshake, when s_client may already have read the end of
 * its standard input and closed: F stays empty, and testssl reports "Connect problem: Ticket
 * resumption test not possible" (tickets) or "ID: no" (an empty F reads as no session id). The
 * same race picks the protocol: when the ticket of testssl's first TLS 1.3 connection arrives in
 * time, both checks run over TLS 1.3 and race again; otherwise they run over TLS 1.2, where the
 * ticket and the session id come inside the handshake, and pass. It is a race in the check, not
 * in the server: 15 of 20 {@code s_client -tls1_3 -sess_out} runs saved a session from OpenSSL's
 * own {@code s_server}, 11 of 20 from Bastion's (a JVM answers the client's Finished later), and
 * 20 of 20 from Bastion with standard input held open for half a second. So testssl gets an
 * {@code openssl} ({@code --openssl}) that holds standard input open for two seconds on exactly
 * those {@code -sess_out} runs and runs every other command unchanged.
 */
public final class Testssl {
    /** One entry of testssl's JSON findings. */
    public record Finding(String id, String severity, String finding) {
        @Override
        public String toString() {
            return id + " " + severity + " \"" + finding + "\"";
        }
    }

    /** A finished scan: every finding in testssl's order, the console log, how long it took. */
    public record Scan(String name, List<Finding> findings, Path log, Duration took) {
        /** The first finding with this id; fails the test (listing the ids there are) if none. */
        public Finding get(String id) {
            return findings.stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError(
                    "scan " + name + " has no finding " + id + "; it has "
                            + findings.stream().map(Finding::id).collect(Collectors.joining(", "))
                            + "\nconsole (" + log + "):\n" + Interop.read(log)));
        }
    }

    /** A scan in progress. */
    public static final class Running {
        private final String name;
        private final Process process;
        private final Path json;
        private final Path log;
        private final long started = System.nanoTime();

        private Running(String name, Process process, Path json, Path log) {
            this.name = name;
            this.process = process;
            this.json = json;
            this.log = log;
        }

        /**
         * Waits for the scan to end, at most {@code limit}; after that the whole process tree is
         * ended and the test fails. Also fails when testssl wrote no findings.
         */
        public Scan await(Duration limit) throws IOException, InterruptedException {
            long left = limit.toNanos() - (System.nanoTime() - started);
            if (!process.waitFor(Math.max(left, 0), TimeUnit.NANOSECONDS)) {
                Interop.kill(process);
                fail("testssl scan " + name + " did not finish within " + limit + "; console so far (" + log + "):\n"
                        + Interop.read(log));
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (!Files.isRegularFile(json) || Files.size(json) == 0) {
                fail("testssl scan " + name + " wrote no JSON (exit " + process.exitValue() + "); console (" + log
                        + "):\n" + Interop.read(log));
            }
            List<Finding> findings = new ArrayList<>();
            for (JsonNode n : new ObjectMapper().readTree(json.toFile())) {
                findings.add(new Finding(n.path("id").asText(), n.path("severity").asText(), n.path("finding").asText()));
            }
            return new Scan(name, List.copyOf(findings), log, took);
        }

        /** Ends the scan (and everything it started) if it still runs. */
        public void kill() {
            Interop.kill(process);
        }
    }

    private Testssl() {
    }

    /** Why testssl cannot run here (it or openssl not on the PATH), or empty. */
    public static Optional<String> missing() {
        if (onPath("testssl").isEmpty()) {
            return Optional.of("testssl is not installed (apt-get install testssl.sh; .ci/run installs it)");
        }
        return onPath("openssl").isPresent() ? Optional.empty() : Optional.of("openssl is not installed");
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator)).filter(d -> !d.isEmpty())
                .map(d -> Path.of(d, command)).filter(Files::isExecutable).findFirst();
    }

    /** Fails the test when {@code CI=true} and testssl is missing (CI installs it), skips it elsewhere. */
    public static void availableOrSkip() {
        Optional<String> missing = missing();
        if (missing.isPresent()) {
            if ("true".equals(System.getenv("CI"))) {
                fail(missing.get());
            }
            Assumptions.abort(missing.get());
        }
    }

    /**
     * Starts {@code testssl checks... localhost:port} against {@code 127.0.0.1}, trusting the CA
     * certificates in {@code caPem}; {@code checks} are testssl's options ({@code -p}, {@code -U}...).
     */
    public static Running start(String name, int port, Path caPem, List<String> checks) throws IOException {
        Path dir = Files.createTempDirectory(Interop.workDir(), "testssl-" + name + "-");
        Path json = dir.resolve("findings.json"); // must not exist yet: testssl will not overwrite
        Path log = dir.resolve("console.log");
        List<String> cmd = new ArrayList<>(List.of("testssl", "--quiet", "--color", "0", "--warnings", "off",
                "--nodns", "none", "--ip", Interop.LOOPBACK, "--add-ca", caPem.toString(),
                "--openssl", opensslHoldingStdin(dir).toString(), "--jsonfile", json.toString()));
        cmd.addAll(checks);
        cmd.add("localhost:" + port);
        Files.writeString(log, String.join(" ", cmd) + "\n");
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        p.getOutputStream().close();
        return new Running(name, p, json, log);
    }

    /** The {@code openssl} testssl gets (see the class comment). */
    private static Path opensslHoldingStdin(Path dir) {
        String script = """
                #!/bin/sh
                # openssl for testssl.sh (TestsslScanTest): s_client saving a session (-sess_out) keeps its
                # standard input open for two seconds, so that a TLS 1.3 NewSessionTicket can arrive first
                case " $* " in
                  *" s_client "*" -sess_out "*) sleep 2 | OPENSSL "$@"; exit $? ;;
                esac
                exec OPENSSL "$@"
                """.replace("OPENSSL", onPath("openssl").orElseThrow().toString());
        try {
            Path file = dir.resolve("openssl");
            Files.writeString(file, script);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
