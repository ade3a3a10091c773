package dev.bastion.tls;

import dev.bastion.tls.spi.BastionKeyManagerFactory;
import dev.bastion.tls.spi.BastionTrustManagerFactory;
import java.security.Provider;
import java.util.List;

/**
 * The Bastion JSSE provider: TLS 1.3 and TLS 1.2 in pure Java.
 *
 * <p>Select it by name ({@code SSLContext.getInstance("TLS", "Bastion")}) or list it first
 * in a {@code java.security} file ({@code security.provider.1=Bastion}). It offers SSLContext
 * "TLS" (alias "SSL"), "TLSv1.3", "TLSv1.2" and "Default", and its own KeyManagerFactory and
 * TrustManagerFactory, so it needs no other JSSE provider.
 */
public final class BastionProvider extends Provider {
    private static final long serialVersionUID = 1L;

    /** The provider name, {@value}. */
    public static final String NAME = "Bastion";

    /** The provider version string. */
    public static final String VERSION = "0.1";

    public BastionProvider() {
        super(NAME, VERSION, "Bastion TLS 1.3/1.2 provider (pure Java)");
        registerSslContexts();
        registerManagerFactories();
    }

    /** SSLContext "TLS" (alias "SSL"), "TLSv1.3", "TLSv1.2" and "Default". */
    private void registerSslContexts() {
        putService(new SslContextService(this, "TLS", List.of("SSL")));
        putService(new SslContextService(this, "TLSv1.3", List.of()));
        putService(new SslContextService(this, "Default", List.of()));
        putService(new SslContextService(this, "TLSv1.2", List.of()));
    }

    /**
     * KeyManagerFactory "PKIX" (alias "NewSunX509") and "SunX509" (key store aliases, as
     * SunJSSE's), and TrustManagerFactory "PKIX"
     * (aliases "SunX509", "SunPKIX", "X509", "X.509"): the JDK's default algorithm names of both
     * ({@code ssl.KeyManagerFactory.algorithm}, {@code ssl.TrustManagerFactory.algorithm}), so an
     * application finds Bastion's managers when SunJSSE is not installed.
     */
    private void registerManagerFactories() {
        putService(new FactoryService(this, "KeyManagerFactory", "PKIX", BastionKeyManagerFactory.class,
                List.of("NewSunX509"), BastionKeyManagerFactory::new));
        putService(new FactoryService(this, "KeyManagerFactory", "SunX509", BastionKeyManagerFactory.class,
                List.of(), BastionKeyManagerFactory::sunX509));
        putService(new FactoryService(this, "TrustManagerFactory", "PKIX", BastionTrustManagerFactory.class,
                List.of("SunX509", "SunPKIX", "X509", "X.509"), BastionTrustManagerFactory::new));
    }
}
