package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.List;

/**
 * signature_algorithms (RFC 8446 §4.2.3, RFC 5246 §7.4.1.4.1):
 * {@code SignatureScheme supported_signature_algorithms<2..2^16-2>}.
 */
public record SignatureAlgorithms(List<Integer> schemes) implements Extension {
    public SignatureAlgorithms {
        schemes = CodeLists.check(schemes, 16, 1, 0x7FFF, "supported_signature_algorithms");
    }

    public static SignatureAlgorithms decode(Reader data) {
        return new SignatureAlgorithms(CodeLists.readU16s16(data, 2, 0xFFFE, "supported_signature_algorithms"));
    }

    @Override
    public int code() {
        return ExtensionType.SIGNATURE_ALGORITHMS.code();
    }

    @Override
    public void encodeData(Writer out) {
        CodeLists.writeU16s16(out, schemes);
    }

    @Override
    public String toString() {
        return "signature_algorithms" + Codes.list(schemes, Codes::scheme);
    }
}
