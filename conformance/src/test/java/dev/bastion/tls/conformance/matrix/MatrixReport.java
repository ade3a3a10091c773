package dev.bastion.tls.conformance.matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * {@code conformance/target/interop-matrix.md}: who was run, a summary per peer and role, one row
 * per case (result and a short reason), and the closing line {@code N passed, N failed}.
 */
final class MatrixReport {
    private MatrixReport() {
    }

    /** The closing line's numbers: passed, failed, skipped. */
    static int[] counts(Map<MatrixCase, Outcome> outcomes) {
        int[] n = new int[3];
        outcomes.values().forEach(o -> n[o.status().ordinal()]++);
        return n;
    }

    static String render(String mode, String subject, boolean traced, List<String> versions,
            Map<MatrixCase, Outcome> outcomes, Duration took) {
        StringBuilder b = new StringBuilder();
        b.append("# Interoperability matrix (").append(mode).append(")\n\n")
                .append("Subject: **").append(subject).append("**, as client and as server. Generated ")
                .append(Instant.now()).append(" in ").append(took.toSeconds()).append(" s by `InteropMatrixTest` (")
                .append(mode.equals("full") ? "`-Dinterop.matrix=full`" : "representative subset; "
                        + "`-Dinterop.matrix=full` for all cases").append(").\n\n")
                .append("Peers: ").append(String.join("; ", versions)).append(".\n\n")
                .append("Subject's own account: session (protocol, suite, group), hellos on the wire, client certificate, ")
                .append(traced ? "and its handshake trace (server signature scheme, resumption)."
                        : "**without** a handshake trace (a subject other than Bastion, or the trace off): "
                        + "signature schemes and resumption were checked on the peer's side only.")
                .append(" Skipped cases never ran and are not counted as passed.\n\n");
        summary(b, outcomes);
        b.append("\n## Cases\n\n| peer | Bastion is | version | suite | group | server scheme | client auth | handshake "
                + "| result | detail |\n|---|---|---|---|---|---|---|---|---|---|\n");
        outcomes.forEach((c, o) -> b.append("| ").append(c.peer().title).append(" | ").append(c.role()).append(" | ")
                .append(c.version()).append(" | ").append(c.suite()).append(" | ").append(c.group()).append(" | ")
                .append(c.scheme()).append(" | ").append(c.clientAuth() ? "yes" : "no").append(" | ")
                .append(c.resumed() ? "resumed" : "full").append(" | ").append(o.status().name().toLowerCase())
                .append(" | ").append(cell(o.detail())).append(" |\n"));
        int[] n = counts(outcomes);
        b.append('\n').append(n[2]).append(" skipped (not yet implemented in the subject, or a known peer bug)\n\n")
                .append(n[0]).append(" passed, ").append(n[1]).append(" failed\n");
        return b.toString();
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void summary(StringBuilder b, Map<MatrixCase, Outcome> outcomes) {
        b.append("## Summary\n\n| peer | Bastion is | passed | failed | skipped |\n|---|---|---|---|---|\n");
        for (Peer p : Peer.values()) {
            for (Role r : Role.values()) {
                Map<Status, Integer> n = new EnumMap<>(Status.class);
                outcomes.forEach((c, o) -> {
                    if (c.peer() == p && c.role() == r) {
                        n.merge(o.status(), 1, Integer::sum);
                    }
                });
                if (!n.isEmpty()) {
                    b.append("| ").append(p.title).append(" | ").append(r).append(" | ")
                            .append(n.getOrDefault(Status.PASSED, 0)).append(" | ")
                            .append(n.getOrDefault(Status.FAILED, 0)).append(" | ")
                            .append(n.getOrDefault(Status.SKIPPED, 0)).append(" |\n");
                }
            }
        }
    }

    private static String cell(String text) {
        String one = text == null ? "" : text.replace('\n', ' ').replace("|", "\\|");
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }
}
