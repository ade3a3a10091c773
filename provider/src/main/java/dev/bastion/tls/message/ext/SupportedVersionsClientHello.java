package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.List;

/** supported_versions in a ClientHello (RFC 8446 §4.2.1): {@code ProtocolVersion versions<2..254>}. */
public record SupportedVersionsClientHello(List<Integer> versions) implements Extension {
    public SupportedVersionsClientHello {
        versions = CodeLists.check(versions, 16, 1, 127, "versions");
    }

    public static SupportedVersionsClientHello decode(Reader data) {
        return new SupportedVersionsClientHello(CodeLists.readU16s8(data, 2, 254, "versions"));
    }

    @Override
    public int code() {
        return ExtensionType.SUPPORTED_VERSIONS.code();
    }

    @Override
    public void encodeData(Writer out) {
        CodeLists.writeU16s8(out, versions);
    }

    @Override
    public String toString() {
        return "supported_versions" + Codes.list(versions, Codes::version);
    }
}
