package dev.bastion.tls.record;

import java.nio.ByteBuffer;

/**
 * The protection state of one direction of a connection: it turns content into a whole record
 * on the wire ({@link #seal}) and a whole received record back into content ({@link #open}).
 *
 * <p>An instance serves one direction and is driven by one thread. The AEAD instances hold
 * their own 64-bit sequence number, start at zero and refuse to wrap it. They allocate nothing
 * per record once warm; {@link #close()} wipes their key and IV.
 *
 * <p>Buffers: heap or direct. {@code seal} writes the record at {@code dst.position()};
 * {@code open} reads the record at {@code src.position()}. The caller checks room first with
 * {@link #sealedSize} and {@link #maxPlaintext} (an {@code SSLEngine} reports
 * {@code BUFFER_OVERFLOW} from these answers without touching anything); too little room is a
 * programming error and throws {@link IllegalArgumentException}. Problems with what the peer
 * sent throw {@link dev.bastion.tls.codec.TlsAlert}.
 */
public sealed interface Protection extends AutoCloseable
        permits NullProtection, Tls13Protection, Tls12AeadProtection {

    /** Bytes on the wire, header included, for one record carrying {@code contentLength} bytes. */
    int sealedSize(int contentLength);

    /**
     * An upper bound on the bytes {@link #open} writes to {@code dst} for a record of
     * {@code recordLength} bytes on the wire (header included): the room to have before opening.
     */
    int maxPlaintext(int recordLength);

    /**
     * The largest {@code length} field accepted in a received record with this outer type; a
     * longer one is {@code record_overflow} (RFC 8446 §5.1, §5.2; RFC 5246 §6.2).
     */
    int maxFragmentLength(ContentType outerType);

    /**
     * Whether a received record of this outer type may carry this {@code legacy_record_version};
     * see {@link RecordHeader}.
     */
    boolean acceptsRecordVersion(ContentType outerType, int version);

    /**
     * Writes one record (header, protected fragment, tag) holding all of {@code src.remaining()}
     * (at most 2^14) bytes of {@code type} at {@code dst.position()}. Advances {@code src} to its
     * limit and {@code dst} by {@link #sealedSize}{@code (src.remaining())}.
     *
     * @throws IllegalArgumentException if the content is too long, {@code dst} lacks room, or the
     *     type cannot be sent in this state
     */
    void seal(ContentType type, ByteBuffer src, ByteBuffer dst);

    /**
     * Opens the whole record at {@code src.position()} (header included), writes its content to
     * {@code dst} at its position and returns the real content type. On success {@code src} is
     * advanced past the record and {@code dst} by the content length.
     *
     * <p>On failure nothing is consumed: {@code src} and {@code dst} keep their positions, no
     * unauthenticated plaintext is left in {@code dst}, and the sequence number is unchanged (a
     * TLS 1.3 server skipping rejected 0-RTT data relies on this, RFC 8446 §4.2.10).
     *
     * @throws dev.bastion.tls.codec.TlsAlert {@code bad_record_mac}, {@code record_overflow},
     *     {@code unexpected_message} as the RFCs require
     * @throws IllegalArgumentException if {@code src} does not hold a whole record or {@code dst}
     *     has less room than {@link #maxPlaintext}
     */
    ContentType open(ByteBuffer src, ByteBuffer dst);

    /**
     * Where, counted from the first byte of a record, its content starts: 5 (the header), plus
     * 8 for the explicit nonce of TLS 1.2 AES-GCM. {@link #openInPlace} leaves the content
     * there, and {@link #sealInPlace} expects it there.
     */
    int contentOffset();

    /**
     * Opens the whole record at {@code record.position()} in its own storage: the content
     * replaces the ciphertext at {@code record.position() + contentOffset()}. Afterwards
     * {@code record} is advanced past the record and {@code view}'s position and limit
     * delimit the content. For an {@code SSLEngine} whose application buffer is smaller than
     * {@link #maxPlaintext} (a full TLS 1.3 record needs 2^14 + 1 bytes, one more than
     * {@code getApplicationBufferSize()} promises): open in place, then copy or scatter.
     *
     * @param record a writable buffer holding a whole record at its position
     * @param view another {@code ByteBuffer} object over the same storage (a
     *     {@code duplicate()}), reused from call to call; its position and limit are overwritten
     * @throws dev.bastion.tls.codec.TlsAlert as {@link #open}; after a failure the record's
     *     bytes may have been overwritten
     */
    default ContentType openInPlace(ByteBuffer record, ByteBuffer view) {
        int start = record.position();
        int end = start + RecordLimits.HEADER_LENGTH + Records.wholeRecordLength(record);
        int at = start + contentOffset();
        view.limit(end).position(Math.min(at, end));
        ContentType type = open(record, view);
        view.limit(view.position()).position(at);
        return type;
    }

    /**
     * Seals a record whose {@code contentLength} bytes of content the caller has already placed
     * at {@code dst.position() + contentOffset()}, for example gathered from several source
     * buffers; writes header, protection and tag around them. Advances {@code dst} like
     * {@link #seal}.
     *
     * @param view another {@code ByteBuffer} object over {@code dst}'s storage (a
     *     {@code duplicate()}), reused from call to call
     */
    default void sealInPlace(ContentType type, int contentLength, ByteBuffer dst, ByteBuffer view) {
        Records.requireRoom(dst, sealedSize(contentLength), "staged record");
        int at = dst.position() + contentOffset();
        view.limit(at + contentLength).position(at);
        seal(type, view, dst);
    }

    /** Wipes key material; later use fails. Idempotent. */
    @Override
    void close();
}
