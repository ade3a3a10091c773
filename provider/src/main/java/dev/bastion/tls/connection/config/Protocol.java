package dev.bastion.tls.connection.config;

import java.util.Optional;

/**
 * Protocol names as JSSE spells them ({@code setEnabledProtocols}, {@code jdk.tls.*.protocols},
 * {@code jdk.tls.disabledAlgorithms}), with their wire codes.
 *
 * <p>{@link #supported()} protocols are the ones {@code getSupportedProtocols()} lists.
 * {@link #implemented()} says whether a handshake exists for it: TLS 1.3 and TLS 1.2. The
 * legacy names are recognised so that
 * applications that enable them (as SunJSSE allows) do not fail; they are never negotiated
 * (MODELS.md §5.7).
 */
public enum Protocol {
    TLS13("TLSv1.3", 0x0304, true, true),
    TLS12("TLSv1.2", 0x0303, true, true),
    TLS11("TLSv1.1", 0x0302, false, false),
    TLS10("TLSv1", 0x0301, false, false),
    SSL3("SSLv3", 0x0300, false, false),
    SSL2_HELLO("SSLv2Hello", 0x0002, false, false);

    /** {@code values()} without a copy per lookup; never written. */
    private static final Protocol[] VALUES = values();

    private final String jsseName;
    private final int code;
    private final boolean supported;
    private final boolean implemented;

    Protocol(String jsseName, int code, boolean supported, boolean implemented) {
        this.jsseName = jsseName;
        this.code = code;
        this.supported = supported;
        this.implemented = implemented;
    }

    /** The JSSE name, e.g. {@code TLSv1.3}. */
    public String jsseName() {
        return jsseName;
    }

    /** The wire code ({@code ProtocolVersion}), e.g. 0x0304. */
    public int code() {
        return code;
    }

    /** Listed by {@code getSupportedProtocols()}. */
    public boolean supported() {
        return supported;
    }

    /** A handshake for it exists, so it can be negotiated. */
    public boolean implemented() {
        return implemented;
    }

    /** The protocol with this JSSE name (exact spelling, as SunJSSE requires). */
    public static Optional<Protocol> fromName(String name) {
        for (Protocol p : VALUES) {
            if (p.jsseName.equals(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The protocol with this wire code. */
    public static Optional<Protocol> fromCode(int code) {
        for (Protocol p : VALUES) {
            if (p.code == code) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
