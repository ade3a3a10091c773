package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.interop.Interop;
import dev.bastion.tls.conformance.interop.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
 * GnuTLS 3.7: {@code gnutls-serv --http} ({@link GnuTlsServer}, one per case) and
 * {@code gnutls-cli} (one process per case; {@code --resume} makes it connect twice), both
 * pinned with a priority string to the case's version, cipher, key exchange, group and server
 * signature scheme. The peer's account: the {@code Description} GnuTLS gives each session,
 * {@code (TLS1.3-X.509)-(ECDHE-SECP256R1)-(ECDSA-SECP256R1-SHA256)-(AES-256-GCM)}, and
 * gnutls-cli's "This is a resumed session". GnuTLS does not read the JDK's PKCS#8 EC keys (no
 * public key inside), so those are handed over in OpenSSL's traditional form.
 */
final class GnuTlsRunner extends Runner {
    private static final Pattern DESCRIPTION = Pattern.compile("Description:(?:</TD><TD>| )\\((TLS1\\.[23])-[^)]*\\)"
            + "(?:-+\\([^)]*\\))*-+\\(([A-Z0-9-]+)\\)");
    private static final String REQUEST = "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n";

    private final Map<Path, Path> gnuTlsKeys = new HashMap<>();

    GnuTlsRunner(Subject subject) {
        super(subject);
    }

    @Override
    public Optional<String> unavailable() {
        return Tools.missing("gnutls-serv").or(() -> Tools.missing("gnutls-cli")).or(() -> Tools.missing("unshare"))
                .or(() -> Tools.missing("nsenter"));
    }

    @Override
    Outcome subjectClient(MatrixCase c) throws Exception {
        TestPki.Credential cert = subject.pki.server(c.certificate());
        List<String> args = new ArrayList<>(List.of("--priority", Names.gnuTlsPriority(c, false), "--x509certfile",
                cert.chainPem().toString(), "--x509keyfile", key(cert).toString()));
        if (c.clientAuth()) {
            args.addAll(List.of("--require-client-cert", "--x509cafile", subject.pki.caPem().toString()));
        } else {
            args.add("--disable-client-cert");
        }
        try (GnuTlsServer server = GnuTlsServer.start(args)) {
            return subjectConnects(c, server.port(), (o, i) -> page(o.peerText()), () -> errors(server.log()));
        }
    }

    @Override
    Outcome subjectServer(MatrixCase c) throws Exception {
        return peerConnects(c, (port, n) -> client(c, port, n));
    }

    @Override
    boolean firstConnectionIsHandshakeOnly(MatrixCase c) {
        return c.resumed(); // gnutls-cli --resume hangs up after the first handshake
    }

    private List<PeerAccount> client(MatrixCase c, int port, int n) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("gnutls-cli", "-p", String.valueOf(port), Interop.LOOPBACK,
                "--verify-hostname", "localhost", "--x509cafile", subject.pki.caPem().toString(), "--priority",
                Names.gnuTlsPriority(c, true)));
        if (c.clientAuth()) {
            cmd.addAll(List.of("--x509certfile", subject.pki.client().chainPem().toString(), "--x509keyfile",
                    key(subject.pki.client()).toString()));
        }
        if (n == 2) {
            cmd.add("--resume");
        }
        Path log = Interop.logFile("gnutls-cli-");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(REQUEST.getBytes(StandardCharsets.US_ASCII));
            stdin.flush();
            // keep standard input open until the answer is in: at its end gnutls-cli would close
            long deadline = System.nanoTime() + Interop.STEP.toNanos();
            while (p.isAlive() && !Interop.read(log).contains("bastion-interop ") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } catch (IOException e) {
            // gnutls-cli exited already (a failed handshake); its output says why
        }
        if (!p.waitFor(Interop.STEP.toSeconds(), TimeUnit.SECONDS)) {
            Interop.kill(p);
        }
        return accounts(Interop.read(log), n);
    }

    private static List<PeerAccount> accounts(String out, int n) {
        List<PeerAccount> accounts = new ArrayList<>();
        Matcher m = DESCRIPTION.matcher(out);
        for (int i = 0; i < n; i++) {
            if (!m.find()) {
                accounts.add(PeerAccount.failed(errors(out)));
                continue;
            }
            boolean last = i == n - 1;
            if (last && !out.contains("bastion-interop ")) {
                accounts.add(PeerAccount.failed("no response: " + errors(out)));
                continue;
            }
            accounts.add(PeerAccount.ok(protocol(m.group(1)), suite(m.group(1), m.group(2)),
                    i == 0 ? Boolean.FALSE : out.contains("*** This is a resumed session")));
        }
        return accounts;
    }

    /** The {@code gnutls-serv --http} page's Description row. */
    private static PeerAccount page(String page) {
        Matcher m = DESCRIPTION.matcher(page);
        if (!m.find()) {
            return PeerAccount.failed("no gnutls-serv page: " + OpenSslRunner.abbreviate(page));
        }
        return PeerAccount.ok(protocol(m.group(1)), suite(m.group(1), m.group(2)), null);
    }

    private static String protocol(String gnuTls) {
        return gnuTls.equals("TLS1.3") ? "TLSv1.3" : "TLSv1.2";
    }

    /** The TLS 1.3 suite for GnuTLS's cipher name; null for TLS 1.2 (the cipher alone does not name the suite). */
    private static String suite(String version, String cipher) {
        if (!version.equals("TLS1.3")) {
            return null;
        }
        return switch (cipher) {
            case "AES-128-GCM" -> "TLS_AES_128_GCM_SHA256";
            case "AES-256-GCM" -> "TLS_AES_256_GCM_SHA384";
            case "CHACHA20-POLY1305" -> "TLS_CHACHA20_POLY1305_SHA256";
            default -> cipher;
        };
    }

    /** GnuTLS's own error lines. */
    static String errors(String output) {
        List<String> lines = output.lines().filter(l -> l.contains("Fatal error") || l.contains("has failed")
                || l.startsWith("Error") || l.contains("*** Received alert") || l.contains("error:")
                || l.startsWith("Syntax error")).toList();
        return lines.isEmpty() ? "" : String.join(" | ", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
    }

    /** The key file GnuTLS can read: EC keys converted to OpenSSL's traditional form once, others as they are. */
    private synchronized Path key(TestPki.Credential cred) throws IOException, InterruptedException {
        if (!cred.key().getAlgorithm().equals("EC")) {
            return cred.keyPem();
        }
        Path converted = gnuTlsKeys.get(cred.keyPem());
        if (converted == null) {
            converted = cred.keyPem().resolveSibling(cred.keyPem().getFileName() + ".traditional.pem");
            Tools.Run r = Tools.run(List.of("openssl", "ec", "-in", cred.keyPem().toString(), "-out",
                    converted.toString()), 20, TimeUnit.SECONDS);
            if (r.exit() != 0 || !Files.exists(converted)) {
                throw new IOException("openssl ec could not convert " + cred.keyPem() + ": " + r.output());
            }
            gnuTlsKeys.put(cred.keyPem(), converted);
        }
        return converted;
    }
}
