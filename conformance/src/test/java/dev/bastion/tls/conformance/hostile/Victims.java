package dev.bastion.tls.conformance.hostile;

import dev.bastion.tls.conformance.interop.Providers;
import dev.bastion.tls.conformance.interop.TestPki;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Engines under test: {@code SSLContext.getInstance("TLS", provider)} with the interop test
 * credentials (an ECDSA P-256 server certificate; clients trust the test CAs). Engines are made
 * without peer host and port, so no session is cached or resumed between scenarios.
 */
final class Victims {
    /** TLS 1.3 only: the outcome of a TLS 1.3 scenario must not change when TLS 1.2 lands. */
    static final String[] TLS13 = {"TLSv1.3"};
    /** The provider's default protocols. */
    static final String[] DEFAULTS = null;

    private static final Map<String, SSLContext> CONTEXTS = new ConcurrentHashMap<>();

    private Victims() {
    }

    static Victim client(String provider, String[] protocols, Consumer<SSLEngine> configure) {
        SSLContext ctx = CONTEXTS.computeIfAbsent(provider + "/client",
                k -> Providers.context(provider, "TLS", null, TestPki.get().trustManagers()));
        return make(provider, ctx, true, protocols, configure);
    }

    static Victim server(String provider, String[] protocols, Consumer<SSLEngine> configure) {
        SSLContext ctx = CONTEXTS.computeIfAbsent(provider + "/server", k -> Providers.context(provider, "TLS",
                TestPki.keyManagers(List.of(TestPki.get().server(ServerKey.EC))), TestPki.get().trustManagers()));
        return make(provider, ctx, false, protocols, configure);
    }

    /**
     * A Bastion engine from a context over these system properties instead of the JVM's (through
     * Bastion's own {@code PropertySource}), cached per role and properties. Other providers have
     * no per-context properties: the scenario does not apply to them.
     */
    static Victim withProperties(String provider, boolean client, String[] protocols, Map<String, String> properties) {
        if (!"Bastion".equals(provider)) {
            throw new ScriptStop("per-context properties " + properties + " are Bastion's (" + provider + " reads the JVM's)");
        }
        SSLContext ctx = CONTEXTS.computeIfAbsent(provider + (client ? "/client" : "/server") + properties, k -> {
            try {
                SSLContext c = new SSLContext(new dev.bastion.tls.spi.BastionSSLContext("TLS",
                        dev.bastion.tls.connection.config.PropertySource.of(properties, Map.of()),
                        dev.bastion.tls.connection.Handshakers.STANDARD), Providers.provider(provider), "TLS") { };
                c.init(client ? null : TestPki.keyManagers(List.of(TestPki.get().server(ServerKey.EC))),
                        TestPki.get().trustManagers(), null);
                return c;
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
        return make(provider, ctx, client, protocols, e -> { });
    }

    private static Victim make(String provider, SSLContext ctx, boolean client, String[] protocols,
            Consumer<SSLEngine> configure) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(client);
        if (protocols != null) {
            e.setEnabledProtocols(protocols);
        }
        configure.accept(e);
        return new Victim(provider, e);
    }
}
