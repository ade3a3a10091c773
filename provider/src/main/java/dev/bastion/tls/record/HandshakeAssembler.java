package dev.bastion.tls.record;

import dev.bastion.tls.codec.TlsAlert;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Joins the content of handshake records into whole handshake messages (RFC 8446 §5.1,
 * RFC 5246 §6.2.1): a message may span many records, and one record may hold several
 * messages.
 *
 * <ul>
 * <li>A zero-length handshake record is {@code unexpected_message}: "Implementations MUST NOT
 *     send zero-length fragments of Handshake types, even if those fragments contain padding"
 *     (RFC 8446 §5.1; RFC 5246 §6.2.1 likewise).</li>
 * <li>A message header announcing more than the configured maximum body
 *     ({@code jdk.tls.maxHandshakeMessageSize}, default 32768) is {@code illegal_parameter},
 *     the alert OpenSSL, BoringSSL and LibreSSL send for an excessive message size (SunJSSE
 *     sends unexpected_message). It is checked as soon as the 4-byte header is in, so the
 *     assembler never buffers more than one record beyond one maximum-size message.</li>
 * <li>{@link #requireEmpty} is the connection's check that nothing is buffered where a record
 *     boundary is required: before a key change, "Handshake messages MUST NOT span key changes"
 *     (RFC 8446 §5.1), and when a record of another type arrives, since handshake messages
 *     "MUST NOT be interleaved with other record types" (RFC 8446 §5.1, RFC 5246 §6.2.1).
 *     Both are {@code unexpected_message}.</li>
 * </ul>
 *
 * <p>Handshake messages are not a hot path: each message is returned as its own copy.
 */
public final class HandshakeAssembler {
    private static final int INITIAL_CAPACITY = 512;
    private static final byte[] EMPTY = new byte[0];

    private final int maxMessageSize;
    private byte[] buf = EMPTY;
    private int start;
    private int end;

    /** With the default limit of {@value RecordLimits#DEFAULT_MAX_HANDSHAKE_MESSAGE_SIZE} body bytes. */
    public HandshakeAssembler() {
        this(RecordLimits.DEFAULT_MAX_HANDSHAKE_MESSAGE_SIZE);
    }

    /** @param maxMessageSize largest accepted handshake body, 1..2^24-1 */
    public HandshakeAssembler(int maxMessageSize) {
        if (maxMessageSize < 1 || maxMessageSize > 0xFFFFFF) {
            throw new IllegalArgumentException("max handshake message size must be 1..2^24-1, got " + maxMessageSize);
        }
        this.maxMessageSize = maxMessageSize;
    }

    public int maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Takes all remaining bytes of {@code fragment}, the content of one handshake record.
     *
     * @throws TlsAlert {@code unexpected_message} for an empty fragment, {@code illegal_parameter}
     *     for a message over the limit
     */
    public void add(ByteBuffer fragment) {
        int n = fragment.remaining();
        if (n == 0) {
            throw TlsAlert.unexpectedMessage("zero-length handshake record (RFC 8446 §5.1, RFC 5246 §6.2.1)");
        }
        makeRoom(n);
        fragment.get(buf, end, n);
        end += n;
        checkHeaders();
    }

    /** True if at least one whole message is buffered. */
    public boolean hasMessage() {
        return end - start >= RawHandshakeMessage.HEADER_LENGTH
                && end - start >= RawHandshakeMessage.HEADER_LENGTH + bodyLengthAt(start);
    }

    /** The next whole message, removed from the buffer; empty if none is complete yet. */
    public Optional<RawHandshakeMessage> next() {
        if (!hasMessage()) {
            return Optional.empty();
        }
        int length = RawHandshakeMessage.HEADER_LENGTH + bodyLengthAt(start);
        byte[] encoding = Arrays.copyOfRange(buf, start, start + length);
        Arrays.fill(buf, start, start + length, (byte) 0);
        start += length;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return Optional.of(new RawHandshakeMessage(encoding[0] & 0xFF, encoding));
    }

    /** True if no byte is buffered: the last record ended exactly at a message boundary. */
    public boolean isEmpty() {
        return start == end;
    }

    /** Bytes buffered: whole messages not yet taken plus any partial message. */
    public int buffered() {
        return end - start;
    }

    /**
     * Fails with {@code unexpected_message} unless nothing is buffered. Call before installing
     * new read keys and when a non-handshake record arrives.
     *
     * @param event what requires the boundary, for the message ("key change after ServerHello")
     */
    public void requireEmpty(String event) {
        if (!isEmpty()) {
            throw TlsAlert.unexpectedMessage(buffered() + " byte(s) of handshake data are pending at " + event
                    + "; handshake messages must end on a record boundary there (RFC 8446 §5.1)");
        }
    }

    /** Drops and wipes everything buffered. */
    /**
     * Gives the buffer back when nothing is pending (after the handshake: post-handshake
     * messages are rare and small, so an idle connection need not keep room for a
     * certificate chain); does nothing while a message is incomplete.
     */
    public void trim() {
        if (start == end) {
            Arrays.fill(buf, (byte) 0);
            buf = EMPTY;
            start = 0;
            end = 0;
        }
    }

    public void clear() {
        Arrays.fill(buf, (byte) 0);
        start = 0;
        end = 0;
    }

    private int bodyLengthAt(int p) {
        return ((buf[p + 1] & 0xFF) << 16) | ((buf[p + 2] & 0xFF) << 8) | (buf[p + 3] & 0xFF);
    }

    private void checkHeaders() {
        int p = start;
        while (end - p >= RawHandshakeMessage.HEADER_LENGTH) {
            int body = bodyLengthAt(p);
            if (body > maxMessageSize) {
                throw TlsAlert.illegalParameter(String.format("handshake message type %d announces %d bytes,"
                        + " over the limit of %d (jdk.tls.maxHandshakeMessageSize)", buf[p] & 0xFF, body, maxMessageSize));
            }
            if (end - p < RawHandshakeMessage.HEADER_LENGTH + body) {
                return;
            }
            p += RawHandshakeMessage.HEADER_LENGTH + body;
        }
    }

    private void makeRoom(int n) {
        if (buf.length - end >= n) {
            return;
        }
        int live = end - start;
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, live);
            Arrays.fill(buf, live, end, (byte) 0);
            start = 0;
            end = live;
        }
        if (buf.length - end < n) {
            int capacity = Math.max(Math.max(INITIAL_CAPACITY, buf.length * 2), live + n);
            byte[] bigger = Arrays.copyOf(buf, capacity);
            Arrays.fill(buf, (byte) 0);
            buf = bigger;
        }
    }
}
