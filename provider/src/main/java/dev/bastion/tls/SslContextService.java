package dev.bastion.tls;

import dev.bastion.tls.spi.BastionSSLContext;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.List;
import java.util.Map;

/** An SSLContext service that builds {@link BastionSSLContext} without reflection (module friendly). */
final class SslContextService extends Provider.Service {
    private final String protocol;

    SslContextService(Provider provider, String protocol, List<String> aliases) {
        super(provider, "SSLContext", protocol, BastionSSLContext.class.getName(), aliases,
                Map.of("ImplementedIn", "Software"));
        this.protocol = protocol;
    }

    /** @throws NoSuchAlgorithmException when the context cannot be built (the Default one's key store, say) */
    @Override
    public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
        try {
            return new BastionSSLContext(protocol);
        } catch (RuntimeException e) {
            throw new NoSuchAlgorithmException("cannot create Bastion's SSLContext " + protocol + ": " + e.getMessage(), e);
        }
    }
}
