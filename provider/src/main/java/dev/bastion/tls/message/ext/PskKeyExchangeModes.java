package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.List;

/** psk_key_exchange_modes (RFC 8446 §4.2.9): {@code PskKeyExchangeMode ke_modes<1..255>}. */
public record PskKeyExchangeModes(List<Integer> modes) implements Extension {
    /** PSK-only key establishment. */
    public static final int PSK_KE = 0;
    /** PSK with (EC)DHE key establishment. */
    public static final int PSK_DHE_KE = 1;

    public PskKeyExchangeModes {
        modes = CodeLists.check(modes, 8, 1, 0xFF, "ke_modes");
    }

    public static PskKeyExchangeModes decode(Reader data) {
        return new PskKeyExchangeModes(CodeLists.readU8s8(data, 1, 0xFF, "ke_modes"));
    }

    public boolean allows(int mode) {
        return modes.contains(mode);
    }

    @Override
    public int code() {
        return ExtensionType.PSK_KEY_EXCHANGE_MODES.code();
    }

    @Override
    public void encodeData(Writer out) {
        CodeLists.writeU8s8(out, modes);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("psk_key_exchange_modes[");
        for (int i = 0; i < modes.size(); i++) {
            int m = modes.get(i);
            b.append(i == 0 ? "" : ", ").append(m == PSK_KE ? "psk_ke" : m == PSK_DHE_KE ? "psk_dhe_ke" : "" + m);
        }
        return b.append(']').toString();
    }
}
