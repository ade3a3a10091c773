package dev.bastion.tls.conformance.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * What the {@code bastion server} command printed about its connections, one line each:
 * {@code connection N: protocol=...} when it served one, {@code connection N failed:
 * ExceptionClass: message / caused by ...} when one failed ({@code Failures.describe}: the
 * exception's simple class name first).
 *
 * @param text        everything it printed
 * @param connections connection number to the simple class name of its exception, or "" when it succeeded
 */
public record ServerLog(String text, Map<Integer, String> connections) {
    private static final Pattern LINE = Pattern.compile("(?m)^connection (\\d+)(?:: | failed: (\\w+))");
    /** Failures that are the peer's doing, not the engine's: the TCP connection ended or was reset. */
    private static final Set<String> TRANSPORT = Set.of("EOFException", "SocketException");

    /** Reads the connection lines of {@code text}. */
    public static ServerLog of(String text) {
        Map<Integer, String> connections = new TreeMap<>();
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            connections.put(Integer.parseInt(m.group(1)), m.group(2) == null ? "" : m.group(2));
        }
        return new ServerLog(text, connections);
    }

    /** Numbers up to the highest one seen that printed no line (a thread ended by an Error prints none). */
    public List<Integer> unaccounted() {
        List<Integer> out = new ArrayList<>();
        int last = connections.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int n = 1; n <= last; n++) {
            if (!connections.containsKey(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** The lines of failures that were neither an {@link SSLException} nor a transport failure. */
    public List<String> notSslFailures() {
        return text.lines().filter(l -> {
            Matcher m = LINE.matcher(l);
            return m.find() && m.group(2) != null && !isSslException(m.group(2)) && !TRANSPORT.contains(m.group(2));
        }).toList();
    }

    /** "N connections: S served, F failed {class=count...}". */
    public String describe() {
        Map<String, Long> failed = connections.values().stream().filter(c -> !c.isEmpty())
                .collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
        long served = connections.values().stream().filter(String::isEmpty).count();
        return connections.size() + " connections: " + served + " served, " + (connections.size() - served)
                + " failed " + failed;
    }

    private static boolean isSslException(String simpleName) {
        try {
            return SSLException.class.isAssignableFrom(Class.forName("javax.net.ssl." + simpleName));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
