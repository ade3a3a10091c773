package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.List;

/**
 * signature_algorithms_cert (RFC 8446 §4.2.3): the same body as signature_algorithms, for
 * signatures in certificates.
 */
public record SignatureAlgorithmsCert(List<Integer> schemes) implements Extension {
    public SignatureAlgorithmsCert {
        schemes = CodeLists.check(schemes, 16, 1, 0x7FFF, "supported_signature_algorithms");
    }

    public static SignatureAlgorithmsCert decode(Reader data) {
        return new SignatureAlgorithmsCert(CodeLists.readU16s16(data, 2, 0xFFFE, "supported_signature_algorithms"));
    }

    @Override
    public int code() {
        return ExtensionType.SIGNATURE_ALGORITHMS_CERT.code();
    }

    @Override
    public void encodeData(Writer out) {
        CodeLists.writeU16s16(out, schemes);
    }

    @Override
    public String toString() {
        return "signature_algorithms_cert" + Codes.list(schemes, Codes::scheme);
    }
}
