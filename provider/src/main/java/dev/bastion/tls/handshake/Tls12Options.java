package dev.bastion.tls.handshake;

import dev.bastion.tls.crypto.DhParameters;
import java.util.Map;

/**
 * The TLS 1.2 switches SunJSSE reads from system properties, with its defaults.
 *
 * @param useExtendedMasterSecret {@code jdk.tls.useExtendedMasterSecret} (default true): offer
 *     (client) and accept (server) the extended_master_secret extension (RFC 7627)
 * @param allowLegacyMasterSecret {@code jdk.tls.allowLegacyMasterSecret} (default true): whether
 *     a full handshake with a peer that does not use the extended master secret may go on with
 *     the RFC 5246 master secret; when false such a handshake fails with handshake_failure
 *     (RFC 7627 §5.2, §5.3 let either side abort)
 * @param allowLegacyResumption {@code jdk.tls.allowLegacyResumption} (default true): whether a
 *     session made without the extended master secret may be resumed by a ClientHello without
 *     it; when false a client does not offer such a session and a server answers such a
 *     resumption with handshake_failure, as SunJSSE's does (RFC 7627 §5.3: the server SHOULD
 *     abort)
 * @param minDhPrimeBits the smallest DH prime {@code jdk.tls.disabledAlgorithms} permits (default
 *     {@link #MIN_DH_PRIME_BITS}; {@code DH keySize < 3072} raises it to 3072): a client refuses a
 *     smaller one in a ServerKeyExchange with {@code insufficient_security}; a server whose own
 *     groups name no FFDHE group picks no smaller one for a client that lists none
 * @param ephemeralDhBits {@code jdk.tls.ephemeralDHKeySize}: the DH prime size a server uses with a
 *     client that lists no FFDHE group (the smallest RFC 7919 group at least this large); 0 when
 *     not set (the server's own groups decide)
 * @param customDhe {@code jdk.tls.server.defaultDHEParameters}: DH groups by prime size (bits) that
 *     a server uses instead of the RFC 7919 group of that size with a client that lists no FFDHE
 *     group; empty when not set
 */
public record Tls12Options(boolean useExtendedMasterSecret, boolean allowLegacyMasterSecret, int minDhPrimeBits,
        boolean allowLegacyResumption, int ephemeralDhBits, Map<Integer, DhParameters> customDhe) {

    /** The smallest DH prime accepted whatever the properties say (RFC 7919 §3 recommends 2048). */
    public static final int MIN_DH_PRIME_BITS = 2048;

    /** SunJSSE's defaults: offer the extended master secret, accept peers without it. */
    public static final Tls12Options DEFAULT = new Tls12Options(true, true);

    public Tls12Options {
        customDhe = Map.copyOf(customDhe);
        if (minDhPrimeBits < MIN_DH_PRIME_BITS) {
            throw new IllegalArgumentException("minDhPrimeBits " + minDhPrimeBits + " < " + MIN_DH_PRIME_BITS);
        }
        if (ephemeralDhBits != 0 && ephemeralDhBits < MIN_DH_PRIME_BITS) {
            throw new IllegalArgumentException("ephemeralDhBits " + ephemeralDhBits + " < " + MIN_DH_PRIME_BITS);
        }
    }

    /** The switches, without {@code jdk.tls.server.defaultDHEParameters}. */
    public Tls12Options(boolean useExtendedMasterSecret, boolean allowLegacyMasterSecret, int minDhPrimeBits,
            boolean allowLegacyResumption, int ephemeralDhBits) {
        this(useExtendedMasterSecret, allowLegacyMasterSecret, minDhPrimeBits, allowLegacyResumption, ephemeralDhBits,
                Map.of());
    }

    /** The switches, without {@code jdk.tls.ephemeralDHKeySize}. */
    public Tls12Options(boolean useExtendedMasterSecret, boolean allowLegacyMasterSecret, int minDhPrimeBits,
            boolean allowLegacyResumption) {
        this(useExtendedMasterSecret, allowLegacyMasterSecret, minDhPrimeBits, allowLegacyResumption, 0);
    }

    /** The master secret switches and DH minimum, with legacy resumption allowed (SunJSSE's default). */
    public Tls12Options(boolean useExtendedMasterSecret, boolean allowLegacyMasterSecret, int minDhPrimeBits) {
        this(useExtendedMasterSecret, allowLegacyMasterSecret, minDhPrimeBits, true);
    }

    /** The two switches, with the default DH prime minimum. */
    public Tls12Options(boolean useExtendedMasterSecret, boolean allowLegacyMasterSecret) {
        this(useExtendedMasterSecret, allowLegacyMasterSecret, MIN_DH_PRIME_BITS);
    }

    /** Whether a handshake without the extended master secret may complete. */
    public boolean legacyMasterSecretAllowed() {
        return !useExtendedMasterSecret || allowLegacyMasterSecret;
    }
}
