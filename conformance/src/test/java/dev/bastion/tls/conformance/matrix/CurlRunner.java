package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.interop.Interop;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * curl (over OpenSSL 3) as a client of the subject's server: one {@code curl -v} process per
 * case, pinned to the version, suite ({@code --tls13-ciphers} / {@code --ciphers}) and group
 * ({@code --curves}); to resume it fetches the URL twice, and curl's session cache offers the
 * first session on the second connection. curl has no option for signature schemes: the
 * subject's server is pinned to the scheme. The peer's account is curl's verbose report.
 */
final class CurlRunner extends Runner {
    private static final Pattern CONNECTION = Pattern.compile("SSL connection using (\\S+) / (\\S+)");

    CurlRunner(Subject subject) {
        super(subject);
    }

    @Override
    public Optional<String> unavailable() {
        return Tools.missing("curl");
    }

    @Override
    Outcome subjectClient(MatrixCase c) {
        throw new IllegalStateException("curl is a client only");
    }

    @Override
    Outcome subjectServer(MatrixCase c) throws Exception {
        return peerConnects(c, (port, n) -> {
            String url = "https://localhost:" + port + "/";
            List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "-v", "--max-time",
                    String.valueOf(Interop.STEP.toSeconds()), "--cacert", subject.pki.caPem().toString(), "--resolve",
                    "localhost:" + port + ":127.0.0.1"));
            if (c.tls12()) {
                cmd.addAll(List.of("--tlsv1.2", "--tls-max", "1.2", "--ciphers", Names.openSsl(c.suite())));
            } else {
                cmd.addAll(List.of("--tlsv1.3", "--tls-max", "1.3", "--tls13-ciphers", c.suite()));
            }
            if (!c.groups().isEmpty()) {
                cmd.addAll(List.of("--curves", String.join(":", c.groups())));
            }
            if (c.clientAuth()) {
                cmd.addAll(List.of("--cert", subject.pki.client().chainPem().toString(), "--key",
                        subject.pki.client().keyPem().toString()));
            }
            for (int i = 0; i < n; i++) {
                cmd.add(url);
            }
            return accounts(Tools.run(cmd, Interop.STEP.toSeconds() + 5, TimeUnit.SECONDS), n);
        });
    }

    private static List<PeerAccount> accounts(Tools.Run run, int n) {
        List<PeerAccount> out = new ArrayList<>();
        Matcher m = CONNECTION.matcher(run.output());
        int responses = run.output().split("bastion-interop ", -1).length - 1;
        for (int i = 0; i < n; i++) {
            if (!m.find()) {
                out.add(PeerAccount.failed("curl exit " + run.exit() + ": " + curlError(run.output())));
                continue;
            }
            if (responses <= i) {
                out.add(PeerAccount.failed("no response on connection " + (i + 1) + ": " + curlError(run.output())));
                continue;
            }
            boolean reused = i > 0 && run.output().contains("SSL re-using session ID");
            out.add(PeerAccount.ok(m.group(1), m.group(2).startsWith("TLS_") ? m.group(2)
                    : Names.fromOpenSsl(m.group(2)), i == 0 ? Boolean.FALSE : reused));
        }
        return out;
    }

    private static String curlError(String output) {
        return output.lines().filter(l -> l.startsWith("curl: (") || l.contains("alert") || l.contains("error"))
                .reduce((a, b) -> b).orElse(OpenSslRunner.abbreviate(output));
    }
}
