package dev.bastion.tls.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import javax.net.ssl.SSLException;

/**
 * {@link BulkBenchmark}'s 16 KiB write (client wrap + server unwrap) with both providers in one
 * JVM, taking turns in chunks, measured by the thread's CPU time. JMH's wall-clock scores of
 * separate forks swing by a third or more on a shared machine; chunks taken in turn see the
 * same conditions, so their ratio is steadier. Not JMH; for ratios.
 *
 * <p>{@code java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar dev.bastion.tls.bench.BulkCpuTime
 * [suites] [warm-up rounds] [rounds]}
 */
public final class BulkCpuTime {
    private static final String[] PROVIDERS = {"SunJSSE", "Bastion"};
    private static final int CHUNK = 200;

    private BulkCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        String[] suites = args.length > 0 ? args[0].split(",")
                : new String[] {"TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"};
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        Bastion.install();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String suite : suites) {
            BulkBenchmark[] sides = new BulkBenchmark[PROVIDERS.length];
            for (int p = 0; p < sides.length; p++) {
                sides[p] = new BulkBenchmark();
                sides[p].provider = PROVIDERS[p];
                sides[p].suite = suite;
                sides[p].setup();
            }
            for (int r = 0; r < warmup; r++) {
                for (BulkBenchmark side : sides) {
                    run(side);
                }
            }
            long[] cpu = new long[sides.length];
            for (int r = 0; r < rounds; r++) {
                for (int p = 0; p < sides.length; p++) {
                    long c0 = threads.getCurrentThreadCpuTime();
                    run(sides[p]);
                    cpu[p] += threads.getCurrentThreadCpuTime() - c0;
                }
            }
            StringBuilder line = new StringBuilder(String.format("%-46s", suite));
            double bytes = (double) rounds * CHUNK * BulkBenchmark.SIZE;
            for (int p = 0; p < sides.length; p++) {
                line.append(String.format(" %s %,7.0f MB per CPU-s |", PROVIDERS[p], bytes / 1e6 / (cpu[p] / 1e9)));
            }
            line.append(String.format(" ratio %.2f", (double) cpu[0] / cpu[1]));
            System.out.println(line);
        }
    }

    private static void run(BulkBenchmark side) throws SSLException {
        int sum = 0;
        for (int i = 0; i < CHUNK; i++) {
            sum += side.wrapUnwrap16k();
        }
        if (sum != CHUNK * BulkBenchmark.SIZE) {
            throw new IllegalStateException("moved " + sum);
        }
    }
}
