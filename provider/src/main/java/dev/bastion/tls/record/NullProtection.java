package dev.bastion.tls.record;

import dev.bastion.tls.codec.TlsAlert;
import java.nio.ByteBuffer;

/**
 * No protection: TLSPlaintext records (RFC 8446 §5.1, RFC 5246 §6.2.1) before the first keys
 * are installed. Immutable and stateless; the constants can be shared by any number of
 * connections.
 *
 * <p>application_data is never carried in plaintext ("Application Data messages are always
 * protected", RFC 8446 §5.1; TLS 1.2's initial TLS_NULL_WITH_NULL_NULL state "MUST NOT be
 * negotiated", RFC 5246 §A.5), so receiving it here is {@code unexpected_message} and sending
 * it is refused. (A server skipping a client's rejected 0-RTT records after a HelloRetryRequest
 * drops them before they get here; see {@link #maxFragmentLength}.)
 */
public final class NullProtection implements Protection {

    /**
     * The state of a new connection: writes {@code legacy_record_version} 0x0301, the value
     * RFC 8446 §5.1 allows (and middleboxes expect) for an initial ClientHello; accepts
     * 0x0300..0x0304 from the peer.
     */
    public static final NullProtection INITIAL = new NullProtection(0x0301, false);

    /**
     * Plaintext after the version is known (TLS 1.2 handshake up to ChangeCipherSpec, a
     * TLS 1.3 ClientHello after HelloRetryRequest, plaintext alerts): writes 0x0303 and
     * accepts only 0x0303.
     */
    public static final NullProtection TLS12 = new NullProtection(Records.TLS12_VERSION, true);

    private final int writeVersion;
    private final boolean strict;

    private NullProtection(int writeVersion, boolean strict) {
        this.writeVersion = writeVersion;
        this.strict = strict;
    }

    /** A plaintext state that writes {@code writeVersion} and accepts 0x0300..0x0304. */
    public static NullProtection lenient(int writeVersion) {
        return new NullProtection(checkVersion(writeVersion), false);
    }

    /** A plaintext state that writes and accepts exactly {@code version}. */
    public static NullProtection strict(int version) {
        return new NullProtection(checkVersion(version), true);
    }

    /** The legacy_record_version this state writes. */
    public int writeVersion() {
        return writeVersion;
    }

    @Override
    public int sealedSize(int contentLength) {
        return RecordLimits.HEADER_LENGTH + contentLength;
    }

    @Override
    public int maxPlaintext(int recordLength) {
        return Math.max(0, recordLength - RecordLimits.HEADER_LENGTH);
    }

    /**
     * 2^14, except for application_data: such a record is never opened here ({@link #open} refuses
     * it), but a TLS 1.3 server that answered an early_data offer with a HelloRetryRequest skips
     * the client's 0-RTT records, TLSCiphertext of up to 2^14+256 bytes, before it has any keys
     * (RFC 8446 §4.2.10, §5.2), so their headers are framed up to that limit.
     */
    @Override
    public int maxFragmentLength(ContentType outerType) {
        return outerType == ContentType.APPLICATION_DATA ? RecordLimits.MAX_TLS13_CIPHERTEXT : RecordLimits.MAX_PLAINTEXT;
    }

    @Override
    public int contentOffset() {
        return RecordLimits.HEADER_LENGTH;
    }

    @Override
    public boolean acceptsRecordVersion(ContentType outerType, int version) {
        return strict ? version == writeVersion : Records.isAnyTlsVersion(version);
    }

    @Override
    public void seal(ContentType type, ByteBuffer src, ByteBuffer dst) {
        if (type == ContentType.APPLICATION_DATA) {
            throw new IllegalArgumentException("application_data must never be sent without protection");
        }
        int n = src.remaining();
        Records.requireContentLength(n);
        Records.requireRoom(dst, sealedSize(n), "plaintext record");
        int start = dst.position();
        Records.putHeader(dst, start, type, writeVersion, n);
        dst.position(start + RecordLimits.HEADER_LENGTH);
        dst.put(src);
    }

    @Override
    public ContentType open(ByteBuffer src, ByteBuffer dst) {
        int length = Records.wholeRecordLength(src);
        int start = src.position();
        ContentType type = ContentType.of(src.get(start) & 0xFF);
        if (type == ContentType.APPLICATION_DATA) {
            throw TlsAlert.unexpectedMessage("application_data record received before any keys were established");
        }
        if (length > RecordLimits.MAX_PLAINTEXT) {
            throw TlsAlert.recordOverflow("TLSPlaintext of " + length + " bytes exceeds 2^14");
        }
        Records.requireRoom(dst, length, "plaintext record");
        int limit = src.limit();
        src.limit(start + RecordLimits.HEADER_LENGTH + length).position(start + RecordLimits.HEADER_LENGTH);
        dst.put(src);
        src.limit(limit);
        return type;
    }

    /** Nothing to wipe. */
    @Override
    public void close() {
        // stateless
    }

    @Override
    public String toString() {
        return String.format("NullProtection(write 0x%04x, %s)", writeVersion, strict ? "strict" : "lenient");
    }

    private static int checkVersion(int version) {
        if (version < 0x0300 || version > 0x0304) {
            throw new IllegalArgumentException(String.format("record version 0x%04x is not 0x0300..0x0304", version));
        }
        return version;
    }
}
