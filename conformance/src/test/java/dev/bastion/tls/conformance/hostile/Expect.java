package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;

/**
 * What a scenario requires of the victim, checked against an {@link Outcome}. Always: no
 * throwable other than an {@link SSLException} subclass, and every record the victim sent was
 * readable. Then one of:
 * <ul>
 * <li>{@link #alert}: the application got exactly this exception class, whose message names
 *     the problem (contains the fragment), and the victim sent exactly one alert, fatal, with
 *     exactly this description;</li>
 * <li>{@link #peerAlert}: the victim failed because of the peer's alert, with this exception
 *     class and message, and sent no alert back;</li>
 * <li>{@link #completes}: no failure, no alert, the handshake completed (plus any checks added
 *     with {@link #and}).</li>
 * <li>{@link #closesQuietly}: no failure, no completion, and a close_notify warning alone.</li>
 * </ul>
 */
final class Expect {
    private final AlertDescription alert;
    private final Class<? extends SSLException> exception;
    private final String fragment;
    private final List<Check> checks = new ArrayList<>();
    private boolean waiting;
    /** With {@link #completesWarning}: the one warning alert the victim must send. */
    private AlertDescription warning;
    /** With {@link #closesQuietly}: for the report. */
    private boolean closes;

    private record Check(String what, Predicate<Outcome> test) {
    }

    private Expect(AlertDescription alert, Class<? extends SSLException> exception, String fragment) {
        if (exception != null && (fragment == null || fragment.isBlank())) {
            throw new IllegalArgumentException("a failure expectation names a fragment of the message");
        }
        this.alert = alert;
        this.exception = exception;
        this.fragment = fragment;
    }

    /** Whether the victim must complete the handshake (so that a script goes on after its flight). */
    boolean handshakeCompletes() {
        return exception == null && !waiting;
    }

    /** During the handshake: {@link SSLHandshakeException} and this fatal alert. */
    static Expect handshakeAlert(AlertDescription d, String fragment) {
        return new Expect(d, SSLHandshakeException.class, fragment);
    }

    /** After the handshake: {@link SSLProtocolException} and this fatal alert. */
    static Expect protocolAlert(AlertDescription d, String fragment) {
        return new Expect(d, SSLProtocolException.class, fragment);
    }

    /** This exception class and fatal alert. */
    static Expect alert(AlertDescription d, Class<? extends SSLException> type, String fragment) {
        return new Expect(d, type, fragment);
    }

    /** Failed on the peer's alert: this exception, no alert sent back (RFC 8446 §6.2). */
    static Expect peerAlert(Class<? extends SSLException> type, String fragment) {
        return new Expect(null, type, fragment);
    }

    /** The handshake completes without failure or alert. */
    static Expect completes() {
        return new Expect(null, null, null);
    }

    /**
     * The handshake completes, and the victim sends exactly one alert: this warning (a refused
     * renegotiation, RFC 5746 §4.2, RFC 5246 §7.2.2), and carries on.
     */
    static Expect completesWarning(AlertDescription d) {
        Expect e = new Expect(null, null, null);
        e.warning = d;
        return e;
    }

    /**
     * A cancelled handshake: no failure and no completion; the victim closed both sides and
     * sent exactly one alert, a close_notify warning.
     */
    static Expect closesQuietly() {
        Expect e = new Expect(null, null, null).waiting();
        e.warning = AlertDescription.CLOSE_NOTIFY;
        e.closes = true;
        return e;
    }

    /** Neither failure nor alert nor completion: the victim waits for more (a truncated message). */
    static Expect waits() {
        return new Expect(null, null, null).waiting();
    }

    private Expect waiting() {
        waiting = true;
        return this;
    }

    Expect and(String what, Predicate<Outcome> test) {
        checks.add(new Check(what, test));
        return this;
    }

    /** What the victim should do, for the report. */
    String describe() {
        String base = closes ? "closes, warning close_notify" : waiting ? "waits for more" : warning != null ? "completes, warning " + warning.rfcName()
                : exception == null ? "completes"
                : alert == null ? "no alert / " + exception.getSimpleName() + " \"" + fragment + "\""
                : "fatal " + alert.rfcName() + " / " + exception.getSimpleName() + " \"" + fragment + "\"";
        StringBuilder sb = new StringBuilder(base);
        checks.forEach(c -> sb.append(", ").append(c.what));
        return sb.toString();
    }

    /** Everything the outcome does wrong; empty when it passes. */
    List<String> problems(Outcome o) {
        List<String> p = new ArrayList<>();
        if (o.bug() != null) {
            p.add("the engine threw " + o.bug() + " (only SSLException may escape)");
            return p;
        }
        if (o.unreadable() > 0) {
            p.add(o.unreadable() + " record(s) from the victim could not be read");
        }
        if (exception == null) {
            if (o.failure() != null) {
                p.add("unexpected failure: " + o.failure());
            }
            if (warning != null) {
                if (o.alerts().size() != 1 || o.alerts().get(0).level() != Alert.WARNING
                        || o.alerts().get(0).code() != warning.code()) {
                    p.add("sent " + o.alerts() + ", expected exactly [warning " + warning.rfcName() + "]");
                }
            } else if (!o.alerts().isEmpty()) {
                p.add("unexpected alerts " + o.alerts());
            }
            if (waiting && o.completed()) {
                p.add("the handshake completed; expected it to wait");
            } else if (!waiting && !o.completed()) {
                p.add("the handshake did not complete");
            }
        } else {
            failure(o, p);
        }
        for (Check c : checks) {
            if (!c.test.test(o)) {
                p.add("check failed: " + c.what);
            }
        }
        return p;
    }

    private void failure(Outcome o, List<String> p) {
        if (o.failure() == null) {
            p.add("expected " + exception.getSimpleName() + " but the victim did not fail"
                    + (o.completed() ? " (handshake completed)" : ""));
        } else {
            if (o.failure().getClass() != exception) {
                p.add("exception " + o.failure().getClass().getName() + ", expected " + exception.getName());
            }
            Throwable cause = o.failure().getCause();
            if (cause instanceof RuntimeException && !(cause instanceof TlsAlert)) {
                p.add("a bug inside the engine, reported as " + o.failure() + ": " + cause);
            }
            String m = String.valueOf(o.failure().getMessage());
            if (!m.toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT))) {
                p.add("message \"" + m + "\" lacks \"" + fragment + "\"");
            }
        }
        if (alert == null) {
            if (!o.alerts().isEmpty()) {
                p.add("sent " + o.alerts() + ", expected no alert");
            }
        } else if (o.alerts().size() != 1 || o.alerts().get(0).level() != Alert.FATAL
                || o.alerts().get(0).code() != alert.code()) {
            p.add("sent " + o.alerts() + ", expected exactly [fatal " + alert.rfcName() + "]");
        }
    }
}
