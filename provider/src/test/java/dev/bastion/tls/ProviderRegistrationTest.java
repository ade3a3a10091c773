package dev.bastion.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.bastion.tls.engine.BastionEngine;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The provider offers exactly the SSLContext services that work, and they make Bastion engines. */
class ProviderRegistrationTest {

    @Test
    void registersTheContexts() throws Exception {
        BastionProvider p = new BastionProvider();
        assertEquals(Set.of("SSLContext.TLS", "SSLContext.TLSv1.3", "SSLContext.TLSv1.2", "SSLContext.Default",
                "KeyManagerFactory.PKIX", "KeyManagerFactory.SunX509", "TrustManagerFactory.PKIX"), p.getServices().stream()
                .map(s -> s.getType() + "." + s.getAlgorithm()).collect(Collectors.toSet()));
        SSLContext ctx = SSLContext.getInstance("SSL", p);
        assertEquals("SSL", ctx.getProtocol());
        ctx.init(null, null, null);
        assertInstanceOf(BastionEngine.class, ctx.createSSLEngine());
        assertEquals(p, SSLContext.getInstance("Default", p).getProvider());
        SSLContext tls12 = SSLContext.getInstance("TLSv1.2", p);
        tls12.init(null, null, null);
        assertArrayEquals(new String[] {"TLSv1.2"}, tls12.getDefaultSSLParameters().getProtocols());
        javax.net.ssl.SSLEngine client = tls12.createSSLEngine();
        client.setUseClientMode(true);
        assertArrayEquals(new String[] {"TLSv1.2"}, client.getEnabledProtocols(), "as SunJSSE 17");
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, tls12.createSSLEngine().getEnabledProtocols(),
                "a server engine of a TLSv1.2 context, as SunJSSE 17");
    }
}
