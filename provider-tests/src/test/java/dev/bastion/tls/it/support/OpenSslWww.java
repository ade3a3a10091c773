package dev.bastion.tls.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code openssl s_server -www} on 127.0.0.1 (ephemeral port), under {@code timeout} so it ends
 * by itself, serving the "server" entry of a key store; optionally a second certificate for
 * clients whose SNI names {@code -servername} (so a client only gets that certificate when its
 * SNI arrived). s_server answers {@code GET /} with an HTTP/1.0 status page and closes the
 * connection; it does not implement POST or keep-alive.
 */
public final class OpenSslWww implements AutoCloseable {
    private static final Pattern ACCEPT = Pattern.compile("ACCEPT 127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path log;
    private final int port;

    private OpenSslWww(List<String> cmd, Path log) throws IOException, InterruptedException {
        this.log = log;
        this.process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        process.getOutputStream().close();
        long deadline = System.nanoTime() + 15_000_000_000L;
        Matcher m;
        while (!(m = ACCEPT.matcher(Files.readString(log))).find()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop(process);
                throw new IOException("openssl s_server did not start: " + cmd + "\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        this.port = Integer.parseInt(m.group(1));
    }

    /**
     * Starts s_server speaking only {@code version} ({@code TLSv1.3} or {@code TLSv1.2}) with
     * {@code main}'s certificate, and {@code sniStore}'s for clients asking for {@code sniName}
     * (both null for none). Files go to {@code dir}.
     */
    public static OpenSslWww start(Path dir, String version, KeyStore main, String sniName, KeyStore sniStore)
            throws IOException, InterruptedException {
        String only = switch (version) {
            case "TLSv1.3" -> "-tls1_3";
            case "TLSv1.2" -> "-tls1_2";
            default -> throw new IllegalArgumentException("s_server version " + version);
        };
        List<String> cmd = new ArrayList<>(List.of("timeout", "120", "openssl", "s_server", "-accept", "127.0.0.1:0",
                "-www", "-naccept", "100", only));
        cmd.addAll(List.of("-cert", pem(dir, version + "-main-cert.pem", chain(main)),
                "-key", pem(dir, version + "-main-key.pem", key(main))));
        if (sniName != null) {
            cmd.addAll(List.of("-servername", sniName, "-cert2", pem(dir, version + "-sni-cert.pem", chain(sniStore)),
                    "-key2", pem(dir, version + "-sni-key.pem", key(sniStore))));
        }
        return new OpenSslWww(cmd, dir.resolve(version + "-s_server.log"));
    }

    public int port() {
        return port;
    }

    /** What s_server printed so far (for failure messages). */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /**
     * What s_server printed once it has logged an error (a line with {@code :error:}), waiting
     * for one up to 10 s: it writes the error after sending its alert, so a client that has just
     * read the alert can be ahead of the log. After 10 s, what is there.
     */
    public String logAfterError() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        String text;
        while (!(text = log()).contains(":error:") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return text;
    }

    @Override
    public void close() {
        stop(process);
    }

    /**
     * Kills s_server and the {@code timeout} that runs it: a SIGKILL to {@code timeout} alone would
     * leave s_server running, orphaned, until its hundredth connection.
     */
    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String chain(KeyStore ks) {
        try {
            StringBuilder sb = new StringBuilder();
            for (Certificate c : ks.getCertificateChain("server")) {
                sb.append(block("CERTIFICATE", c.getEncoded()));
            }
            return sb.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String key(KeyStore ks) {
        try {
            Key k = ks.getKey("server", Credentials.PASSWORD);
            return block("PRIVATE KEY", k.getEncoded()); // PKCS#8
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String pem(Path dir, String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.US_ASCII);
        return p.toString();
    }
}
