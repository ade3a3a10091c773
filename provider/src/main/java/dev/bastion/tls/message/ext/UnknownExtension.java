package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.Objects;

/**
 * An extension whose body this layer does not interpret, kept with its exact bytes: a code
 * not in {@link ExtensionType} (GREASE, private use, newer RFCs), or a registered one carried
 * opaquely (use_srtp, heartbeat, signed_certificate_timestamp, compress_certificate, oid_filters).
 */
public record UnknownExtension(int code, Opaque data) implements Extension {
    public UnknownExtension {
        Objects.requireNonNull(data, "data");
        if (code < 0 || code > 0xFFFF) {
            throw new IllegalArgumentException("extension_type must be a u16: " + code);
        }
        if (data.length() > 0xFFFF) {
            throw new IllegalArgumentException("extension_data longer than 65535 bytes");
        }
    }

    public static UnknownExtension decode(int code, Reader data) {
        return new UnknownExtension(code, Opaque.readRest(data));
    }

    @Override
    public void encodeData(Writer out) {
        data.writeTo(out);
    }

    @Override
    public String toString() {
        return name() + "{" + data + "}";
    }
}
