package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.Writer;
import java.util.Objects;

/**
 * padding (RFC 7685 §3): filler in a ClientHello. The client "MUST fill the padding extension
 * completely with zero bytes"; the receiver has nothing to check, so the bytes are kept as
 * received (the re-encoding stays exact).
 */
public record Padding(Opaque data) implements Extension {
    public Padding {
        Objects.requireNonNull(data, "data");
    }

    /** {@code n} zero bytes. */
    public static Padding zeros(int n) {
        return new Padding(Opaque.of(new byte[n]));
    }

    public static Padding decode(Reader data) {
        return new Padding(Opaque.readRest(data));
    }

    /** Whether every byte is zero, as the client must send. */
    public boolean isAllZero() {
        for (int i = 0; i < data.length(); i++) {
            if (data.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int code() {
        return ExtensionType.PADDING.code();
    }

    @Override
    public void encodeData(Writer out) {
        data.writeTo(out);
    }

    @Override
    public String toString() {
        return "padding{" + data.length() + " bytes}";
    }
}
