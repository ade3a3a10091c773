package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;

/**
 * supported_versions in a ServerHello or HelloRetryRequest (RFC 8446 §4.2.1):
 * {@code ProtocolVersion selected_version}. Whether the version was offered and is at least
 * TLS 1.3 (otherwise illegal_parameter) is the handshake's check.
 */
public record SupportedVersionsServerHello(int selectedVersion) implements Extension {
    public SupportedVersionsServerHello {
        if (selectedVersion < 0 || selectedVersion > 0xFFFF) {
            throw new IllegalArgumentException("selected_version must be a u16: " + selectedVersion);
        }
    }

    public static SupportedVersionsServerHello decode(Reader data) {
        return new SupportedVersionsServerHello(data.u16("selected_version"));
    }

    @Override
    public int code() {
        return ExtensionType.SUPPORTED_VERSIONS.code();
    }

    @Override
    public void encodeData(Writer out) {
        out.u16(selectedVersion);
    }

    @Override
    public String toString() {
        return "supported_versions{" + Codes.version(selectedVersion) + "}";
    }
}
