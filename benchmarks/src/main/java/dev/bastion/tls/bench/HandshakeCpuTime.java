package dev.bastion.tls.bench;

import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * {@link ResumptionBenchmark}'s and {@link HandshakeBenchmark}'s handshakes measured by this thread's CPU time and allocation,
 * with the providers interleaved in chunks of 100 handshakes: on a shared, loaded machine the
 * wall-clock scores of JMH swing by several times, while the ratio of CPU time per handshake
 * measured under the same conditions stays usable. Not JMH: no forks, no blackholes; for ratios.
 *
 * <p>Modes: {@code TLS12_SESSION_ID}, {@code TLS12_TICKET}, {@code TLS13_PSK} (resumed
 * handshakes, ECDSA P-256 certificate) and {@code FULL13_EC}, {@code FULL13_RSA}, {@code FULL12_EC},
 * {@code FULL12_RSA} (full handshakes, ECDSA P-256 or RSA-2048; TLS 1.2 with ECDHE and
 * AES-128-GCM, as in {@link HandshakeBenchmark}).
 *
 * <p>Run it with {@code -XX:+AlwaysPreTouch}: without it, the first pass of the allocations through
 * the young generation takes a page fault for every fresh 4 KiB page, and those faults, charged to
 * this thread's CPU time, fall on whichever modes run first and weigh on a provider in
 * proportion to what it allocates (they doubled SunJSSE's CPU time per TLS 1.2 session-id
 * resumption, the first mode measured, and inflated that ratio from 1.3 to 1.6). A server that
 * has run for a while has touched its heap.
 *
 * <p>{@code java -XX:+AlwaysPreTouch -Xms1g -Xmx1g -Djdk.tls.namedGroups=x25519,secp256r1 -cp benchmarks/target/benchmarks.jar
 * dev.bastion.tls.bench.HandshakeCpuTime [modes] [warm-up handshakes] [rounds] [providers]}
 */
public final class HandshakeCpuTime {
    private static final int CHUNK = 100;

    private HandshakeCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        String[] modes = args.length > 0 ? args[0].split(",") : new String[] {"TLS12_SESSION_ID", "TLS12_TICKET", "TLS13_PSK"};
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 1500;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String[] providers = args.length > 3 ? args[3].split(",") : new String[] {"SunJSSE", "Bastion"};
        Bastion.install();
        KeyStore ec = TestCredentials.selfSigned("EC");
        KeyStore rsa = null;
        // Every mode is warmed up before any is measured, so that all see the same compiled code:
        // measured right after its own warm-up, the first mode of a run came out up to a tenth
        // apart from the same mode measured later in it.
        SSLContext[][][] contexts = new SSLContext[modes.length][][];
        for (int m = 0; m < modes.length; m++) {
            String mode = modes[m];
            boolean full = mode.startsWith("FULL");
            boolean rsaKey = mode.endsWith("_RSA");
            if (rsaKey && rsa == null) {
                rsa = TestCredentials.selfSigned("RSA");
            }
            KeyStore ks = rsaKey ? rsa : ec;
            boolean tickets = !mode.equals("TLS12_SESSION_ID");
            SSLContext[][] ctx = new SSLContext[providers.length][2];
            for (int p = 0; p < providers.length; p++) {
                ctx[p][0] = full ? TestCredentials.context(providers[p], ks) : Contexts.withTickets(providers[p], ks, tickets);
                ctx[p][1] = full ? ctx[p][0] : Contexts.withTickets(providers[p], ks, tickets);
                run(ctx[p], protocol(mode), suite(mode), full, warmup);
                check(providers[p], mode, ctx[p], protocol(mode), suite(mode), full);
            }
            contexts[m] = ctx;
        }
        for (int m = 0; m < modes.length; m++) {
            String mode = modes[m];
            boolean full = mode.startsWith("FULL");
            SSLContext[][] ctx = contexts[m];
            System.out.println(CpuTurns.measure(mode, 17, providers, rounds, CHUNK,
                    (p, n) -> run(ctx[p], protocol(mode), suite(mode), full, n)));
        }
    }

    private static String protocol(String mode) {
        return mode.startsWith("TLS13") || mode.startsWith("FULL13") ? "TLSv1.3" : "TLSv1.2";
    }

    /** The TLS 1.2 full handshakes' suite; null (the defaults) for the others. */
    private static String suite(String mode) {
        return !mode.startsWith("FULL12") ? null
                : mode.endsWith("_RSA") ? "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256" : "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
    }

    private static void run(SSLContext[] ctx, String protocol, String suite, boolean full, int n) throws Exception {
        for (int i = 0; i < n; i++) {
            handshake(ctx, protocol, suite, full);
        }
    }

    private static SSLSession handshake(SSLContext[] ctx, String protocol, String suite, boolean full) throws Exception {
        EnginePair pair = full ? EnginePair.reusingBuffers(ctx[0], protocol, suite).handshake()
                : EnginePair.reusingBuffers(ctx[0], ctx[1], protocol, "localhost").handshake();
        return pair.client.getSession();
    }

    /** Throws unless the mode's handshakes are what it says: resumed ones keep the first session. */
    private static void check(String provider, String mode, SSLContext[] ctx, String protocol, String suite, boolean full)
            throws Exception {
        SSLSession a = handshake(ctx, protocol, suite, full);
        SSLSession b = handshake(ctx, protocol, suite, full);
        boolean resumed = a.getCreationTime() == b.getCreationTime();
        boolean fresh = !java.util.Arrays.equals(a.getId(), b.getId());
        if (!a.getProtocol().equals(protocol) || (full ? !fresh : !resumed)) {
            throw new IllegalStateException(provider + " " + mode + ": not the handshakes the mode names");
        }
    }
}
