package dev.bastion.tls.connection;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.connection.config.KeyLimits;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.record.Protection;
import dev.bastion.tls.record.Tls13Protection;

/**
 * Counts what each TLS 1.3 traffic key has protected and asks for a KeyUpdate in time
 * (RFC 8446 §5.5, §4.6.3):
 *
 * <ul>
 * <li>Write key: when {@link Tls13Protection#keyUpdateDue()} (the record-count threshold of
 *     {@code RecordLimits}) or the bytes written reach the {@code jdk.tls.keyLimits} limit, the
 *     handshaker must send a KeyUpdate; if it cannot, the connection fails with
 *     {@code internal_error} rather than go past a confidentiality bound.</li>
 * <li>Read key: when the bytes read reach the limit, the peer is asked once per key
 *     ({@code update_requested}), as SunJSSE does; if the handshaker cannot, nothing happens.</li>
 * </ul>
 */
final class KeyUsage {
    private final KeyLimits limits;
    private Protection writeKey;
    private long writeLimit;
    private long written;
    private Protection readKey;
    private long readLimit;
    private long read;
    private boolean readUpdateRequested;

    KeyUsage(KeyLimits limits) {
        this.limits = limits;
    }

    /** {@code n} application bytes were just sealed with {@code p}. */
    void written(int n, Protection p, HandshakerFactory factory, Handshaker handshaker, HandshakeIo io) {
        if (!(p instanceof Tls13Protection)) {
            return;
        }
        Tls13Protection t = (Tls13Protection) p;
        if (p != writeKey) {
            writeKey = p;
            writeLimit = limits.limit(t.algorithm()).orElse(Long.MAX_VALUE);
            written = 0;
        }
        written += n;
        if (t.keyUpdateDue() || written >= writeLimit) {
            writeKey = null;
            update(factory, handshaker, io, false, true);
        }
    }

    /** {@code n} application bytes were just opened with {@code p}. */
    void read(int n, Protection p, HandshakerFactory factory, Handshaker handshaker, HandshakeIo io) {
        if (!(p instanceof Tls13Protection)) {
            return;
        }
        if (p != readKey) {
            readKey = p;
            readLimit = limits.limit(((Tls13Protection) p).algorithm()).orElse(Long.MAX_VALUE);
            read = 0;
            readUpdateRequested = false;
        }
        read += n;
        if (!readUpdateRequested && read >= readLimit) {
            readUpdateRequested = true;
            update(factory, handshaker, io, true, false);
        }
    }

    /** Asks the handshaker for a KeyUpdate; a {@code mandatory} one it cannot send fails the connection. */
    void update(HandshakerFactory factory, Handshaker handshaker, HandshakeIo io, boolean requestPeer, boolean mandatory) {
        if (!factory.updateKeys(handshaker, io, requestPeer) && mandatory) {
            throw TlsAlert.internalError("the write key reached its usage limit (RFC 8446 §5.5, jdk.tls.keyLimits)"
                    + " but this handshaker cannot send a KeyUpdate", null);
        }
    }
}
