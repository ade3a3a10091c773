package dev.bastion.tls.connection;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.record.AlertMessage;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLProtocolException;

/**
 * The one place where a connection dies (MODELS.md §5.4), like SunJSSE's
 * {@code TransportContext.fatal}: every exception the core catches comes here.
 *
 * <ul>
 * <li>A {@link TlsAlert} raised locally: its alert is queued as a fatal alert when the write
 *     side is still open (the next {@code wrap} sends it), keys are wiped, and the application
 *     gets a plain {@link SSLException} when the peer's bytes were no TLS at all (as SunJSSE's
 *     "Unsupported or unrecognized SSL message"), an {@link SSLHandshakeException} during the
 *     handshake, afterwards an
 *     {@link SSLException} for {@code bad_record_mac} (as SunJSSE) and an
 *     {@link SSLProtocolException} for the other protocol violations.</li>
 * <li>Any other {@link RuntimeException} is a bug in Bastion: it is reported as
 *     {@code internal_error} and never escapes as itself.</li>
 * <li>A fatal alert from the peer: nothing is sent back; the exception names the alert the
 *     way SunJSSE does ("Received fatal alert: handshake_failure"), and its type is SunJSSE's
 *     for that alert ({@link #peerException}). After this side refused a renegotiation
 *     (a no_renegotiation warning), the message says so: peers that insist on renegotiating
 *     end the connection with a bare handshake_failure.</li>
 * </ul>
 *
 * <p>The result is sticky: the first failure is kept, and later failures return it unchanged.
 * The exception's cause is what caused the alert (a trust manager's
 * {@code CertificateException}, say) when there was such a cause, otherwise the
 * {@code TlsAlert} itself, whose stack trace shows where the check failed.
 */
final class Failure {
    private static final Trace TRACE = Trace.get("connection");
    /** Added to a received alert's message after a refused renegotiation: why the peer gave up. */
    static final String RENEGOTIATION_REFUSED = " (received after Bastion refused the peer's"
            + " renegotiation with a no_renegotiation warning: Bastion never renegotiates)";

    private final Connection connection;
    private SSLException exception;

    Failure(Connection connection) {
        this.connection = connection;
    }

    /** The failure, or null while the connection is healthy. */
    SSLException exception() {
        return exception;
    }

    /** Handles an exception raised inside the core; returns the exception for the application. */
    SSLException local(RuntimeException e) {
        if (exception != null) {
            return exception;
        }
        boolean handshaking = connection.handshaking();
        TlsAlert alert = e instanceof TlsAlert ? (TlsAlert) e
                : TlsAlert.internalError("internal error in Bastion (please report): " + e, e);
        if (!(e instanceof TlsAlert)) {
            TRACE.warning(() -> "bug: unexpected exception in the connection core", e);
        }
        TRACE.debug(() -> "fatal " + alert.alert().rfcName() + " sent: " + alert.getMessage());
        exception = localException(alert, handshaking);
        connection.failed(AlertMessage.fatal(alert.alert()));
        return exception;
    }

    /** Handles a fatal (error) alert received from the peer. */
    SSLException peer(AlertMessage received) {
        if (exception != null) {
            return exception;
        }
        String message = "Received fatal alert: " + AlertDescription.nameOf(received.code())
                + (connection.io.refusedRenegotiation() ? RENEGOTIATION_REFUSED : "");
        TRACE.debug(() -> message);
        exception = peerException(received.code(), message, connection.handshaking());
        connection.failed(null);
        return exception;
    }

    /**
     * The exception for a received fatal alert, chosen by the alert as SunJSSE chooses it (not by
     * whether the handshake is still running: in TLS 1.3 a server's verdict on the client's
     * certificate arrives after the client's handshake completed): unexpected_message is an
     * {@link SSLProtocolException}; the alerts that belong to handshakes (handshake_failure, the
     * certificate alerts, decode_error, protocol_version, certificate_required, ...) are
     * {@link SSLHandshakeException}s; the record and closure alerts and internal_error plain
     * {@link SSLException}s. A code SunJSSE does not know goes by the handshake's state.
     */
    static SSLException peerException(int code, String message, boolean handshaking) {
        switch (code) {
            case 10:
                return new SSLProtocolException(message);
            case 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 60, 70, 71, 100, 109, 110, 111, 112, 113, 114,
                    115, 116, 120:
                return new SSLHandshakeException(message);
            case 0, 20, 21, 22, 30, 80, 86, 90:
                return new SSLException(message);
            default:
                return handshaking ? new SSLHandshakeException(message) : new SSLException(message);
        }
    }

    private static SSLException localException(TlsAlert alert, boolean handshaking) {
        String message = alert.getMessage();
        SSLException out;
        if (alert.isNotTls()) {
            out = new SSLException(message); // no handshake took place: the peer speaks no TLS
        } else if (handshaking) {
            out = new SSLHandshakeException(message);
        } else if (alert.alert() == AlertDescription.BAD_RECORD_MAC || alert.alert() == AlertDescription.INTERNAL_ERROR) {
            out = new SSLException(message);
        } else {
            out = new SSLProtocolException(message);
        }
        out.initCause(alert.getCause() != null ? alert.getCause() : alert);
        return out;
    }
}
