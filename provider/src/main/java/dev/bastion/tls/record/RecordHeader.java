package dev.bastion.tls.record;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.nio.ByteBuffer;

/**
 * The header of the next inbound record: {@code type}, {@code legacy_record_version},
 * {@code length} (RFC 8446 §5.1). A reusable holder, filled by {@link #parse} without
 * consuming anything, so that framing allocates nothing per record.
 *
 * <h2>Checks, in order, as soon as 5 bytes are there</h2>
 * <ol>
 * <li>Major version byte must be 3. Anything else is not a TLS record at all: an SSLv2-format
 *     ClientHello, plain HTTP, garbage. Alert: {@code protocol_version}, as OpenSSL sends for
 *     a bad version on any record after the first (on the very first record OpenSSL closes
 *     without an alert; SunJSSE fails with "Unrecognized SSL message, plaintext connection?").
 *     It is the alert that says "we do not speak the same protocol"; decode_error or
 *     unexpected_message would claim a TLS peer sent a malformed or misplaced TLS message.
 *     The connection may choose to send nothing when this is the very first record. The
 *     message names what the bytes look like so a person can act.</li>
 * <li>Content type must be known (else {@code unexpected_message}, RFC 8446 §5).</li>
 * <li>The full version must be acceptable to the current protection. Plaintext before
 *     negotiation accepts 0x0300..0x0304: a TLS 1.3 ClientHello may use 0x0301 (RFC 8446
 *     §5.1) and old peers send 0x0300 or 0x0302 in early records. Once records are protected
 *     Bastion requires exactly 0x0303 ({@code protocol_version} otherwise), as OpenSSL does
 *     (it sends protocol_version in TLS 1.2 and decode_error in TLS 1.3), although RFC 8446
 *     §5.1 lets a TLS 1.3 receiver ignore the field. One exception: the plaintext alert a
 *     TLS 1.3 server still accepts from a client without keys (see
 *     {@link Tls13Protection#acceptPlaintextAlertsUntilFirstRecord}) may carry 0x0300..0x0304,
 *     the version that client gave its ClientHello's record, so that the server reports the
 *     client's alert rather than a version complaint.</li>
 * <li>{@code length} must not exceed the protection's limit for the type: 2^14 for plaintext,
 *     2^14+256 for TLS 1.3 ciphertext, 2^14+2048 for TLS 1.2 ciphertext, else
 *     {@code record_overflow} (RFC 8446 §5.1, §5.2; RFC 5246 §6.2). This is checked before
 *     the body arrives, so a bogus length never makes the caller wait or buffer.</li>
 * </ol>
 */
public final class RecordHeader {
    private ContentType type = ContentType.HANDSHAKE;
    private int version;
    private int fragmentLength;
    private boolean valid;

    /**
     * Examines the bytes at {@code src.position()} without consuming them.
     *
     * @return 0 when a whole record (header and fragment) is present, otherwise the number of
     *     bytes still missing. Once the header itself is complete, the accessors describe it
     *     even if the fragment is not.
     * @throws TlsAlert as described on this class
     */
    public int parse(ByteBuffer src, Protection protection) {
        valid = false;
        int have = src.remaining();
        if (have < RecordLimits.HEADER_LENGTH) {
            return RecordLimits.HEADER_LENGTH - have;
        }
        int p = src.position();
        int major = src.get(p + 1) & 0xFF;
        if (major != 3) {
            throw notTls(src, p);
        }
        ContentType t = ContentType.of(src.get(p) & 0xFF);
        int v = Records.u16(src, p + 1);
        if (!protection.acceptsRecordVersion(t, v)) {
            throw new TlsAlert(AlertDescription.PROTOCOL_VERSION, String.format(
                    "%s record has legacy_record_version 0x%04x; expected %s", t.rfcName(), v,
                    protection.acceptsRecordVersion(t, 0x0301) ? "0x0300..0x0304" : "0x0303"));
        }
        int length = Records.u16(src, p + 3);
        int max = protection.maxFragmentLength(t);
        if (length > max) {
            throw TlsAlert.recordOverflow(String.format("%s record of %d bytes exceeds the limit of %d bytes",
                    t.rfcName(), length, max));
        }
        type = t;
        version = v;
        fragmentLength = length;
        valid = true;
        return Math.max(0, RecordLimits.HEADER_LENGTH + length - have);
    }

    /** True once {@link #parse} has seen a complete, acceptable header. */
    public boolean isValid() {
        return valid;
    }

    public ContentType type() {
        requireValid();
        return type;
    }

    /** The {@code legacy_record_version} as received, e.g. {@code 0x0303}. */
    public int version() {
        requireValid();
        return version;
    }

    /** The {@code length} field: bytes after the header. */
    public int fragmentLength() {
        requireValid();
        return fragmentLength;
    }

    /** Header plus fragment: the bytes this record occupies on the wire. */
    public int recordLength() {
        requireValid();
        return RecordLimits.HEADER_LENGTH + fragmentLength;
    }

    @Override
    public String toString() {
        return valid ? String.format("RecordHeader(%s, 0x%04x, %d)", type.rfcName(), version, fragmentLength)
                : "RecordHeader(none)";
    }

    private void requireValid() {
        if (!valid) {
            throw new IllegalStateException("no complete record header has been parsed");
        }
    }

    private static TlsAlert notTls(ByteBuffer src, int p) {
        int b0 = src.get(p) & 0xFF;
        int b2 = src.get(p + 2) & 0xFF;
        boolean sslv2Hello = (b0 & 0x80) != 0 && b2 == 1;
        String guess;
        if (sslv2Hello) {
            guess = "an SSLv2-format ClientHello, which Bastion does not accept";
        } else if (isAsciiWord(src, p)) {
            guess = "plain text (\"" + ascii(src, p) + "...\"), plaintext connection?";
        } else {
            guess = "not a TLS record, plaintext connection?";
        }
        String message = String.format("unrecognized record: first bytes %02x %02x %02x %02x %02x look like %s", b0,
                src.get(p + 1) & 0xFF, b2, src.get(p + 3) & 0xFF, src.get(p + 4) & 0xFF, guess);
        // an SSLv2 hello is a handshake in a format we refuse (SunJSSE: SSLHandshakeException
        // "SSLv2Hello is not enabled"); anything else is no TLS at all (a plain SSLException)
        return sslv2Hello ? new TlsAlert(AlertDescription.PROTOCOL_VERSION, message) : TlsAlert.notTls(message);
    }

    private static boolean isAsciiWord(ByteBuffer src, int p) {
        for (int i = 0; i < 3; i++) {
            int c = src.get(p + i) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(ByteBuffer src, int p) {
        StringBuilder sb = new StringBuilder(RecordLimits.HEADER_LENGTH);
        for (int i = 0; i < RecordLimits.HEADER_LENGTH; i++) {
            int c = src.get(p + i) & 0xFF;
            sb.append(c >= 0x20 && c <= 0x7E ? (char) c : '.');
        }
        return sb.toString();
    }
}
