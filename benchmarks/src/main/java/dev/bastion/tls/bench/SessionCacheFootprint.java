package dev.bastion.tls.bench;

import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * Heap retained per cached server-side TLS 1.2 session without client authentication (issue 6:
 * at most 256 bytes). Not JMH: it measures retained size, not time.
 *
 * <ol>
 * <li>Real handshakes, per provider: {@code handshakes} full TLS 1.2 handshakes (ECDHE-ECDSA,
 *     tickets off so the server caches each session under its id), each from a client of its
 *     own so nothing resumes; the used heap after full GCs against the heap before, per cached
 *     session.</li>
 * <li>Bastion's cache filled directly with {@code sessions} sessions shaped exactly like the ones
 *     its handshakes store (the suite, extended master secret, 48-byte master secret, 32-byte id,
 *     the server's chain of a real handshake, signature schemes, a peer named by an IPv4 address and a port, as
 *     a server socket's sessions are), since 100,000 real handshakes take minutes.</li>
 * </ol>
 * {@code java -cp benchmarks/target/benchmarks.jar dev.bastion.tls.bench.SessionCacheFootprint [sessions] [handshakes]}
 */
public final class SessionCacheFootprint {
    private SessionCacheFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int handshakes = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        Bastion.install();
        KeyStore ks = TestCredentials.selfSigned("EC");
        SSLSession shape = null;
        for (String provider : new String[] {"SunJSSE", "Bastion"}) {
            shape = realHandshakes(provider, ks, handshakes);
        }
        filled(sessions, shape);
    }

    /** Caches {@code n} sessions of real handshakes; returns the last session (of a context no longer used). */
    private static SSLSession realHandshakes(String provider, KeyStore ks, int n) throws Exception {
        SSLContext server = Contexts.withTickets(provider, ks, false);
        server.getServerSessionContext().setSessionCacheSize(0);
        for (int i = 0; i < 50; i++) {
            handshake(provider, ks, server); // warm up
        }
        int cachedBefore = java.util.Collections.list(server.getServerSessionContext().getIds()).size();
        long before = usedAfterGc();
        SSLSession last = null;
        for (int i = 0; i < n; i++) {
            last = handshake(provider, ks, server);
        }
        long after = usedAfterGc();
        int cached = java.util.Collections.list(server.getServerSessionContext().getIds()).size() - cachedBefore;
        System.out.printf("%-8s %,6d bytes per cached TLS 1.2 session (%,d real handshakes, %,d cached)%n",
                provider, (after - before) / Math.max(1, cached), n, cached);
        return last;
    }

    /** One full handshake from a fresh client context, which caches nothing the server keeps. */
    private static SSLSession handshake(String provider, KeyStore ks, SSLContext server) throws Exception {
        SSLContext client = Contexts.withTickets(provider, ks, false);
        EnginePair p = new EnginePair(client, server, "TLSv1.2", "localhost").handshake();
        return p.server.getSession();
    }

    private static void filled(int n, SSLSession shape) throws Exception {
        SessionContext ctx = SessionContext.server();
        ctx.setSessionCacheSize(0);
        List<X509Certificate> chain = List.of((X509Certificate) shape.getLocalCertificates()[0]);
        int suite = dev.bastion.tls.crypto.CipherSuite.fromJsseName(shape.getCipherSuite()).orElseThrow().code();
        SecureRandom random = new SecureRandom();
        // the signature schemes both sides accepted, kept (as a handshake's are) for getSession(id)
        List<String> schemes = java.util.Arrays.stream(dev.bastion.tls.crypto.SignatureScheme.values())
                .map(dev.bastion.tls.crypto.SignatureScheme::rfcName).toList();
        long before = usedAfterGc();
        for (int i = 0; i < n; i++) {
            byte[] id = new byte[32];
            byte[] master = new byte[48];
            random.nextBytes(id);
            random.nextBytes(master);
            // the peer as a server socket names it: the client's address and port
            ctx.cache(new SessionState(SessionState.TLS12, suite, id, master, System.currentTimeMillis(), true, "",
                    List.of(), chain).withSignatureSchemes(schemes, schemes), "198.51.100." + (i & 0xFF), 32768 + (i & 0x7FFF));
        }
        long after = usedAfterGc();
        System.out.printf("Bastion  %,6d bytes per cached TLS 1.2 session (%,d sessions filled directly, %s)%n",
                (after - before) / n, ctx.cachedCount(), shape.getCipherSuite());
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
