package dev.bastion.tls.conformance.load;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Live threads and used heap (after repeated {@code System.gc()}), before and after a load. */
record Footprint(Set<Thread> threads, int threadCount, long heapUsed) {
    /** Threads the JDK may start on its own while the test runs; they are not the server's. */
    private static final List<String> JDK_THREADS = List.of("Common-Cleaner", "process reaper", "Attach Listener",
            "Signal Dispatcher", "Notification Thread", "surefire", "RMI ", "JFR ", "ForkJoinPool.commonPool");

    static Footprint take() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            sleep(100);
        }
        Set<Thread> threads = new HashSet<>(Thread.getAllStackTraces().keySet());
        return new Footprint(threads, ManagementFactory.getThreadMXBean().getThreadCount(),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }

    /** Threads alive now that were not alive in {@code before}, JDK threads left out. */
    List<String> newThreadsSince(Footprint before) {
        return threads.stream().filter(t -> !before.threads.contains(t) && t.isAlive())
                .filter(t -> JDK_THREADS.stream().noneMatch(p -> t.getName().startsWith(p)))
                .map(Thread::getName).sorted().collect(Collectors.toList());
    }

    /** Waits (at most {@code millis}) until no thread started since {@code before} is left, then measures. */
    static Footprint settle(Footprint before, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        Footprint now = take();
        while (!now.newThreadsSince(before).isEmpty() && System.nanoTime() < deadline) {
            sleep(200);
            now = take();
        }
        return now;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
