package dev.bastion.tls.record;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.nio.ByteBuffer;

/**
 * An alert: {@code struct { AlertLevel level; AlertDescription description; } Alert}
 * (RFC 8446 §6, RFC 5246 §7.2).
 *
 * <p>{@code code} keeps the wire value, so an alert with a description outside the registry
 * can still be reported ({@link #description()} is then {@link AlertDescription#UNKNOWN}).
 *
 * @param level warning or fatal
 * @param code the description's wire value, 0..255
 */
public record AlertMessage(AlertLevel level, int code) {

    /** An alert is always exactly two bytes. */
    public static final int LENGTH = 2;

    public AlertMessage {
        if (level == null || code < 0 || code > 255) {
            throw new IllegalArgumentException("alert needs a level and a description code 0..255");
        }
    }

    public static AlertMessage fatal(AlertDescription description) {
        return new AlertMessage(AlertLevel.FATAL, registered(description));
    }

    public static AlertMessage warning(AlertDescription description) {
        return new AlertMessage(AlertLevel.WARNING, registered(description));
    }

    /** {@code close_notify}, sent with level warning as TLS 1.2 requires and TLS 1.3 accepts. */
    public static AlertMessage closeNotify() {
        return warning(AlertDescription.CLOSE_NOTIFY);
    }

    /**
     * Decodes the content of one alert record: all remaining bytes of {@code fragment}, which
     * are consumed.
     *
     * @throws TlsAlert {@code decode_error} unless there are exactly 2 bytes ("a record with an
     *     Alert type MUST contain exactly one message", RFC 8446 §5.1; alerts are neither split
     *     nor coalesced); {@code illegal_parameter} for an unknown level (see {@link AlertLevel#of})
     */
    public static AlertMessage decode(ByteBuffer fragment) {
        int n = fragment.remaining();
        if (n != LENGTH) {
            throw TlsAlert.decodeError("alert record of " + n + " byte(s); an alert is exactly 2 bytes (RFC 8446 §5.1, §6)");
        }
        int p = fragment.position();
        AlertLevel level = AlertLevel.of(fragment.get(p) & 0xFF);
        int code = fragment.get(p + 1) & 0xFF;
        fragment.position(p + LENGTH);
        return new AlertMessage(level, code);
    }

    /** The description; {@link AlertDescription#UNKNOWN} for codes outside the registry. */
    public AlertDescription description() {
        return AlertDescription.of(code);
    }

    public boolean isFatal() {
        return level == AlertLevel.FATAL;
    }

    /** Writes the 2 bytes at {@code dst}'s position, advancing it. */
    public void encode(ByteBuffer dst) {
        dst.put((byte) level.code()).put((byte) code);
    }

    /** The 2 bytes on the wire. */
    public byte[] toBytes() {
        return new byte[] {(byte) level.code(), (byte) code};
    }

    @Override
    public String toString() {
        return level.name().toLowerCase(java.util.Locale.ROOT) + " alert " + AlertDescription.nameOf(code);
    }

    private static int registered(AlertDescription d) {
        if (d == AlertDescription.UNKNOWN) {
            throw new IllegalArgumentException("an alert we send must have a registered description");
        }
        return d.code();
    }
}
