package dev.bastion.tls.record;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The outbound half of the record layer: splits content into records of at most
 * {@link #maxFragmentLength()} bytes and seals them into a buffer the caller supplies
 * (sans-IO). Starts in {@link NullProtection#INITIAL}. Not thread-safe.
 *
 * <p>{@link #write} fills the destination with as many whole records as fit, the way an
 * {@code SSLEngine.wrap} or a socket's output stream wants; {@link #writeRecord} writes exactly
 * one. Byte counts of the last call are reported like {@code SSLEngineResult}:
 * {@link #bytesConsumed()} and {@link #bytesProduced()}. No record is ever cut to fit the
 * remaining room; a destination too small for the next record gets nothing, which an engine
 * reports as {@code BUFFER_OVERFLOW}.
 */
public final class RecordWriter implements AutoCloseable {
    /** The least content per record a packet limit leaves, however small the limit. */
    static final int MIN_FRAGMENT_UNDER_PACKET_LIMIT = 64;

    private Protection protection = NullProtection.INITIAL;
    /** The content limit set with {@link #setMaxFragmentLength}. */
    private int fragmentLimit = RecordLimits.MAX_PLAINTEXT;
    /** The whole-record limit set with {@link #setMaxPacketSize}; 0: none. */
    private int packetLimit;
    /** What a record carries at most now: both limits under the current protection. */
    private int maxFragmentLength = RecordLimits.MAX_PLAINTEXT;
    private int consumed;
    private int produced;
    private ByteBuffer viewOwner;
    private ByteBuffer view;

    /** The current write protection. */
    public Protection protection() {
        return protection;
    }

    /** Installs the protection for the records that follow, closing the current one. */
    public void setProtection(Protection next) {
        Objects.requireNonNull(next, "protection");
        if (next != protection) {
            protection.close();
            protection = next;
            maxFragmentLength = effectiveFragmentLength();
        }
    }

    /** The most content a record carries now (both limits, under the current protection). */
    public int maxFragmentLength() {
        return maxFragmentLength;
    }

    /**
     * Sets the largest content per record, 1..2^14: the peer's max_fragment_length (RFC 6066
     * §4) or record_size_limit (RFC 8449), or a local choice. Default 2^14.
     */
    public void setMaxFragmentLength(int length) {
        if (length < 1 || length > RecordLimits.MAX_PLAINTEXT) {
            throw new IllegalArgumentException("max fragment length must be 1.." + RecordLimits.MAX_PLAINTEXT + ", got " + length);
        }
        fragmentLimit = length;
        maxFragmentLength = effectiveFragmentLength();
    }

    /** Lowers the content limit to {@code length} (a negotiated maximum); never raises it. */
    public void lowerMaxFragmentLength(int length) {
        if (length < fragmentLimit) {
            setMaxFragmentLength(length);
        }
    }

    /**
     * Keeps every record, header included, within {@code packetSize} bytes
     * ({@code SSLParameters.setMaximumPacketSize}; 0: no limit), whatever the protection adds
     * (5 + 1 + 16 bytes in TLS 1.3, 5 + 8 + 16 for TLS 1.2 AES-GCM), but leaves a record at
     * least {@value #MIN_FRAGMENT_UNDER_PACKET_LIMIT} bytes of content.
     */
    public void setMaxPacketSize(int packetSize) {
        if (packetSize < 0) {
            throw new IllegalArgumentException("max packet size must not be negative, got " + packetSize);
        }
        packetLimit = packetSize;
        maxFragmentLength = effectiveFragmentLength();
    }

    private int effectiveFragmentLength() {
        if (packetLimit == 0) {
            return fragmentLimit;
        }
        int overhead = protection.sealedSize(0);
        return Math.min(fragmentLimit, Math.max(MIN_FRAGMENT_UNDER_PACKET_LIMIT, packetLimit - overhead));
    }

    /** The largest record {@link #writeRecord} can produce now, header included. */
    public int maxRecordSize() {
        return protection.sealedSize(maxFragmentLength);
    }

    /**
     * Wire bytes needed to send {@code contentLength} bytes as full-size records, headers
     * included (saturating at {@code Integer.MAX_VALUE}); one empty record for 0.
     */
    public int sealedSize(int contentLength) {
        if (contentLength == 0) {
            return protection.sealedSize(0);
        }
        long full = contentLength / maxFragmentLength;
        int rest = contentLength % maxFragmentLength;
        long total = full * protection.sealedSize(maxFragmentLength) + (rest == 0 ? 0 : protection.sealedSize(rest));
        return (int) Math.min(total, Integer.MAX_VALUE);
    }

    /**
     * Seals one record with the next {@code min(src.remaining(), maxFragmentLength)} bytes of
     * {@code src} (an empty record if {@code src} is empty, legal only for application_data).
     *
     * @return false, touching nothing, if {@code dst} lacks room for that record
     */
    public boolean writeRecord(ContentType type, ByteBuffer src, ByteBuffer dst) {
        consumed = 0;
        produced = 0;
        int n = Math.min(src.remaining(), maxFragmentLength);
        requireSendable(type, n);
        if (dst.remaining() < protection.sealedSize(n)) {
            return false;
        }
        sealOne(type, src, dst, n);
        return true;
    }

    /**
     * Seals all of {@code src} as records of up to {@link #maxFragmentLength()} bytes, as many
     * whole records as fit in {@code dst}; an empty {@code src} produces nothing.
     *
     * @return the number of records written
     */
    public int write(ContentType type, ByteBuffer src, ByteBuffer dst) {
        int records = 0;
        int totalIn = 0;
        int totalOut = 0;
        while (src.hasRemaining()) {
            int n = Math.min(src.remaining(), maxFragmentLength);
            if (dst.remaining() < protection.sealedSize(n)) {
                break;
            }
            sealOne(type, src, dst, n);
            totalIn += consumed;
            totalOut += produced;
            records++;
        }
        consumed = totalIn;
        produced = totalOut;
        return records;
    }

    /**
     * Where content goes, counted from {@code dst.position()}, for {@link #writeStaged}: 5, or
     * 13 for TLS 1.2 AES-GCM.
     */
    public int contentOffset() {
        return protection.contentOffset();
    }

    /**
     * Seals one record of {@code contentLength} (at most {@link #maxFragmentLength()}) bytes
     * that the caller has already placed at {@code dst.position() + contentOffset()}, for
     * example gathered from several source buffers. Check room first with
     * {@code protection().sealedSize(contentLength)}.
     */
    public void writeStaged(ContentType type, int contentLength, ByteBuffer dst) {
        if (contentLength < 0 || contentLength > maxFragmentLength) {
            throw new IllegalArgumentException("staged content of " + contentLength + " bytes; the limit is " + maxFragmentLength);
        }
        requireSendable(type, contentLength);
        if (dst != viewOwner) {
            viewOwner = dst;
            view = dst.duplicate();
        }
        int start = dst.position();
        protection.sealInPlace(type, contentLength, dst, view);
        consumed = contentLength;
        produced = dst.position() - start;
    }

    /** Content bytes taken by the last {@code write}/{@code writeRecord}/{@code writeStaged}. */
    public int bytesConsumed() {
        return consumed;
    }

    /** Record bytes put into the destination by the last {@code write}/{@code writeRecord}/{@code writeStaged}. */
    public int bytesProduced() {
        return produced;
    }

    /** Wipes the current write keys. */
    @Override
    public void close() {
        protection.close();
        viewOwner = null;
        view = null;
    }

    private static void requireSendable(ContentType type, int length) {
        if (length == 0 && type != ContentType.APPLICATION_DATA) {
            throw new IllegalArgumentException("zero-length " + type.rfcName()
                    + " records must not be sent (RFC 8446 §5.1, RFC 5246 §6.2.1)");
        }
    }

    private void sealOne(ContentType type, ByteBuffer src, ByteBuffer dst, int n) {
        int limit = src.limit();
        int dstStart = dst.position();
        src.limit(src.position() + n);
        try {
            protection.seal(type, src, dst);
        } finally {
            src.limit(limit);
        }
        consumed = n;
        produced = dst.position() - dstStart;
    }
}
