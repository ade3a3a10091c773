package dev.bastion.tls.conformance.interop;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code openssl s_server -www -trace} on {@code 127.0.0.1}, ephemeral port, with its
 * output unbuffered ({@code stdbuf -o0}) into a log file, under {@code timeout} so it
 * ends by itself. The {@code -www} page tells each client what OpenSSL negotiated
 * ({@code Protocol  :}, {@code Cipher    :}, the client certificate); the trace tells the
 * key exchange group OpenSSL put in its ServerHello. s_server serves one connection at a
 * time, so {@link #nextTrace()} reads the log written since the previous call.
 */
public final class OpenSslServer implements AutoCloseable {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path log;
    private final int port;
    private final String command;
    private int offset;

    private OpenSslServer(List<String> cmd, Path log, Path directory) throws IOException {
        this.log = log;
        this.command = String.join(" ", cmd);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            pb.directory(directory.toFile());
        }
        this.process = pb.start();
        process.getOutputStream().close();
        long deadline = System.nanoTime() + Interop.STEP.toNanos();
        Matcher m;
        while (!(m = ACCEPT.matcher(Interop.read(log))).find()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                Interop.kill(process);
                throw new IOException("openssl s_server did not start: " + command + "\n" + Interop.read(log));
            }
            Interop.pause(10);
        }
        this.port = Integer.parseInt(m.group(1));
        this.offset = Interop.read(log).length();
    }

    /** A new server: choose options, then {@link Builder#start()}. */
    public static Builder builder(TestPki.Credential cert) {
        return new Builder(cert);
    }

    public int port() {
        return port;
    }

    /** The command line, for messages. */
    public String command() {
        return command;
    }

    /** Everything s_server wrote so far (its {@code -trace} and errors), without waiting. */
    public String log() {
        return Interop.read(log);
    }

    /** The log written since the previous call (waits until it holds a ServerHello, at most one step). */
    public String nextTrace() {
        return nextTrace("Finished, Length=");
    }

    /**
     * The log written since the previous call, once it holds a ServerHello and {@code until} (at
     * most one step): s_server logs an alert it sends only after writing it, so a client may see
     * the alert before the log does.
     */
    public String nextTrace(String until) {
        long deadline = System.nanoTime() + Interop.STEP.toNanos();
        String text;
        do {
            text = Interop.read(log).substring(offset);
            if (text.contains("ServerHello, Length=") && text.contains(until)) {
                break;
            }
            Interop.pause(10);
        } while (System.nanoTime() < deadline);
        Interop.pause(20);
        text = Interop.read(log).substring(offset);
        offset += text.length();
        return text;
    }

    /** The final ServerHello s_server sent in the connection whose trace is given. */
    public static WireView.ServerHello lastServerHello(String trace) {
        List<WireView.ServerHello> all = OpenSslTrace.serverHellos(trace);
        if (all.isEmpty()) {
            throw new AssertionError("no ServerHello in s_server trace:\n" + trace);
        }
        return all.get(all.size() - 1);
    }

    @Override
    public void close() {
        Interop.kill(process);
    }

    /** s_server options. */
    public static final class Builder {
        private final List<String> args = new ArrayList<>();
        private Path directory;

        private Builder(TestPki.Credential cert) {
            args.addAll(List.of("-cert", cert.chainPem().toString(), "-key", cert.keyPem().toString(),
                    "-cert_chain", cert.chainPem().toString()));
        }

        /** {@code -tls1_3} or {@code -tls1_2}: only that version. */
        public Builder version(String tls13or12) {
            args.add(tls13or12.equals("TLSv1.2") ? "-tls1_2" : "-tls1_3");
            return this;
        }

        public Builder ciphersuites(String tls13Suites) {
            return add("-ciphersuites", tls13Suites);
        }

        public Builder cipher(String tls12Ciphers) {
            return add("-cipher", tls12Ciphers);
        }

        public Builder groups(String groups) {
            return add("-groups", groups);
        }

        public Builder sigalgs(String sigalgs) {
            return add("-sigalgs", sigalgs);
        }

        public Builder alpn(String protocols) {
            return add("-alpn", protocols);
        }

        /** A second certificate served when the client's SNI equals {@code name} ({@code -servername}, {@code -cert2}). */
        public Builder sni(String name, TestPki.Credential second) {
            add("-servername", name);
            add("-cert2", second.chainPem().toString());
            return add("-key2", second.keyPem().toString());
        }

        /** Require a client certificate issued by the test CA ({@code -Verify 2 -CAfile ca.pem}). */
        public Builder requireClientCertificate(TestPki pki) {
            add("-Verify", "2");
            return add("-CAfile", pki.caPem().toString());
        }

        /** An option without a value, e.g. {@code -no_ticket}. */
        public Builder flag(String option) {
            args.add(option);
            return this;
        }

        public Builder add(String option, String value) {
            args.add(option);
            args.add(value);
            return this;
        }

        /**
         * The directory s_server runs in: with {@code flag("-WWW")} (which overrides {@code -www})
         * it serves the files there, {@code GET /name}.
         */
        public Builder directory(Path dir) {
            this.directory = dir;
            return this;
        }

        public OpenSslServer start() throws IOException {
            List<String> cmd = new ArrayList<>(List.of("timeout", String.valueOf(Interop.PROCESS_LIFETIME.toSeconds()),
                    "stdbuf", "-o0", "openssl", "s_server", "-accept", Interop.LOOPBACK + ":0", "-www", "-trace",
                    "-naccept", "1000"));
            cmd.addAll(args);
            return new OpenSslServer(cmd, Interop.logFile("s_server-"), directory);
        }
    }
}
