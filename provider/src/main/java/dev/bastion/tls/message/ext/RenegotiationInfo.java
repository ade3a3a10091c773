package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.Objects;

/**
 * renegotiation_info (RFC 5746 §3.2): {@code opaque renegotiated_connection<0..255>}. Empty on
 * an initial handshake; Bastion never renegotiates, so a non-empty value is the handshake's
 * cause for handshake_failure (RFC 5746 §3.4/§3.6).
 */
public record RenegotiationInfo(Opaque renegotiatedConnection) implements Extension {
    /** The initial-handshake form: an empty renegotiated_connection. */
    public static final RenegotiationInfo INITIAL = new RenegotiationInfo(Opaque.EMPTY);

    public RenegotiationInfo {
        Objects.requireNonNull(renegotiatedConnection, "renegotiatedConnection");
        if (renegotiatedConnection.length() > 0xFF) {
            throw new IllegalArgumentException("renegotiated_connection longer than 255 bytes");
        }
    }

    public static RenegotiationInfo decode(Reader data) {
        return new RenegotiationInfo(Opaque.read8(data, 0, 0xFF, "renegotiated_connection"));
    }

    @Override
    public int code() {
        return ExtensionType.RENEGOTIATION_INFO.code();
    }

    @Override
    public void encodeData(Writer out) {
        renegotiatedConnection.write8(out);
    }

    @Override
    public String toString() {
        return "renegotiation_info{" + renegotiatedConnection + "}";
    }
}
