package dev.bastion.tls.codec;

/**
 * TLS alert descriptions (RFC 8446 §6, RFC 5246 §7.2, RFC 8446 §B.2 registry values).
 *
 * <p>{@link #UNKNOWN} stands for any code this registry does not list, so that a peer's
 * alert can always be represented and reported.
 */
public enum AlertDescription {
    CLOSE_NOTIFY(0),
    UNEXPECTED_MESSAGE(10),
    BAD_RECORD_MAC(20),
    RECORD_OVERFLOW(22),
    HANDSHAKE_FAILURE(40),
    BAD_CERTIFICATE(42),
    UNSUPPORTED_CERTIFICATE(43),
    CERTIFICATE_REVOKED(44),
    CERTIFICATE_EXPIRED(45),
    CERTIFICATE_UNKNOWN(46),
    ILLEGAL_PARAMETER(47),
    UNKNOWN_CA(48),
    ACCESS_DENIED(49),
    DECODE_ERROR(50),
    DECRYPT_ERROR(51),
    PROTOCOL_VERSION(70),
    INSUFFICIENT_SECURITY(71),
    INTERNAL_ERROR(80),
    INAPPROPRIATE_FALLBACK(86),
    USER_CANCELED(90),
    NO_RENEGOTIATION(100),
    MISSING_EXTENSION(109),
    UNSUPPORTED_EXTENSION(110),
    UNRECOGNIZED_NAME(112),
    BAD_CERTIFICATE_STATUS_RESPONSE(113),
    UNKNOWN_PSK_IDENTITY(115),
    CERTIFICATE_REQUIRED(116),
    NO_APPLICATION_PROTOCOL(120),
    UNKNOWN(-1);

    private static final AlertDescription[] BY_CODE = new AlertDescription[256];

    static {
        for (AlertDescription d : values()) {
            if (d.code >= 0) {
                BY_CODE[d.code] = d;
            }
        }
    }

    private final int code;

    AlertDescription(int code) {
        this.code = code;
    }

    /** The wire value; -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /** The RFC's name, e.g. {@code bad_record_mac}. */
    public String rfcName() {
        return this == UNKNOWN ? "unknown" : name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The description for a wire value; {@link #UNKNOWN} for values not in the registry. */
    public static AlertDescription of(int code) {
        if (code < 0 || code > 255) {
            return UNKNOWN;
        }
        AlertDescription d = BY_CODE[code];
        return d == null ? UNKNOWN : d;
    }

    /** Name for a wire value, also for codes this enum does not list: {@code unknown(200)}. */
    public static String nameOf(int code) {
        AlertDescription d = of(code);
        return d == UNKNOWN ? "unknown(" + code + ")" : d.rfcName();
    }
}
