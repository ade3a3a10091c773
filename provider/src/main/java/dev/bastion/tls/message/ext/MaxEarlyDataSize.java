package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;

/**
 * early_data in a NewSessionTicket (RFC 8446 §4.2.10): {@code uint32 max_early_data_size},
 * the most 0-RTT data the server will accept with this ticket.
 */
public record MaxEarlyDataSize(long maxEarlyDataSize) implements Extension {
    public MaxEarlyDataSize {
        if (maxEarlyDataSize < 0 || maxEarlyDataSize > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("max_early_data_size must be a u32: " + maxEarlyDataSize);
        }
    }

    public static MaxEarlyDataSize decode(Reader data) {
        return new MaxEarlyDataSize(data.u32("max_early_data_size"));
    }

    @Override
    public int code() {
        return ExtensionType.EARLY_DATA.code();
    }

    @Override
    public void encodeData(Writer out) {
        out.u32(maxEarlyDataSize);
    }

    @Override
    public String toString() {
        return "early_data{max_early_data_size=" + maxEarlyDataSize + "}";
    }
}
