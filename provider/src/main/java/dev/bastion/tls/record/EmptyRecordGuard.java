package dev.bastion.tls.record;

import dev.bastion.tls.codec.TlsAlert;

/**
 * Bounds records that carry nothing the connection can act on, so a peer cannot keep it busy
 * for free: empty application_data records (legal, RFC 5246 §6.2.1, RFC 8446 §5.4) and
 * TLS 1.3 compatibility change_cipher_spec records that are dropped (RFC 8446 §5). More than
 * {@link RecordLimits#MAX_CONSECUTIVE_EMPTY_RECORDS} in a row is {@code unexpected_message}
 * (OpenSSL and BoringSSL use the same bound of 32).
 *
 * <p>Whether a CCS is allowed at all at a given point (RFC 8446 §5: only between the first
 * ClientHello and the peer's Finished) is the handshake's decision, not this class's.
 */
public final class EmptyRecordGuard {
    private final int limit;
    private int run;

    public EmptyRecordGuard() {
        this(RecordLimits.MAX_CONSECUTIVE_EMPTY_RECORDS);
    }

    public EmptyRecordGuard(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative");
        }
        this.limit = limit;
    }

    /** Call for every opened record with its content length; an empty one counts, any other resets. */
    public void onRecord(ContentType type, int contentLength) {
        if (contentLength > 0) {
            run = 0;
        } else {
            count("empty " + type.rfcName());
        }
    }

    /** Call for every record that is dropped unprocessed (a TLS 1.3 compatibility CCS). */
    public void onDroppedRecord(ContentType type) {
        count("dropped " + type.rfcName());
    }

    /** Records without content received in a row so far. */
    public int run() {
        return run;
    }

    private void count(String what) {
        if (++run > limit) {
            throw TlsAlert.unexpectedMessage("too many records without content in a row (" + run + ", last "
                    + what + "); the limit is " + limit);
        }
    }
}
