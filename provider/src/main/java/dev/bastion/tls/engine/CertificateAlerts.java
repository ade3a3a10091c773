package dev.bastion.tls.engine;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

/**
 * Turns a trust manager's rejection into the alert SunJSSE sends for it (RFC 8446 §6.2):
 * {@code certificate_expired} for an expired or not yet valid certificate,
 * {@code certificate_revoked} for a revoked one, {@code bad_certificate} when the trust
 * manager refuses the chain as malformed ({@link IllegalArgumentException}), and
 * {@code certificate_unknown} for every other reason (no path to a trust anchor, wrong host
 * name, a constraint). The message is the trust manager's, so the application sees
 * "PKIX path building failed: ..." as with SunJSSE; the cause is kept.
 */
final class CertificateAlerts {
    private CertificateAlerts() {
    }

    static TlsAlert of(Exception e, String whose) {
        AlertDescription alert = e instanceof IllegalArgumentException ? AlertDescription.BAD_CERTIFICATE : alertFor(e);
        String message = e.getMessage() != null ? e.getMessage() : "the " + whose + " certificate chain was not trusted";
        return new TlsAlert(alert, message, e);
    }

    private static AlertDescription alertFor(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                return AlertDescription.CERTIFICATE_EXPIRED;
            }
            if (t instanceof CertPathValidatorException) {
                CertPathValidatorException.Reason r = ((CertPathValidatorException) t).getReason();
                if (r == BasicReason.EXPIRED || r == BasicReason.NOT_YET_VALID) {
                    return AlertDescription.CERTIFICATE_EXPIRED;
                }
                if (r == BasicReason.REVOKED) {
                    return AlertDescription.CERTIFICATE_REVOKED;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return AlertDescription.CERTIFICATE_UNKNOWN;
    }
}
