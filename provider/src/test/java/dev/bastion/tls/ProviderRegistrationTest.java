package dev.bastion.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.bastion.tls.engine.BastionEngine;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The registration the lead switches on at integration ({@link BastionProvider#REGISTER_SSL_CONTEXTS}). */
class ProviderRegistrationTest {

    @Test
    void noServicesUntilSwitchedOn() {
        assertFalse(BastionProvider.REGISTER_SSL_CONTEXTS, "switch on only when a real handshake works");
        assertEquals(Set.of(), new BastionProvider().getServices());
    }

    @Test
    void registrationCodeProducesWorkingContexts() throws Exception {
        BastionProvider p = new BastionProvider();
        p.registerSslContexts();
        assertEquals(Set.of("TLS", "TLSv1.3", "Default"),
                p.getServices().stream().map(java.security.Provider.Service::getAlgorithm).collect(Collectors.toSet()));
        SSLContext ctx = SSLContext.getInstance("SSL", p);
        assertEquals("SSL", ctx.getProtocol());
        ctx.init(null, null, null);
        assertInstanceOf(BastionEngine.class, ctx.createSSLEngine());
        assertEquals(p, SSLContext.getInstance("Default", p).getProvider());
    }
}
