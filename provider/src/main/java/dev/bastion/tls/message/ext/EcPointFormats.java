package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.List;

/**
 * ec_point_formats (RFC 8422 §5.1.2): {@code ECPointFormat ec_point_format_list<1..2^8-1>}.
 * RFC 8422 requires the list to contain uncompressed(0) when sent; that check is the
 * handshake's ({@link #containsUncompressed()}), with illegal_parameter.
 */
public record EcPointFormats(List<Integer> formats) implements Extension {
    /** ECPointFormat uncompressed. */
    public static final int UNCOMPRESSED = 0;

    public EcPointFormats {
        formats = CodeLists.check(formats, 8, 1, 0xFF, "ec_point_format_list");
    }

    public static EcPointFormats decode(Reader data) {
        return new EcPointFormats(CodeLists.readU8s8(data, 1, 0xFF, "ec_point_format_list"));
    }

    public boolean containsUncompressed() {
        return formats.contains(UNCOMPRESSED);
    }

    @Override
    public int code() {
        return ExtensionType.EC_POINT_FORMATS.code();
    }

    @Override
    public void encodeData(Writer out) {
        CodeLists.writeU8s8(out, formats);
    }

    @Override
    public String toString() {
        return "ec_point_formats" + formats;
    }
}
