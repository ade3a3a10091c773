package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.interop.Interop;
import dev.bastion.tls.conformance.interop.OpenSslClient;
import dev.bastion.tls.conformance.interop.OpenSslServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSSL 3 through {@link OpenSslServer} ({@code s_server -www}, one process per case) and
 * {@link OpenSslClient} ({@code s_client}, one process per connection; {@code -sess_out} /
 * {@code -sess_in} to resume). Both are pinned to the case's version, suite, group and signature
 * scheme. The peer's account: the {@code -www} page (protocol, cipher, "New"/"Reused") and
 * s_client's report.
 */
final class OpenSslRunner extends Runner {
    private static final Pattern PAGE_PROTOCOL = Pattern.compile("Protocol\\s*: (\\S+)");
    private static final Pattern PAGE_CIPHER = Pattern.compile("Cipher\\s*: (\\S+)");

    OpenSslRunner(Subject subject) {
        super(subject);
    }

    @Override
    Outcome subjectClient(MatrixCase c) throws Exception {
        OpenSslServer.Builder b = OpenSslServer.builder(subject.pki.server(c.certificate())).version(c.version());
        if (c.tls12()) {
            b.cipher(Names.openSsl(c.suite()));
        } else {
            b.ciphersuites(c.suite());
        }
        if (!c.groups().isEmpty()) {
            b.groups(String.join(":", c.groups()));
        }
        if (c.schemeChecked()) {
            b.sigalgs(c.scheme());
        }
        if (c.clientAuth()) {
            b.requireClientCertificate(subject.pki).add("-client_sigalgs", "ecdsa_secp256r1_sha256");
        }
        try (OpenSslServer server = b.start()) {
            return subjectConnects(c, server.port(), (o, i) -> page(o.peerText()), () -> settledErrors(server));
        }
    }

    @Override
    Outcome subjectServer(MatrixCase c) throws Exception {
        Path session = Interop.logFile("s_client-session-");
        return peerConnects(c, (port, n) -> {
            List<PeerAccount> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                OpenSslClient client = OpenSslClient.verifying(subject.pki, "localhost").version(c.version());
                if (c.tls12()) {
                    client.cipher(Names.openSsl(c.suite()));
                } else {
                    client.ciphersuites(c.suite());
                }
                if (!c.groups().isEmpty()) {
                    client.groups(String.join(":", c.groups()));
                }
                if (c.schemeChecked()) {
                    client.sigalgs(String.join(":", Names.signatureList(c)));
                }
                if (c.clientAuth()) {
                    client.certificate(subject.pki.client());
                }
                if (c.resumed()) {
                    client.add(i == 0 ? "-sess_out" : "-sess_in", session.toString());
                }
                out.add(account(client.run(port)));
            }
            return out;
        });
    }

    /** The {@code s_server -www} page: protocol, cipher, and "Reused," for a resumed session. */
    private static PeerAccount page(String page) {
        Matcher p = PAGE_PROTOCOL.matcher(page);
        Matcher s = PAGE_CIPHER.matcher(page);
        if (!p.find() || !s.find()) {
            return PeerAccount.failed("no s_server page: " + abbreviate(page));
        }
        return PeerAccount.ok(p.group(1), Names.fromOpenSsl(s.group(1)), page.contains("\nReused, "));
    }

    private static PeerAccount account(OpenSslClient.Result r) {
        if (r.exitCode() != 0 || !r.gotResponse()) {
            return PeerAccount.failed("s_client exit " + r.exitCode() + ": " + errors(r.output()));
        }
        return PeerAccount.ok(r.protocol(), Names.fromOpenSsl(r.cipher()), r.output().contains("\nReused, "));
    }

    /** s_server's error lines, given half a second to be written after the failed handshake. */
    private static String settledErrors(OpenSslServer server) {
        String e = errors(server.log());
        for (int i = 0; i < 10 && !e.contains(":error:"); i++) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
            e = errors(server.log());
        }
        return e;
    }

    /** The error and alert lines of an OpenSSL tool's output (the last two). */
    static String errors(String output) {
        List<String> lines = output.lines().filter(l -> l.contains(":error:") || l.contains("alert")
                || l.startsWith("ERROR") || l.contains("errno")).toList();
        if (lines.isEmpty()) {
            return "";
        }
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 2), lines.size()));
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > 160 ? one.substring(0, 160) + "..." : one;
    }
}
