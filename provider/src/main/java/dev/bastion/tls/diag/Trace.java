package dev.bastion.tls.diag;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The one logging facade of the provider (MODELS.md §5.6): a thin layer over
 * {@link System.Logger} whose messages are built lazily, so a call site stays a one-liner and
 * costs one {@code isLoggable} check when tracing is off.
 *
 * <pre>{@code
 * private static final Trace TRACE = Trace.get("connection");
 * TRACE.debug(() -> "received " + message);
 * }</pre>
 *
 * <p>Loggers are named {@code dev.bastion.tls.<component>}, so a {@code java.util.logging}
 * configuration (or any {@code System.LoggerFinder}) can switch components on one by one.
 * Main code never prints to standard output or error.
 */
public final class Trace {
    /** Prefix of every logger name. */
    public static final String ROOT = "dev.bastion.tls";

    private final Logger logger;

    private Trace(Logger logger) {
        this.logger = logger;
    }

    /** The facade for one component, e.g. {@code "connection"} → logger {@code dev.bastion.tls.connection}. */
    public static Trace get(String component) {
        Objects.requireNonNull(component, "component");
        return new Trace(System.getLogger(component.isEmpty() ? ROOT : ROOT + "." + component));
    }

    /** For tests: a facade over a given logger. */
    public static Trace over(Logger logger) {
        return new Trace(Objects.requireNonNull(logger, "logger"));
    }

    /** The logger's name. */
    public String name() {
        return logger.getName();
    }

    /** Whether messages at {@code level} are written. */
    public boolean on(Level level) {
        return logger.isLoggable(level);
    }

    /** Fine-grained protocol events (records, messages, state changes). */
    public void trace(Supplier<String> message) {
        log(Level.TRACE, message, null);
    }

    /** Events a person debugging a connection wants (handshake results, alerts). */
    public void debug(Supplier<String> message) {
        log(Level.DEBUG, message, null);
    }

    /** Something unusual that is not an error: a configuration value ignored, a key log opened. */
    public void info(Supplier<String> message) {
        log(Level.INFO, message, null);
    }

    /** A problem the user should fix: an unknown name in a property, a file that cannot be written. */
    public void warning(Supplier<String> message) {
        log(Level.WARNING, message, null);
    }

    /** As {@link #warning(Supplier)}, with the exception that caused it. */
    public void warning(Supplier<String> message, Throwable cause) {
        log(Level.WARNING, message, cause);
    }

    private void log(Level level, Supplier<String> message, Throwable cause) {
        if (logger.isLoggable(level)) {
            if (cause == null) {
                logger.log(level, message.get());
            } else {
                logger.log(level, message.get(), cause);
            }
        }
    }
}
