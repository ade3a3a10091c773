package dev.bastion.tls.record;

import dev.bastion.tls.codec.TlsAlert;

/**
 * The record content types Bastion accepts (RFC 8446 §5.1, RFC 5246 §6.2.1).
 *
 * <p>Every other value is refused with {@code unexpected_message}: RFC 8446 §5 says "If a TLS
 * implementation receives an unexpected record type, it MUST terminate the connection with an
 * unexpected_message alert". That includes {@code heartbeat(24)} (RFC 6520), which Bastion
 * deliberately does not implement and never negotiates.
 */
public enum ContentType {
    CHANGE_CIPHER_SPEC(20),
    ALERT(21),
    HANDSHAKE(22),
    APPLICATION_DATA(23);

    private static final int HEARTBEAT = 24;

    private final int code;

    ContentType(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** The RFC's name, e.g. {@code application_data}. */
    public String rfcName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The content type for a wire value.
     *
     * @throws TlsAlert {@code unexpected_message} for heartbeat and every unassigned value
     */
    public static ContentType of(int code) {
        switch (code) {
            case 20:
                return CHANGE_CIPHER_SPEC;
            case 21:
                return ALERT;
            case 22:
                return HANDSHAKE;
            case 23:
                return APPLICATION_DATA;
            case HEARTBEAT:
                throw TlsAlert.unexpectedMessage(
                        "record content type heartbeat (24) is not supported (RFC 6520 is not implemented)");
            default:
                throw TlsAlert.unexpectedMessage(String.format(
                        "unknown record content type 0x%02x (expected 0x14..0x17)", code & 0xFF));
        }
    }
}
