package dev.bastion.tls.codec;

import java.util.Objects;

/**
 * The one exception used inside the stack for protocol failures. It carries the alert that
 * must be sent to the peer and a message a person can act on.
 *
 * <p>It is unchecked so codecs and lambdas stay clean. Exactly one place (the connection
 * core's failure handler) catches it, sends the alert and turns it into the right
 * {@code SSLException} for the application. Any other {@code RuntimeException} reaching
 * that place is a bug and becomes {@code internal_error}.
 */
public final class TlsAlert extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final AlertDescription alert;
    private final boolean notTls;

    public TlsAlert(AlertDescription alert, String message) {
        this(alert, message, null);
    }

    public TlsAlert(AlertDescription alert, String message, Throwable cause) {
        this(alert, message, cause, false);
    }

    private TlsAlert(AlertDescription alert, String message, Throwable cause, boolean notTls) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.alert = Objects.requireNonNull(alert, "alert");
        this.notTls = notTls;
        if (alert == AlertDescription.UNKNOWN) {
            throw new IllegalArgumentException("an alert we send must have a registered code");
        }
    }

    /**
     * Bytes that are no TLS record at all (plain text, garbage; not an SSLv2-format hello, which is
     * a handshake in a refused format): the peer does not
     * speak TLS, so no handshake took place, and the application gets a plain
     * {@code SSLException}, as SunJSSE's "Unsupported or unrecognized SSL message" is, not an
     * {@code SSLHandshakeException}. The alert is {@code protocol_version}.
     */
    public static TlsAlert notTls(String message) {
        return new TlsAlert(AlertDescription.PROTOCOL_VERSION, message, null, true);
    }

    /** The alert to send to the peer. */
    public AlertDescription alert() {
        return alert;
    }

    /** Whether the peer's bytes were no TLS at all ({@link #notTls}). */
    public boolean isNotTls() {
        return notTls;
    }

    public static TlsAlert decodeError(String message) {
        return new TlsAlert(AlertDescription.DECODE_ERROR, message);
    }

    public static TlsAlert illegalParameter(String message) {
        return new TlsAlert(AlertDescription.ILLEGAL_PARAMETER, message);
    }

    public static TlsAlert unexpectedMessage(String message) {
        return new TlsAlert(AlertDescription.UNEXPECTED_MESSAGE, message);
    }

    public static TlsAlert badRecordMac(String message) {
        return new TlsAlert(AlertDescription.BAD_RECORD_MAC, message);
    }

    public static TlsAlert recordOverflow(String message) {
        return new TlsAlert(AlertDescription.RECORD_OVERFLOW, message);
    }

    public static TlsAlert handshakeFailure(String message) {
        return new TlsAlert(AlertDescription.HANDSHAKE_FAILURE, message);
    }

    public static TlsAlert decryptError(String message) {
        return new TlsAlert(AlertDescription.DECRYPT_ERROR, message);
    }

    public static TlsAlert internalError(String message, Throwable cause) {
        return new TlsAlert(AlertDescription.INTERNAL_ERROR, message, cause);
    }

    @Override
    public String toString() {
        return "TlsAlert(" + alert.rfcName() + "): " + getMessage();
    }
}
