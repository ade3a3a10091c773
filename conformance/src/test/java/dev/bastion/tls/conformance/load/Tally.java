package dev.bastion.tls.conformance.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counts of the servers' connection outcomes, with the exception types seen for each. */
final class Tally {
    private final AtomicLongArray counts = new AtomicLongArray(Outcome.values().length);
    private final Map<String, LongAdder> causes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    private final LongAdder resumed = new LongAdder();

    /** Records one connection's end; {@code cause} may be null. */
    void record(Outcome outcome, Throwable cause) {
        counts.incrementAndGet(outcome.ordinal());
        if (cause != null) {
            causes.computeIfAbsent(outcome + " " + cause.getClass().getSimpleName(), k -> new LongAdder()).increment();
        }
        if (outcome == Outcome.UNEXPECTED || outcome == Outcome.TIMED_OUT) {
            if (unexpected.size() < 5) {
                unexpected.add(cause == null ? new IllegalStateException(outcome.name()) : cause);
            }
        }
    }

    /** Counts a server-side handshake that resumed a session. */
    void resumed() {
        resumed.increment();
    }

    long resumedCount() {
        return resumed.sum();
    }

    long count(Outcome o) {
        return counts.get(o.ordinal());
    }

    long total() {
        long sum = 0;
        for (Outcome o : Outcome.values()) {
            sum += count(o);
        }
        return sum;
    }

    Map<Outcome, Long> counts() {
        Map<Outcome, Long> out = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            if (count(o) > 0) {
                out.put(o, count(o));
            }
        }
        return out;
    }

    /** "OUTCOME ExceptionType" to how often. */
    Map<String, Long> causes() {
        Map<String, Long> out = new TreeMap<>();
        causes.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Up to five UNEXPECTED / TIMED_OUT causes, for the failure message. */
    String unexpectedSamples() {
        StringBuilder b = new StringBuilder();
        for (Throwable t : unexpected) {
            b.append("\n  ").append(t);
            for (StackTraceElement e : t.getStackTrace()) {
                b.append("\n    at ").append(e);
            }
        }
        return b.toString();
    }
}
