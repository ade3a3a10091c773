package dev.bastion.tls.connection;

import dev.bastion.tls.record.RecordLimits;

/**
 * The connection core's named bounds on what a peer can make it do for free (DESIGN.md,
 * "Security by design"). Record-level bounds live in {@link RecordLimits}.
 */
public final class Limits {
    /**
     * KeyUpdate messages a peer may send in a row without application data in between before
     * the connection fails with {@code unexpected_message}: each one costs a key derivation and
     * possibly a reply. 32, as BoringSSL allows.
     */
    public static final int MAX_CONSECUTIVE_KEY_UPDATES = 32;

    /**
     * TLS 1.2 renegotiation requests (HelloRequest; a ClientHello after the handshake) a peer may
     * send in a row without application data in between before the connection fails with
     * {@code unexpected_message}: each one is refused with a no_renegotiation warning, so an
     * endless stream would make this side answer endlessly. 32, as for KeyUpdate.
     */
    public static final int MAX_CONSECUTIVE_RENEGOTIATION_REQUESTS = 32;

    /**
     * Records that carry nothing the connection acts on (empty application_data, dropped
     * compatibility change_cipher_spec, ignored user_canceled warnings) in a row; see
     * {@link RecordLimits#MAX_CONSECUTIVE_EMPTY_RECORDS}.
     */
    public static final int MAX_CONSECUTIVE_EMPTY_RECORDS = RecordLimits.MAX_CONSECUTIVE_EMPTY_RECORDS;

    private Limits() {
    }
}
