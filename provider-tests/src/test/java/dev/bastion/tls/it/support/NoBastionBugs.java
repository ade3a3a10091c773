package dev.bastion.tls.it.support;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which Bastion reported a bug of its own: the connection core logs
 * "bug: ..." (through {@code System.Logger}, which lands in {@code java.util.logging} here)
 * when a runtime exception other than a TLS alert reached it, and turns that exception into
 * an {@code internal_error}. The application only sees an {@code SSLException}, so a test
 * that expects one would pass without noticing; this extension makes every such report fail
 * the test that was running (or, for a report from a server thread that outlived its test,
 * the next one). Registered for every provider-test through {@code ServiceLoader}
 * ({@code junit.jupiter.extensions.autodetection.enabled} in {@code junit-platform.properties}).
 */
public final class NoBastionBugs implements AfterEachCallback {
    private static final Logger BASTION = Logger.getLogger("dev.bastion.tls"); // strong reference: JUL keeps loggers weakly
    private static final List<LogRecord> BUGS = new ArrayList<>();

    static {
        BASTION.addHandler(new Handler() {
            @Override
            public void publish(LogRecord r) {
                String m = r.getMessage();
                if (r.getLevel().intValue() >= Level.WARNING.intValue() && m != null && m.startsWith("bug:")) {
                    synchronized (BUGS) {
                        BUGS.add(r);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<LogRecord> found;
        synchronized (BUGS) {
            found = new ArrayList<>(BUGS);
            BUGS.clear();
        }
        if (!found.isEmpty()) {
            LogRecord first = found.get(0);
            throw new AssertionError(found.size() + " Bastion bug report(s) logged during "
                    + context.getDisplayName() + " (or by a thread an earlier test left running): "
                    + first.getMessage() + (first.getThrown() != null ? ": " + first.getThrown() : ""), first.getThrown());
        }
    }
}
