package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.cli.Failures;
import dev.bastion.tls.conformance.interop.Interop;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SunJSSE on JDK 25 as the peer, in JVMs of that JDK running the {@code bastion} tool itself
 * with {@code --provider SunJSSE} (the test class path works on 25 as it is). Its servers (one
 * per version, certificate and client-auth setting, kept for the run) print one line per
 * connection, which is the peer's account; its client runs once per batch of cases with the same
 * version, group ({@code --groups}) and client certificate, fetching one URL per subject server
 * ({@code --resume 1} to resume), and prints a report per connection.
 */
final class Jdk25Runner extends Runner {
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern CONNECTION = Pattern.compile("connection \\d+(?:: (.*)| failed: (.*))");
    private static final Pattern FIELD = Pattern.compile("(\\w+)=(\\S*)");

    private final Path java;
    private final Map<String, Jdk25Server> servers = new HashMap<>();

    /** A running {@code bastion server --provider SunJSSE} on JDK 25 and how much of its output was read. */
    private record Jdk25Server(Process process, Path out, int port, int[] read) {
    }

    Jdk25Runner(Subject subject) {
        super(subject);
        this.java = Path.of(System.getProperty("bastion.interop.jdk25.home", "/usr/lib/jvm/temurin-25-jdk-amd64"));
    }

    @Override
    public Optional<String> unavailable() {
        return Files.isExecutable(java.resolve("bin/java")) ? Optional.empty()
                : Optional.of("JDK 25 not found at " + java + " (set -Djdk25.home)");
    }

    @Override
    public Object batchKey(MatrixCase c) {
        return c.role() == Role.CLIENT ? c : List.of(c.version(), c.groups(), c.clientAuth(), c.resumed());
    }

    @Override
    public Map<MatrixCase, Outcome> run(List<MatrixCase> batch) {
        if (batch.get(0).role() == Role.CLIENT) {
            return super.run(batch);
        }
        MatrixCase first = batch.get(0);
        return peerConnectsAll(batch, ports -> {
            try {
                return client(first, ports);
            } catch (IOException | InterruptedException e) {
                return List.of(PeerAccount.failed(Failures.describe(e)));
            }
        });
    }

    @Override
    Outcome subjectClient(MatrixCase c) throws Exception {
        Jdk25Server s = server(c);
        return subjectConnects(c, s.port(), (o, i) -> nextConnection(s), () -> nextConnection(s).error());
    }

    @Override
    Outcome subjectServer(MatrixCase c) {
        throw new IllegalStateException("JDK 25 clients run in batches");
    }

    @Override
    public void close() {
        servers.values().forEach(s -> Interop.kill(s.process()));
        servers.clear();
    }

    private Jdk25Server server(MatrixCase c) throws IOException, InterruptedException {
        String key = c.version() + "/" + c.certificate() + "/" + c.clientAuth();
        Jdk25Server s = servers.get(key);
        if (s != null && s.process().isAlive()) {
            return s;
        }
        List<String> args = new ArrayList<>(List.of("server", "--provider", "SunJSSE", "--port", "0", "--timeout",
                "3600", "--cert", subject.pki.server(c.certificate()).chainPem().toString(), "--key",
                subject.pki.server(c.certificate()).keyPem().toString(), c.tls12() ? "--tls1.2" : "--tls1.3"));
        if (c.clientAuth()) {
            args.addAll(List.of("--verify-client", "--cafile", subject.pki.caPem().toString()));
        }
        Path out = Interop.logFile("jdk25-server-");
        Process p = dev.bastion.tls.conformance.cli.Cli.start(java, args, out, Interop.logFile("jdk25-server-err-"));
        long deadline = System.nanoTime() + Interop.STEP.toNanos() * 2;
        Matcher m;
        while (!(m = LISTENING.matcher(Interop.read(out))).find()) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                Interop.kill(p);
                throw new IOException("the JDK 25 server did not start: " + Interop.read(out));
            }
            Thread.sleep(20);
        }
        s = new Jdk25Server(p, out, Integer.parseInt(m.group(1)), new int[] {0});
        servers.put(key, s);
        return s;
    }

    /** The server's next connection line, as an account (waits at most one step). */
    private static PeerAccount nextConnection(Jdk25Server s) {
        long deadline = System.nanoTime() + Interop.STEP.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> lines = Interop.read(s.out()).lines().filter(l -> l.startsWith("connection ")).toList();
            if (lines.size() > s.read()[0]) {
                Matcher m = CONNECTION.matcher(lines.get(s.read()[0]++));
                if (!m.matches()) {
                    return PeerAccount.failed("unreadable line from the JDK 25 server");
                }
                return m.group(2) != null ? PeerAccount.failed(m.group(2)) : fields(m.group(1));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return PeerAccount.failed("the JDK 25 server reported no connection");
    }

    private static PeerAccount fields(String line) {
        Map<String, String> f = new HashMap<>();
        Matcher m = FIELD.matcher(line);
        while (m.find()) {
            f.put(m.group(1), m.group(2));
        }
        return PeerAccount.ok(f.get("protocol"), f.get("suite"), "yes".equals(f.get("resumed")));
    }

    /** One JDK 25 client over every port; one account per connection it reports. */
    private List<PeerAccount> client(MatrixCase c, List<Integer> ports) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("client"));
        int connections = c.resumed() ? 2 : 1;
        for (int i = 0; i < ports.size(); i += connections) {
            args.add("https://localhost:" + ports.get(i) + "/");
        }
        args.addAll(List.of("--provider", "SunJSSE", "--cafile", subject.pki.caPem().toString(),
                c.tls12() ? "--tls1.2" : "--tls1.3"));
        if (!c.groups().isEmpty()) {
            args.addAll(List.of("--groups", String.join(",", c.groups())));
        }
        if (c.clientAuth()) {
            args.addAll(List.of("--cert", subject.pki.client().chainPem().toString(), "--key",
                    subject.pki.client().keyPem().toString()));
        }
        if (c.resumed()) {
            args.addAll(List.of("--resume", "1"));
        }
        Path out = Interop.logFile("jdk25-client-");
        Process p = dev.bastion.tls.conformance.cli.Cli.start(java, args, out, Interop.logFile("jdk25-client-err-"));
        if (!p.waitFor(Interop.STEP.toSeconds() * (2 + ports.size()), TimeUnit.SECONDS)) {
            Interop.kill(p);
        }
        return reports(Interop.read(out));
    }

    /** Each connection's report ends with a {@code response:} or an {@code error:} line. */
    static List<PeerAccount> reports(String output) {
        List<PeerAccount> out = new ArrayList<>();
        Map<String, String> f = new HashMap<>();
        for (String line : output.lines().toList()) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.startsWith(" ")) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1).strip();
            f.put(key, value);
            if (key.equals("error")) {
                out.add(PeerAccount.failed(value));
                f.clear();
            } else if (key.equals("response")) {
                out.add(value.startsWith("HTTP/1.0 200 OK") || value.startsWith("HTTP/1.1 200 OK")
                        ? PeerAccount.ok(f.get("protocol"), f.get("suite"), "yes".equals(f.get("resumed")))
                        : PeerAccount.failed("response " + value));
                f.clear();
            }
        }
        return out;
    }
}
