package dev.bastion.tls.record;

import dev.bastion.tls.codec.TlsAlert;

/**
 * The 64-bit record sequence number of one direction (RFC 8446 §5.3, RFC 5246 §6.1), held as
 * an unsigned {@code long}. It refuses to wrap: once record number 2^64 - 1 has been used,
 * every further use fails with {@code internal_error}, because both RFCs require the
 * connection to rekey (TLS 1.3 KeyUpdate) or to close before that point.
 */
final class SequenceNumber {
    private long next;
    private boolean exhausted;

    /**
     * The number for the record being protected now; call {@link #advance()} once the record
     * has been sealed or authenticated.
     */
    long current() {
        if (exhausted) {
            throw TlsAlert.internalError("record sequence number exhausted after 2^64 records;"
                    + " the connection must rekey or close (RFC 8446 §5.3, RFC 5246 §6.1)", null);
        }
        return next;
    }

    void advance() {
        if (next == -1L) {
            exhausted = true;
        } else {
            next++;
        }
    }

    /** The number the next record will use (unsigned). */
    long value() {
        return next;
    }

    boolean isExhausted() {
        return exhausted;
    }

    /** For tests that need to reach the end of the sequence space. */
    void set(long value) {
        next = value;
        exhausted = false;
    }
}
