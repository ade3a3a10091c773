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
 * {@code openssl s_client -trace} against {@code 127.0.0.1:port}: sends {@code GET /} on
 * its standard input, keeps reading until the server closes ({@code -ign_eof}), and
 * returns what OpenSSL reported, parsed. Runs under {@code timeout}; never waits longer
 * than {@link Interop#STEP}.
 */
public final class OpenSslClient {
    /** What s_client said. Absent items are null. */
    public record Result(int exitCode, String protocol, String cipher, String serverTempKey, String alpn,
            int verifyCode, String verifyText, String peerSignatureType, String serverSubject,
            List<WireView.ServerHello> serverHellos, String output) {

        /** The last ServerHello (not HelloRetryRequest) OpenSSL received. */
        public WireView.ServerHello serverHello() {
            return serverHellos.stream().filter(h -> !h.helloRetryRequest()).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no ServerHello in s_client output:\n" + output));
        }

        public boolean helloRetryRequest() {
            return serverHellos.stream().anyMatch(WireView.ServerHello::helloRetryRequest);
        }

        /** True when the server's HTTP response (from {@link EngineServer}) arrived. */
        public boolean gotResponse() {
            return output.contains("HTTP/1.0 200 OK") && output.contains("bastion-interop ");
        }
    }

    private final List<String> args = new ArrayList<>();

    /** s_client trusting the test CA and verifying the server's name ({@code localhost} unless SNI says otherwise). */
    public static OpenSslClient verifying(TestPki pki, String hostName) {
        OpenSslClient c = new OpenSslClient();
        c.add("-CAfile", pki.caPem().toString());
        c.add("-verify_hostname", hostName);
        c.args.add("-verify_return_error");
        return c;
    }

    public OpenSslClient version(String tls13or12) {
        args.add(tls13or12.equals("TLSv1.2") ? "-tls1_2" : "-tls1_3");
        return this;
    }

    public OpenSslClient ciphersuites(String tls13Suites) {
        return add("-ciphersuites", tls13Suites);
    }

    public OpenSslClient cipher(String tls12Ciphers) {
        return add("-cipher", tls12Ciphers);
    }

    public OpenSslClient groups(String groups) {
        return add("-groups", groups);
    }

    public OpenSslClient sigalgs(String sigalgs) {
        return add("-sigalgs", sigalgs);
    }

    public OpenSslClient alpn(String protocols) {
        return add("-alpn", protocols);
    }

    /** Sends SNI {@code name}; without this call no SNI is sent ({@code -noservername}). */
    public OpenSslClient servername(String name) {
        return add("-servername", name);
    }

    public OpenSslClient certificate(TestPki.Credential cred) {
        add("-cert", cred.chainPem().toString());
        return add("-key", cred.keyPem().toString());
    }

    /** An option without a value ({@code -status}). */
    public OpenSslClient flag(String option) {
        args.add(option);
        return this;
    }

    public OpenSslClient add(String option, String value) {
        args.add(option);
        args.add(value);
        return this;
    }

    /** Runs s_client once against {@code 127.0.0.1:port}. */
    public Result run(int port) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("timeout", String.valueOf(Interop.STEP.toSeconds()),
                "openssl", "s_client", "-connect", Interop.LOOPBACK + ":" + port, "-trace", "-ign_eof"));
        if (!args.contains("-servername")) {
            cmd.add("-noservername");
        }
        cmd.addAll(args);
        Path log = Interop.logFile("s_client-");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            // s_client may already have exited (a failed handshake); its output says why
        }
        try {
            if (!p.waitFor(Interop.STEP.toSeconds() + 2, TimeUnit.SECONDS)) {
                Interop.kill(p);
                throw new IOException("s_client did not finish: " + String.join(" ", cmd) + "\n" + Interop.read(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Interop.kill(p);
            throw new IOException("interrupted", e);
        }
        String out = Interop.read(log);
        return parse(p.exitValue(), String.join(" ", cmd) + "\n" + out);
    }

    static Result parse(int exit, String out) {
        Matcher verify = Pattern.compile("Verify return code: (\\d+) \\((.*)\\)").matcher(out);
        boolean verified = verify.find();
        String alpn = first(out, "ALPN protocol: (\\S+)");
        // "Protocol  :" belongs to the SSL-Session block, which s_client prints for TLS 1.3 only
        // once a NewSessionTicket arrived; the "New, TLSv1.3, Cipher is" line is always there.
        String protocol = first(out, "\n\\s*Protocol\\s*: (\\S+)");
        if (protocol == null) {
            protocol = first(out, "\n(?:New|Reused), (\\S+), Cipher is");
        }
        return new Result(exit, protocol, first(out, "Cipher is (\\S+)"),
                first(out, "Server Temp Key: ([^\\r\\n]+)"), alpn,
                verified ? Integer.parseInt(verify.group(1)) : -1, verified ? verify.group(2) : null,
                first(out, "Peer signature type: (\\S+)"), first(out, "\nsubject=([^\\r\\n]+)"),
                OpenSslTrace.serverHellos(out), out);
    }

    private static String first(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
