package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.List;

/** supported_groups (RFC 8446 §4.2.7, RFC 8422 §5.1.1): {@code NamedGroup named_group_list<2..2^16-1>}. */
public record SupportedGroups(List<Integer> groups) implements Extension {
    public SupportedGroups {
        groups = CodeLists.check(groups, 16, 1, 0x7FFF, "named_group_list");
    }

    public static SupportedGroups decode(Reader data) {
        return new SupportedGroups(CodeLists.readU16s16(data, 2, 0xFFFF, "named_group_list"));
    }

    @Override
    public int code() {
        return ExtensionType.SUPPORTED_GROUPS.code();
    }

    @Override
    public void encodeData(Writer out) {
        CodeLists.writeU16s16(out, groups);
    }

    @Override
    public String toString() {
        return "supported_groups" + Codes.list(groups, Codes::group);
    }
}
