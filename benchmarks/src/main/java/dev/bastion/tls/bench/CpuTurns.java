package dev.bastion.tls.bench;

import java.lang.management.ManagementFactory;

/**
 * The measuring loop of the {@code *CpuTime} harnesses: the providers take turns on this thread,
 * {@code chunk} operations each, for {@code rounds} rounds, and each one's CPU time and
 * allocation are summed over its turns, so that both see the same machine conditions.
 */
final class CpuTurns {
    /** {@code n} operations of provider number {@code provider}. */
    interface Work {
        void run(int provider, int n) throws Exception;
    }

    private CpuTurns() {
    }

    /**
     * One result line: {@code label}, then for each provider its operations per CPU-second and
     * bytes allocated per operation, then the ratio of the second provider's rate to the first's
     * when there are two.
     */
    static String measure(String label, int labelWidth, String[] providers, int rounds, int chunk, Work work) throws Exception {
        com.sun.management.ThreadMXBean tmx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        long[] cpu = new long[providers.length];
        long[] bytes = new long[providers.length];
        for (int r = 0; r < rounds; r++) {
            for (int p = 0; p < providers.length; p++) {
                long t0 = tmx.getCurrentThreadCpuTime();
                long a0 = tmx.getThreadAllocatedBytes(self);
                work.run(p, chunk);
                cpu[p] += tmx.getCurrentThreadCpuTime() - t0;
                bytes[p] += tmx.getThreadAllocatedBytes(self) - a0;
            }
        }
        StringBuilder line = new StringBuilder(String.format("%-" + labelWidth + "s", label));
        double[] rate = new double[providers.length];
        long ops = (long) rounds * chunk;
        for (int p = 0; p < providers.length; p++) {
            rate[p] = ops / (cpu[p] / 1e9);
            line.append(String.format(" %s %,8.0f/cpu-s %,8d B/op |", providers[p], rate[p], bytes[p] / ops));
        }
        if (providers.length == 2) {
            line.append(String.format(" ratio %.2f", rate[1] / rate[0]));
        }
        return line.toString();
    }
}
