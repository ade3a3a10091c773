package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.message.HandshakeTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subject's own account of its handshakes: Bastion's handshake trace
 * ({@code dev.bastion.tls.debug=handshake}, which the matrix's JVM is started with), captured
 * from the {@code dev.bastion.tls.handshake} logger with the name of the thread that logged each
 * entry, and read for what no JSSE API tells: the signature scheme of the server's
 * CertificateVerify (TLS 1.3) or ServerKeyExchange (TLS 1.2), and whether a ServerHello
 * resumed a session (pre_shared_key in TLS 1.3; no Certificate in TLS 1.2).
 */
final class BastionTrace extends Handler {
    private static final Pattern SCHEME = Pattern.compile("Signature Algorithm: (\\w+)\\(");
    private static BastionTrace installed;

    private final List<String[]> entries = new ArrayList<>();
    private final Logger logger;

    private BastionTrace(Logger logger) {
        this.logger = logger;
    }

    /** Captures the trace from now on (once per JVM); its entries no longer reach the console. */
    static synchronized BastionTrace install() {
        if (installed == null) {
            Logger logger = Logger.getLogger("dev.bastion.tls.handshake");
            installed = new BastionTrace(logger);
            logger.setUseParentHandlers(false);
            logger.setLevel(Level.INFO);
            logger.addHandler(installed);
        }
        return installed;
    }

    /** Whether the trace is on in this JVM (so the subject's account includes it). */
    boolean active() {
        return HandshakeTrace.isOn() && logger.getHandlers().length > 0;
    }

    @Override
    public synchronized void publish(LogRecord r) {
        entries.add(new String[] {Thread.currentThread().getName(), r.getMessage()});
    }

    /** Takes (and forgets) the entries logged by {@code thread}. */
    synchronized List<String> take(String thread) {
        List<String> out = new ArrayList<>();
        entries.removeIf(e -> {
            if (e[0].equals(thread)) {
                out.add(e[1]);
                return true;
            }
            return false;
        });
        return out;
    }

    /** Forgets everything. */
    synchronized void clear() {
        entries.clear();
    }

    /**
     * The entries per connection: each list starts with the final ServerHello of one connection
     * ({@code server sent Server Hello} for a Bastion server, {@code client received ...} for a
     * client) and holds what followed it, up to the next ServerHello.
     */
    static List<List<String>> connections(List<String> entries, Role role) {
        String serverHello = (role == Role.SERVER ? "server sent" : "client received") + " Server Hello (";
        List<List<String>> out = new ArrayList<>();
        for (String e : entries) {
            if (e.startsWith(serverHello)) {
                out.add(new ArrayList<>());
            }
            if (!out.isEmpty()) {
                out.get(out.size() - 1).add(e);
            }
        }
        return out;
    }

    /** Whether the connection whose entries are given resumed a session. */
    static boolean resumed(List<String> connection, Role role, boolean tls12) {
        if (!tls12) {
            return connection.get(0).contains("\n    Extension: pre_shared_key (");
        }
        String certificate = (role == Role.SERVER ? "server sent" : "client received") + " Certificate (TLS 1.2) (";
        return connection.stream().noneMatch(e -> e.startsWith(certificate));
    }

    /** The scheme the server signed with in this connection, if it signed. */
    static Optional<String> serverScheme(List<String> connection, Role role, boolean tls12) {
        String signed = (role == Role.SERVER ? "server sent " : "client received ")
                + (tls12 ? "Server Key Exchange (" : "Certificate Verify (");
        for (String e : connection) {
            if (e.startsWith(signed)) {
                Matcher m = SCHEME.matcher(e);
                return m.find() ? Optional.of(m.group(1)) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    @Override
    public void flush() {
        // nothing buffered
    }

    @Override
    public void close() {
        // kept for the JVM's lifetime
    }
}
