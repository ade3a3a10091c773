package dev.bastion.tls.handshake;

/**
 * The TLS 1.2 switches SunJSSE reads from system properties, with its defaults.
 *
 * @param useExtendedMasterSecret {@code jdk.tls.useExtendedMasterSecret} (default true): offer
 *     (client) and accept (server) the extended_master_secret extension (RFC 7627)
 * @param allowLegacyMasterSecret {@code jdk.tls.allowLegacyMasterSecret} (default true): whether
 *     a full handshake with a peer that does not use the extended master secret may go on with
 *     the RFC 5246 master secret; when false such a handshake fails with handshake_failure
 *     (RFC 7627 §5.2, §5.3 let either side abort)
 */
public record Tls12Options(boolean useExtendedMasterSecret, boolean allowLegacyMasterSecret) {

    /** SunJSSE's defaults: offer the extended master secret, accept peers without it. */
    public static final Tls12Options DEFAULT = new Tls12Options(true, true);

    /** Whether a handshake without the extended master secret may complete. */
    public boolean legacyMasterSecretAllowed() {
        return !useExtendedMasterSecret || allowLegacyMasterSecret;
    }
}
