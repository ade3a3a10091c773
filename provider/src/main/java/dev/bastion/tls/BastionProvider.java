package dev.bastion.tls;

import java.security.Provider;

/**
 * The Bastion JSSE provider: TLS 1.3 and TLS 1.2 in pure Java.
 *
 * <p>Select it by name ({@code SSLContext.getInstance("TLS", "Bastion")}) or list it first
 * in a {@code java.security} file ({@code security.provider.1=Bastion}). Services are
 * registered only once they work end to end.
 */
public final class BastionProvider extends Provider {
    private static final long serialVersionUID = 1L;

    /** The provider name, {@value}. */
    public static final String NAME = "Bastion";

    /** The provider version string. */
    public static final String VERSION = "0.1";

    public BastionProvider() {
        super(NAME, VERSION, "Bastion TLS 1.3/1.2 provider (pure Java)");
    }
}
