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
