package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;

/**
 * record_size_limit (RFC 8449 §4): {@code uint16 RecordSizeLimit}. A value below 64 is
 * illegal_parameter ("An endpoint MUST treat receipt of a smaller value as a fatal error and
 * generate an illegal_parameter alert"). Larger values than the protocol's record size are
 * legal to receive; the endpoint just uses the smaller of the two.
 */
public record RecordSizeLimit(int limit) implements Extension {
    /** The smallest legal value. */
    public static final int MINIMUM = 64;

    public RecordSizeLimit {
        if (limit < MINIMUM || limit > 0xFFFF) {
            throw new IllegalArgumentException("record_size_limit must be 64..65535: " + limit);
        }
    }

    public static RecordSizeLimit decode(Reader data) {
        int v = data.u16("record_size_limit");
        if (v < MINIMUM) {
            throw TlsAlert.illegalParameter("record_size_limit: value " + v + " is below 64 (RFC 8449 §4)");
        }
        return new RecordSizeLimit(v);
    }

    @Override
    public int code() {
        return ExtensionType.RECORD_SIZE_LIMIT.code();
    }

    @Override
    public void encodeData(Writer out) {
        out.u16(limit);
    }

    @Override
    public String toString() {
        return "record_size_limit{" + limit + "}";
    }
}
