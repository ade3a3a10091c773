package dev.bastion.tls.conformance.cli;

import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * {@code --trace}: the provider's handshake trace on standard error, one dissected message after
 * another. For Bastion this sets {@code dev.bastion.tls.debug=handshake} and gives the
 * {@code dev.bastion.tls.handshake} logger (System.Logger, backed by java.util.logging) a plain
 * handler; for SunJSSE it sets {@code javax.net.debug=ssl:handshake}. Both properties are read
 * once per JVM, so this must run before the provider handles a connection.
 */
final class TraceOutput {
    /** java.util.logging keeps loggers weakly; this keeps the configured one alive. */
    private static Logger handshakeLogger;

    private TraceOutput() {
    }

    static synchronized void enable(String provider) {
        if (!provider.equals("Bastion")) {
            System.setProperty("javax.net.debug", "ssl:handshake");
            return;
        }
        System.setProperty("dev.bastion.tls.debug", "handshake");
        if (handshakeLogger != null) {
            return;
        }
        Logger logger = Logger.getLogger("dev.bastion.tls.handshake");
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.INFO);
        StreamHandler handler = new StreamHandler(System.err, new Formatter() {
            @Override
            public String format(LogRecord r) {
                return "--- " + r.getMessage() + System.lineSeparator();
            }
        }) {
            @Override
            public synchronized void publish(LogRecord record) {
                super.publish(record);
                flush();
            }
        };
        logger.addHandler(handler);
        handshakeLogger = logger;
    }
}
