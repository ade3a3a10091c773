package dev.bastion.tls.connection;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.RecordHeader;
import java.nio.ByteBuffer;

/**
 * A TLS 1.3 server's way past early data it does not accept (RFC 8446 §4.2.10): once started,
 * a protected record that fails to open with the client's handshake keys is dropped instead of
 * failing the connection, and so is an application_data record that arrives before any keys
 * (after a HelloRetryRequest: "skipping all records with an external content type of
 * application_data"), until a handshake record opens or {@link Limits#MAX_SKIPPED_EARLY_DATA}
 * bytes have been dropped. Not thread-safe; the connection's lock guards it.
 */
final class EarlyDataSkip {
    private int budget;

    /** Skipping starts (the client offered early_data and the server ignores it). */
    void start() {
        budget = Limits.MAX_SKIPPED_EARLY_DATA;
    }

    /**
     * Whether the record at {@code src}'s position, which failed with {@code failure}, is early
     * data to drop; if so it is consumed.
     */
    boolean drop(TlsAlert failure, RecordHeader header, ByteBuffer src) {
        if (budget <= 0 || failure.alert() != AlertDescription.BAD_RECORD_MAC
                || header.type() != ContentType.APPLICATION_DATA || header.fragmentLength() > budget) {
            return false;
        }
        budget -= header.fragmentLength();
        src.position(src.position() + header.recordLength());
        return true;
    }

    /** Whether a record that opened as application_data before the handshake completed is early data to drop. */
    boolean dropOpened(ContentType type, int length) {
        if (budget <= 0 || type != ContentType.APPLICATION_DATA || length > budget) {
            return false;
        }
        budget -= length;
        return true;
    }

    /** A record opened: the early data is over. */
    void opened(ContentType type) {
        if (type != ContentType.CHANGE_CIPHER_SPEC) {
            budget = 0;
        }
    }
}
