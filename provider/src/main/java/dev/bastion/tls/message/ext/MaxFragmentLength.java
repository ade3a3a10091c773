package dev.bastion.tls.message.ext;

import dev.bastion.tls.codec.Reader;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.codec.Writer;
import java.util.Optional;

/**
 * max_fragment_length (RFC 6066 §4): one byte, 2^9(1), 2^10(2), 2^11(3), 2^12(4). Any other
 * value is {@code illegal_parameter} ("If a server receives a maximum fragment length
 * negotiation request for a value other than the allowed values, it MUST abort the handshake
 * with an illegal_parameter alert"; the same check applies to a server's echo).
 */
public record MaxFragmentLength(int value) implements Extension {
    public MaxFragmentLength {
        if (value < 1 || value > 4) {
            throw new IllegalArgumentException("max_fragment_length must be 1..4: " + value);
        }
    }

    public static MaxFragmentLength decode(Reader data) {
        int v = data.u8("max_fragment_length");
        if (v < 1 || v > 4) {
            throw TlsAlert.illegalParameter("max_fragment_length: value " + v + " is not one of 1..4 (RFC 6066 §4)");
        }
        return new MaxFragmentLength(v);
    }

    /** The extension for a limit of {@code bytes} (512, 1024, 2048 or 4096); empty for any other number. */
    public static Optional<MaxFragmentLength> ofBytes(int bytes) {
        int value = Integer.numberOfTrailingZeros(bytes) - 8;
        return Integer.bitCount(bytes) == 1 && value >= 1 && value <= 4
                ? Optional.of(new MaxFragmentLength(value)) : Optional.empty();
    }

    /** The limit in bytes: 512, 1024, 2048 or 4096. */
    public int maxFragmentBytes() {
        return 1 << (8 + value);
    }

    @Override
    public int code() {
        return ExtensionType.MAX_FRAGMENT_LENGTH.code();
    }

    @Override
    public void encodeData(Writer out) {
        out.u8(value);
    }

    @Override
    public String toString() {
        return "max_fragment_length{" + maxFragmentBytes() + "}";
    }
}
