package dev.bastion.tls.connection;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.record.ContentType;
import dev.bastion.tls.record.RecordHeader;
import dev.bastion.tls.record.RecordReader;
import java.nio.ByteBuffer;

/**
 * A TLS 1.3 server's way past early data it does not accept (RFC 8446 §4.2.10): once started,
 * a protected record that fails to open with the client's handshake keys is dropped instead of
 * failing the connection, and so is an application_data record that arrives before any keys
 * (after a HelloRetryRequest: "skipping all records with an external content type of
 * application_data"), until a handshake record opens or {@link Limits#MAX_SKIPPED_EARLY_DATA}
 * bytes have been dropped. Not thread-safe; the connection's lock guards it.
 *
 * <p>Only application_data records are ever dropped, and only while a skip is running: without
 * an early_data offer, or once the budget is spent, such a record fails as it would anyway
 * ({@code bad_record_mac} under keys, {@code unexpected_message} before any).
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
        return failure.alert() == AlertDescription.BAD_RECORD_MAC && consume(header, src);
    }

    /**
     * Whether the whole record at {@code src}'s position, about to be read by {@code reader}
     * while it has no keys (after a HelloRetryRequest, before the second ClientHello), is an
     * application_data record of early data to drop; if so it is consumed. Parses the header
     * only while skipping, so records cost nothing extra otherwise.
     */
    boolean dropUnprotected(RecordReader reader, ByteBuffer src) {
        return budget > 0 && reader.missing(src) == 0 && consume(reader.header(), src);
    }

    /** Whether a record that opened as application_data before the handshake completed is early data to drop. */
    boolean dropOpened(ContentType type, int length) {
        if (budget <= 0 || type != ContentType.APPLICATION_DATA || length > budget) {
            return false;
        }
        budget -= length;
        return true;
    }

    /** A record opened: the early data is over. Returns whether it is (nothing more to skip). */
    boolean opened(ContentType type) {
        if (type != ContentType.CHANGE_CIPHER_SPEC) {
            budget = 0;
        }
        return budget == 0;
    }

    private boolean consume(RecordHeader header, ByteBuffer src) {
        if (budget <= 0 || header.type() != ContentType.APPLICATION_DATA || header.fragmentLength() > budget) {
            return false;
        }
        budget -= header.fragmentLength();
        src.position(src.position() + header.recordLength());
        return true;
    }
}
