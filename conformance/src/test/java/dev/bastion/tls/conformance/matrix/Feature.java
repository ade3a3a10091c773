package dev.bastion.tls.conformance.matrix;

/** A protocol feature some matrix cases need; see {@link NotYetImplemented}. */
public enum Feature {
    /** TLS 1.2 handshakes. */
    TLS12("not yet implemented (issue 4: TLS 1.2)"),
    /** Session resumption (TLS 1.3 PSK; TLS 1.2 tickets and session ids). */
    RESUMPTION("not yet implemented (issue 6: resumption)");

    /** What the report says for a case skipped for want of this feature. */
    final String reason;

    Feature(String reason) {
        this.reason = reason;
    }
}
