package dev.bastion.tls.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Heap retained per idle TLS 1.3 connection pair (client and server engine after the
 * handshake, tickets consumed), per provider: N pairs are kept alive and the used heap after
 * full GCs is compared with the heap before. Not JMH: it measures retained size, not time.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.bastion.tls.bench.IdleConnectionFootprint [pairs]}
 */
public final class IdleConnectionFootprint {
    private IdleConnectionFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Bastion.install();
        KeyStore ks = TestCredentials.selfSigned("EC");
        for (String provider : new String[] {"SunJSSE", "Bastion"}) {
            SSLContext ctx = TestCredentials.context(provider, ks);
            // sessions cached by the context are not part of a connection's cost
            ctx.getClientSessionContext().setSessionCacheSize(1);
            ctx.getServerSessionContext().setSessionCacheSize(1);
            for (int i = 0; i < 200; i++) {
                new EnginePair(ctx, "TLSv1.3", null).handshake(); // warm up
            }
            long before = usedAfterGc();
            List<Object> keep = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                EnginePair p = new EnginePair(ctx, "TLSv1.3", null).handshake();
                keep.add(new Object[] {p.client, p.server});
            }
            long after = usedAfterGc();
            System.out.printf("%-8s %,d bytes per idle connection pair (%d pairs)%n", provider, (after - before) / n, keep.size());
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
