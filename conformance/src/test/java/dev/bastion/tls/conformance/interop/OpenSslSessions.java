package dev.bastion.tls.conformance.interop;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code openssl s_client} runs about sessions: {@code -reconnect} (one full handshake and five
 * more with the same session) and {@code -sess_out}/{@code -sess_in} (a session saved by one run
 * and offered by the next). What s_client says about each connection is its
 * {@code New, ...}/{@code Reused, ...} line.
 */
final class OpenSslSessions {
    private OpenSslSessions() {
    }

    /** One s_client run: every connection's "New"/"Reused" with its protocol, and the whole output. */
    record Run(List<String> connections, String output) {
        long reused() {
            return connections.stream().filter(c -> c.startsWith("Reused")).count();
        }
    }

    /**
     * Runs s_client against {@code 127.0.0.1:port} with {@code options}, trusting the test CA,
     * sending {@code GET /} on its standard input (read by the last connection) and reading
     * until the server closes.
     */
    static Run client(TestPki pki, int port, String... options) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("timeout", String.valueOf(Interop.STEP.toSeconds() * 2),
                "openssl", "s_client", "-connect", Interop.LOOPBACK + ":" + port, "-CAfile", pki.caPem().toString(),
                "-verify_return_error", "-ign_eof", "-noservername"));
        cmd.addAll(List.of(options));
        Path log = Interop.logFile("s_client-sessions-");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // s_client may have exited already; its output says why
        }
        try {
            if (!p.waitFor(Interop.STEP.toSeconds() * 2 + 2, TimeUnit.SECONDS)) {
                Interop.kill(p);
                throw new IOException("s_client did not finish: " + String.join(" ", cmd) + "\n" + Interop.read(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Interop.kill(p);
            throw new IOException("interrupted", e);
        }
        String out = String.join(" ", cmd) + "\n" + Interop.read(log);
        List<String> connections = new ArrayList<>();
        Matcher m = Pattern.compile("\n(New|Reused), (\\S+), Cipher is (\\S+)").matcher(out);
        while (m.find()) {
            connections.add(m.group(1) + " " + m.group(2));
        }
        return new Run(connections, out);
    }
}
