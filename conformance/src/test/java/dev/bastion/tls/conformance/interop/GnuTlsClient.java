package dev.bastion.tls.conformance.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code gnutls-cli} against {@code 127.0.0.1:port}: sends {@code GET /} on its standard input
 * and returns what GnuTLS reported. Runs under {@code timeout}; never waits longer than
 * {@link Interop#STEP}. (The other direction, {@code gnutls-serv}, is not used: it cannot be
 * told to listen on the loopback address only.)
 */
public final class GnuTlsClient {
    /**
     * What gnutls-cli said: {@code version} ("TLS1.2") and {@code description}, its
     * "(TLS1.2-X.509)-(ECDHE-X25519)-(RSA-SHA256)-(AES-128-GCM)" line; absent items are null.
     */
    public record Result(int exitCode, String version, String description, String output) {
        /** True when the server's HTTP response (from {@link EngineServer}) arrived. */
        public boolean gotResponse() {
            return output.contains("HTTP/1.0 200 OK") && output.contains("bastion-interop ");
        }
    }

    private static final Set<Path> CONVERTED = ConcurrentHashMap.newKeySet();

    private final List<String> args = new ArrayList<>();

    /** gnutls-cli trusting the test CA and checking the server's name ({@code localhost}). */
    public static GnuTlsClient verifying(TestPki pki) {
        GnuTlsClient c = new GnuTlsClient();
        c.args.add("--x509cafile=" + pki.caPem());
        c.args.add("--verify-hostname=localhost");
        return c;
    }

    /** A GnuTLS priority string ({@code NONE:+VERS-TLS1.2:...}). */
    public GnuTlsClient priority(String priority) {
        args.add("--priority=" + priority);
        return this;
    }

    /**
     * Presents {@code cred} (an EC credential). GnuTLS 3.7 cannot read the JDK's PKCS#8 EC key
     * (its ECPrivateKey has no public key), so the key is rewritten once with {@code openssl ec}.
     */
    public GnuTlsClient certificate(TestPki.Credential cred) throws IOException {
        Path key = cred.keyPem().resolveSibling(cred.keyPem().getFileName() + ".gnutls.pem");
        // TestPki makes fresh keys in every JVM: rewrite once per JVM, never reuse an older run's file
        if (CONVERTED.add(key)) {
            Process p = new ProcessBuilder("timeout", String.valueOf(Interop.STEP.toSeconds()), "openssl", "ec",
                    "-in", cred.keyPem().toString(), "-out", key.toString()).redirectErrorStream(true)
                    .redirectOutput(Interop.logFile("openssl-ec-").toFile()).start();
            try {
                if (!p.waitFor(Interop.STEP.toSeconds() + 2, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    Interop.kill(p);
                    CONVERTED.remove(key);
                    throw new IOException("openssl ec could not rewrite " + cred.keyPem());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                Interop.kill(p);
                throw new IOException("interrupted", e);
            }
        }
        args.add("--x509certfile=" + cred.chainPem());
        args.add("--x509keyfile=" + key);
        return this;
    }

    /** Any other option, e.g. {@code --recordsize=512} or {@code --rehandshake}. */
    public GnuTlsClient flag(String option) {
        args.add(option);
        return this;
    }

    /** Presents a certificate chain and key already in a form GnuTLS reads (written by {@code openssl genpkey}). */
    public GnuTlsClient certificateFiles(Path chainPem, Path keyPem) {
        args.add("--x509certfile=" + chainPem);
        args.add("--x509keyfile=" + keyPem);
        return this;
    }

    /** Runs gnutls-cli once against {@code 127.0.0.1:port}. */
    public Result run(int port) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("timeout", String.valueOf(Interop.STEP.toSeconds()),
                "gnutls-cli", "--port=" + port));
        cmd.addAll(args);
        cmd.add(Interop.LOOPBACK);
        Path log = Interop.logFile("gnutls-cli-");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // gnutls-cli may already have exited (a failed handshake); its output says why
        }
        try {
            if (!p.waitFor(Interop.STEP.toSeconds() + 2, TimeUnit.SECONDS)) {
                Interop.kill(p);
                throw new IOException("gnutls-cli did not finish: " + String.join(" ", cmd) + "\n" + Interop.read(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Interop.kill(p);
            throw new IOException("interrupted", e);
        }
        String out = String.join(" ", cmd) + "\n" + Interop.read(log);
        if (p.exitValue() == 127) { // timeout(1): the command was not found
            // fail now, not after the server under test has waited a step for a connection
            throw new IOException("gnutls-cli is not installed (Debian's gnutls-bin; .ci/run installs it)\n" + out);
        }
        return new Result(p.exitValue(), first(out, "- Description: \\((TLS[0-9.]+)"), first(out, "- Description: (\\S+)"),
                out);
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
