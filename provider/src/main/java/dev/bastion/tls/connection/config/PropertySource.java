package dev.bastion.tls.connection.config;

import java.security.Security;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where configuration properties come from: system properties ({@code jdk.tls.client.protocols}
 * ...) and security properties ({@code jdk.tls.disabledAlgorithms}, {@code jdk.tls.keyLimits}).
 * Tests pass maps instead of changing the JVM's global state.
 *
 * @param system looks up a system property; null when unset
 * @param security looks up a security property; null when unset
 */
public record PropertySource(UnaryOperator<String> system, UnaryOperator<String> security) {

    public PropertySource {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(security, "security");
    }

    /** The JVM's system and security properties. */
    public static PropertySource jvm() {
        return new PropertySource(System::getProperty, Security::getProperty);
    }

    /** Fixed values (tests). */
    public static PropertySource of(Map<String, String> system, Map<String, String> security) {
        Map<String, String> sys = Map.copyOf(system);
        Map<String, String> sec = Map.copyOf(security);
        return new PropertySource(sys::get, sec::get);
    }
}
