package dev.bastion.tls.crypto;

import javax.security.auth.Destroyable;

/**
 * Keying material exporter of an established connection: TLS 1.3 (RFC 8446 §7.5) or TLS 1.2
 * (RFC 5705). Implementations are thread-safe: applications may call them from any thread.
 */
public sealed interface Exporter extends Destroyable permits Tls13Exporter, Tls12Exporter {

    /**
     * Exports {@code length} bytes bound to {@code label} and {@code context}.
     *
     * @param label an ASCII label (RFC 5705 §4; RFC 8446 §7.5)
     * @param context the context value, or {@code null} for none. In TLS 1.3 no context and an
     *     empty context give the same output; in TLS 1.2 they differ (RFC 5705 §4)
     * @throws IllegalArgumentException if the label is not ASCII or reserved, or a length does
     *     not fit the construction
     */
    byte[] exportKeyingMaterial(String label, byte[] context, int length);

    /** Wipes the exporter secret; later calls fail. */
    @Override
    void destroy();
}
