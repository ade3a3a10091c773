package dev.bastion.tls.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class TraceTest {

    /** A logger that records what reaches it, at or above {@code threshold}. */
    private static final class Recording implements Logger {
        final Level threshold;
        final List<String> lines = new ArrayList<>();

        Recording(Level threshold) {
            this.threshold = threshold;
        }

        @Override
        public String getName() {
            return "dev.bastion.tls.test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return level.getSeverity() >= threshold.getSeverity();
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg + (thrown == null ? "" : " / " + thrown.getMessage()));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    @Test
    void suppliersRunOnlyWhenTheLevelIsOn() {
        Recording r = new Recording(Logger.Level.INFO);
        Trace t = Trace.over(r);
        int[] built = {0};
        Supplier<String> msg = () -> {
            built[0]++;
            return "m";
        };
        t.trace(msg);
        t.debug(msg);
        assertEquals(0, built[0], "nothing built below the threshold");
        t.info(msg);
        t.warning(msg);
        t.warning(msg, new IllegalStateException("why"));
        assertEquals(3, built[0]);
        assertEquals(List.of("INFO m", "WARNING m", "WARNING m / why"), r.lines);
        assertTrue(t.on(Logger.Level.WARNING));
        assertFalse(t.on(Logger.Level.DEBUG));
    }

    @Test
    void componentLoggersAreNamedUnderTheRoot() {
        assertEquals("dev.bastion.tls.connection", Trace.get("connection").name());
        assertEquals("dev.bastion.tls", Trace.get("").name());
    }
}
