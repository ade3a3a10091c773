package dev.bastion.tls.record;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Per-thread working space for protecting one record: nonce, additional data, the TLS 1.3
 * type-and-padding suffix and a reusable view of the caller's buffer. None of it outlives
 * the record being sealed or opened, so an idle connection need not own any of it; a
 * thread reuses one instance for every connection it serves, and allocates nothing per record.
 *
 * <p>The nonce (derived from the write or read IV) is wiped after every record by
 * {@link #wipeNonce()}. Holds only JDK types, so a thread pool that outlives the provider's
 * class loader keeps no Bastion class alive.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    final byte[] nonce = new byte[12];
    /** Room for the TLS 1.2 additional data (13 bytes); TLS 1.3 uses the first 5. */
    final byte[] aad = new byte[13];
    private byte[] suffix = new byte[1];
    private ByteBuffer viewOwner;
    private ByteBuffer view;

    private Scratch() {
    }

    static Scratch get() {
        return LOCAL.get();
    }

    /** A reused array of at least {@code length} bytes, zero from index 1 on. */
    byte[] suffix(int length) {
        if (suffix.length < length) {
            suffix = new byte[length];
        }
        return suffix;
    }

    /** A reused duplicate of {@code dst} (same storage, own position and limit). */
    ByteBuffer viewOf(ByteBuffer dst) {
        if (dst != viewOwner) {
            viewOwner = dst;
            view = dst.duplicate();
        }
        return view;
    }

    void wipeNonce() {
        Arrays.fill(nonce, (byte) 0);
    }
}
