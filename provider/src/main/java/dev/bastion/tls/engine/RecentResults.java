package dev.bastion.tls.engine;

import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * The {@link SSLEngineResult}s a thread returned last, handed out again when a call ends with
 * the same four values: a stream of equal-sized records (a bulk transfer) then allocates no
 * result per {@code wrap} and {@code unwrap}. A result is immutable and has no identity that
 * the JSSE API gives a meaning to. Kept per thread rather than per engine so that an idle
 * connection holds none.
 */
final class RecentResults {
    private static final ThreadLocal<RecentResults> RECENT = ThreadLocal.withInitial(RecentResults::new);

    /** A client's wrap and an unwrap of the peer's records, on each of two engines: four. */
    private final SSLEngineResult[] results = new SSLEngineResult[4];
    /** Where the next new result goes (round robin). */
    private int next;

    private RecentResults() {
    }

    static SSLEngineResult of(Status status, HandshakeStatus hs, int consumed, int produced) {
        RecentResults recent = RECENT.get();
        for (SSLEngineResult r : recent.results) {
            if (r != null && r.bytesConsumed() == consumed && r.bytesProduced() == produced && r.getStatus() == status
                    && r.getHandshakeStatus() == hs) {
                return r;
            }
        }
        SSLEngineResult r = new SSLEngineResult(status, hs, consumed, produced);
        recent.results[recent.next] = r;
        recent.next = (recent.next + 1) % recent.results.length;
        return r;
    }
}
