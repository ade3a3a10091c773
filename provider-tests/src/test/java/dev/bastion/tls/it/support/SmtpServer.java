package dev.bastion.tls.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * aiosmtpd (Debian's {@code python3-aiosmtpd}, TLS by Python's ssl module, that is OpenSSL) as
 * an SMTP server on 127.0.0.1 with STARTTLS offered and required before MAIL (its default
 * {@code require_starttls}), certificate from the "server" entry of a key store, delivering into
 * a Maildir. It runs under {@code timeout} so it ends by itself; {@link #close} kills it.
 */
public final class SmtpServer implements AutoCloseable {
    private static final String PYTHON = "/usr/bin/python3";

    private final Process process;
    private final Path dir;
    private final int port;

    private SmtpServer(Path dir, KeyStore serverStore) throws Exception {
        this.dir = dir;
        this.port = PemFiles.freePort();
        Path cert = PemFiles.chain(serverStore, dir.resolve("smtp-cert.pem"));
        Path key = PemFiles.key(serverStore, dir.resolve("smtp-key.pem"));
        List<String> cmd = List.of("timeout", "300", PYTHON, "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:" + port,
                "--tlscert", cert.toString(), "--tlskey", key.toString(), "-c", "aiosmtpd.handlers.Mailbox",
                dir.resolve("maildir").toString());
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("smtp.log").toFile()).start();
        process.getOutputStream().close();
        awaitGreeting();
    }

    /** Fails the test when {@code CI=true} and aiosmtpd is missing, skips it elsewhere. */
    public static void availableOrSkip() throws Exception {
        if (!available()) {
            String reason = "aiosmtpd not found for " + PYTHON + " (apt-get install python3-aiosmtpd)";
            if ("true".equals(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
    }

    /** Whether {@code python3 -c "import aiosmtpd"} works. */
    public static boolean available() throws Exception {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return false;
        }
        Process p = new ProcessBuilder(PYTHON, "-c", "import aiosmtpd").redirectErrorStream(true).start();
        p.getOutputStream().close();
        p.getInputStream().readAllBytes();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    /** Starts the server with files in {@code dir}. */
    public static SmtpServer start(Path dir, KeyStore serverStore) throws Exception {
        // A free port is chosen before aiosmtpd binds it: if something took it in between, try another.
        for (int attempt = 1;; attempt++) {
            try {
                return new SmtpServer(dir, serverStore);
            } catch (IOException e) {
                if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                    throw e;
                }
            }
        }
    }

    public int port() {
        return port;
    }

    /** The raw messages delivered so far. */
    public List<String> messages() throws IOException {
        Path fresh = dir.resolve("maildir").resolve("new");
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(fresh)) {
            try (Stream<Path> files = Files.list(fresh)) {
                for (Path f : files.sorted().toList()) {
                    out.add(Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    /** What the server printed so far. */
    public String log() throws IOException {
        return Files.readString(dir.resolve("smtp.log"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void awaitGreeting() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                s.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                String greeting = in.readLine();
                if (greeting != null && greeting.startsWith("220")) {
                    s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new IOException("aiosmtpd did not start:\n" + log());
            }
            Thread.sleep(100);
        }
    }
}
