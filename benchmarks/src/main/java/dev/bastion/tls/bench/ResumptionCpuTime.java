package dev.bastion.tls.bench;

import java.lang.management.ManagementFactory;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;

/**
 * {@link ResumptionBenchmark}'s handshakes measured by this thread's CPU time and allocation,
 * with the providers interleaved in chunks of 100 handshakes: on a shared, loaded machine the
 * wall-clock scores of JMH swing by several times, while the ratio of CPU time per handshake
 * measured under the same conditions stays usable. Not JMH: no forks, no blackholes; for ratios.
 *
 * <p>{@code java -Xms1g -Xmx1g -Djdk.tls.namedGroups=x25519,secp256r1 -cp benchmarks/target/benchmarks.jar
 * dev.bastion.tls.bench.ResumptionCpuTime [modes] [warm-up handshakes] [rounds] [providers]}
 */
public final class ResumptionCpuTime {
    private static final int CHUNK = 100;

    private ResumptionCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        String[] modes = args.length > 0 ? args[0].split(",") : new String[] {"TLS12_SESSION_ID", "TLS12_TICKET", "TLS13_PSK"};
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String[] providers = args.length > 3 ? args[3].split(",") : new String[] {"SunJSSE", "Bastion"};
        Bastion.install();
        KeyStore ks = TestCredentials.selfSigned("EC");
        com.sun.management.ThreadMXBean tmx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        for (String mode : modes) {
            String protocol = mode.startsWith("TLS13") ? "TLSv1.3" : "TLSv1.2";
            boolean tickets = !mode.equals("TLS12_SESSION_ID");
            SSLContext[][] ctx = new SSLContext[providers.length][2];
            for (int p = 0; p < providers.length; p++) {
                ctx[p][0] = Contexts.withTickets(providers[p], ks, tickets);
                ctx[p][1] = Contexts.withTickets(providers[p], ks, tickets);
                run(ctx[p], protocol, warmup);
            }
            long[] cpu = new long[providers.length];
            long[] bytes = new long[providers.length];
            for (int r = 0; r < rounds; r++) {
                for (int p = 0; p < providers.length; p++) {
                    long t0 = tmx.getCurrentThreadCpuTime();
                    long a0 = tmx.getThreadAllocatedBytes(self);
                    run(ctx[p], protocol, CHUNK);
                    cpu[p] += tmx.getCurrentThreadCpuTime() - t0;
                    bytes[p] += tmx.getThreadAllocatedBytes(self) - a0;
                }
            }
            StringBuilder line = new StringBuilder(String.format("%-17s", mode));
            double[] rate = new double[providers.length];
            for (int p = 0; p < providers.length; p++) {
                rate[p] = (double) rounds * CHUNK / (cpu[p] / 1e9);
                line.append(String.format(" %s %,8.0f/cpu-s %,8d B/op |", providers[p], rate[p], bytes[p] / ((long) rounds * CHUNK)));
            }
            if (providers.length == 2) {
                line.append(String.format(" ratio %.2f", rate[1] / rate[0]));
            }
            System.out.println(line);
        }
    }

    private static void run(SSLContext[] ctx, String protocol, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            new EnginePair(ctx[0], ctx[1], protocol, "localhost").handshake();
        }
    }
}
