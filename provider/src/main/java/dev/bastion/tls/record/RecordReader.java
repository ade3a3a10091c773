package dev.bastion.tls.record;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The inbound half of the record layer: frames and opens one record at a time from a buffer
 * the caller fills (sans-IO). An {@code SSLEngine.unwrap} maps onto it directly:
 *
 * <pre>{@code
 * int missing = reader.missing(net);           // throws TlsAlert for a bad header
 * if (missing > 0) -> BUFFER_UNDERFLOW
 * if (app.remaining() < reader.plaintextRoom()) -> BUFFER_OVERFLOW
 * ContentType type = reader.read(net, app);    // consumes exactly one record
 * }</pre>
 *
 * <p>Starts in {@link NullProtection#INITIAL}. {@link #setProtection} installs the next read
 * state and wipes the previous one. Not thread-safe.
 */
public final class RecordReader implements AutoCloseable {
    private final RecordHeader header = new RecordHeader();
    private Protection protection = NullProtection.INITIAL;
    private ByteBuffer viewOwner;
    private ByteBuffer view;

    /** The current read protection. */
    public Protection protection() {
        return protection;
    }

    /**
     * Installs the protection for the records that follow, closing the current one. The first
     * TLS 1.3 read key after the plaintext records also takes the peer's alert in the clear
     * until the peer's first protected record
     * ({@link Tls13Protection#acceptPlaintextAlertsUntilFirstRecord}).
     */
    public void setProtection(Protection next) {
        Objects.requireNonNull(next, "protection");
        if (next != protection) {
            if (protection instanceof NullProtection && next instanceof Tls13Protection) {
                ((Tls13Protection) next).acceptPlaintextAlertsUntilFirstRecord();
            }
            protection.close();
            protection = next;
        }
    }

    /**
     * How many more bytes {@code src} needs before it holds a whole record at its position:
     * 0 when one is there. Consumes nothing. Validates the header as soon as 5 bytes are
     * present (see {@link RecordHeader}); {@link #header()} then describes it.
     *
     * @throws dev.bastion.tls.codec.TlsAlert for a header the current protection refuses
     */
    public int missing(ByteBuffer src) {
        return header.parse(src, protection);
    }

    /** The header of the record last examined by {@link #missing} or {@link #read}. */
    public RecordHeader header() {
        return header;
    }

    /** Room {@code dst} needs before {@link #read} of the record last examined by {@link #missing}. */
    public int plaintextRoom() {
        return protection.maxPlaintext(header.recordLength());
    }

    /**
     * Opens the whole record at {@code src.position()} into {@code dst} and returns its real
     * content type; the content is what {@code dst} advanced by. See {@link Protection#open}.
     *
     * @throws IllegalArgumentException if {@code src} does not hold a whole record
     */
    public ContentType read(ByteBuffer src, ByteBuffer dst) {
        int missing = header.parse(src, protection);
        if (missing > 0) {
            throw new IllegalArgumentException("incomplete record: " + missing + " more byte(s) needed");
        }
        return protection.open(src, dst);
    }

    /**
     * Opens the whole record at {@code src.position()} inside {@code src}'s own storage (see
     * {@link Protection#openInPlace}) and returns its real content type; {@link #content()}
     * then views the content. {@code src} must be writable. The view object is kept and reused
     * while the caller passes the same {@code src} object, so this allocates nothing when warm.
     *
     * @throws IllegalArgumentException if {@code src} does not hold a whole record
     */
    public ContentType readInPlace(ByteBuffer src) {
        int missing = header.parse(src, protection);
        if (missing > 0) {
            throw new IllegalArgumentException("incomplete record: " + missing + " more byte(s) needed");
        }
        if (src != viewOwner) {
            viewOwner = src;
            view = src.duplicate();
        }
        return protection.openInPlace(src, view);
    }

    /**
     * The content of the record last opened by {@link #readInPlace}: a view whose position and
     * limit delimit it, valid until the next call or until the caller reuses that storage.
     */
    public ByteBuffer content() {
        if (view == null) {
            throw new IllegalStateException("no record has been opened in place");
        }
        return view;
    }

    /** Wipes the current read keys. */
    @Override
    public void close() {
        protection.close();
        viewOwner = null;
        view = null;
    }
}
