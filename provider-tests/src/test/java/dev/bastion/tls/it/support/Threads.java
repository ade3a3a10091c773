package dev.bastion.tls.it.support;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks that a test leaves no thread behind (issue 5: "no leaked thread"). */
public final class Threads {
    private Threads() {
    }

    /** The threads alive now. */
    public static Set<Thread> snapshot() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Waits (10 s at most) until every thread started since {@code before} has ended. */
    public static void assertNoNewThreads(Set<Thread> before) throws InterruptedException {
        List<Thread> added = List.of();
        for (int i = 0; i < 100; i++) {
            added = Thread.getAllStackTraces().keySet().stream().filter(t -> !before.contains(t) && t.isAlive())
                    .collect(Collectors.toList());
            if (added.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        List<String> names = added.stream().map(Thread::getName).collect(Collectors.toList());
        throw new AssertionError(names.size() + " thread(s) outlived the test: " + names);
    }
}
