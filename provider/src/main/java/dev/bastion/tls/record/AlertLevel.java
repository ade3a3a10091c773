package dev.bastion.tls.record;

import dev.bastion.tls.codec.TlsAlert;

/** {@code enum { warning(1), fatal(2), (255) } AlertLevel} (RFC 8446 §6, RFC 5246 §7.2). */
public enum AlertLevel {
    WARNING(1),
    FATAL(2);

    private final int code;

    AlertLevel(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /**
     * The level for a wire value.
     *
     * @throws TlsAlert {@code illegal_parameter} for any other value, as OpenSSL and BoringSSL
     *     send ("unknown alert type"); RFC 8446 §6 lets TLS 1.3 ignore the level's meaning, but
     *     not its syntax.
     */
    public static AlertLevel of(int code) {
        if (code == 1) {
            return WARNING;
        }
        if (code == 2) {
            return FATAL;
        }
        throw TlsAlert.illegalParameter(String.format("alert level 0x%02x is neither warning(1) nor fatal(2)", code));
    }
}
