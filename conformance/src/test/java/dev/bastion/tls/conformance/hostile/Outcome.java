package dev.bastion.tls.conformance.hostile;

import java.util.List;
import javax.net.ssl.SSLException;

/**
 * What the victim did in one scenario, as the hostile peer saw it: the alerts it sent
 * (decrypted when protected), the exception its application got, any other throwable (a bug),
 * whether the handshake completed, whether its read side closed (close_notify read), the
 * application data it delivered, records the peer could not read, and the script's notes.
 */
record Outcome(String provider, List<Alert> alerts, SSLException failure, Throwable bug, boolean completed,
        boolean inboundClosed, byte[] applicationData, int unreadable, String notes) {

    Outcome {
        alerts = List.copyOf(alerts);
    }

    /** One line for reports: "fatal decode_error / SSLHandshakeException: ..." or "completed". */
    String summary() {
        StringBuilder sb = new StringBuilder();
        if (bug != null) {
            sb.append("BUG ").append(bug);
        } else if (failure != null) {
            sb.append(alerts.isEmpty() ? "no alert" : alerts.toString()).append(" / ")
                    .append(failure.getClass().getSimpleName()).append(": ").append(failure.getMessage());
        } else {
            sb.append(completed ? "completed" : "no failure, not completed");
            if (!alerts.isEmpty()) {
                sb.append(", sent ").append(alerts);
            }
        }
        if (unreadable > 0) {
            sb.append(" (").append(unreadable).append(" unreadable record(s))");
        }
        if (notes != null && !notes.isEmpty()) {
            sb.append(" [").append(notes).append(']');
        }
        return sb.toString();
    }
}
