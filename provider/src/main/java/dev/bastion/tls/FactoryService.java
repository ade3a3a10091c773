package dev.bastion.tls;

import java.security.Provider;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A key or trust manager factory service that builds its SPI object without reflection, so the
 * provider works from the module path too, where {@code dev.bastion.tls.spi} is not exported.
 */
final class FactoryService extends Provider.Service {
    private final Supplier<Object> factory;

    FactoryService(Provider provider, String type, String algorithm, Class<?> implementation, List<String> aliases,
            Supplier<Object> factory) {
        super(provider, type, algorithm, implementation.getName(), aliases, Map.of("ImplementedIn", "Software"));
        this.factory = factory;
    }

    @Override
    public Object newInstance(Object constructorParameter) {
        return factory.get();
    }
}
