package dev.bastion.tls.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.BastionProvider;
import dev.bastion.tls.connection.Handshakers;
import dev.bastion.tls.connection.config.PropertySource;
import dev.bastion.tls.engine.BastionEngine;
import java.security.KeyManagementException;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

class BastionSSLContextTest {

    private static SSLContext context(String protocol, Map<String, String> system) {
        BastionSSLContext spi = new BastionSSLContext(protocol, PropertySource.of(system, Map.of()), Handshakers.STANDARD);
        return new SSLContext(spi, new BastionProvider(), protocol) { };
    }

    @Test
    void mustBeInitialisedLikeSunJsse() {
        SSLContext ctx = context("TLS", Map.of());
        IllegalStateException e = assertThrows(IllegalStateException.class, ctx::createSSLEngine);
        assertEquals("SSLContext is not initialized", e.getMessage());
        assertThrows(IllegalStateException.class, ctx::getDefaultSSLParameters);
    }

    @Test
    void initWithNullsUsesTheDefaults() throws Exception {
        SSLContext ctx = context("TLS", Map.of());
        ctx.init(null, null, null);
        SSLEngine e = ctx.createSSLEngine("example.com", 443);
        assertInstanceOf(BastionEngine.class, e);
        assertEquals("example.com", e.getPeerHost());
        assertEquals(443, e.getPeerPort());
        SSLParameters d = ctx.getDefaultSSLParameters();
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, d.getProtocols(), "as SunJSSE");
        SSLParameters s = ctx.getSupportedSSLParameters();
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, s.getProtocols());
        assertTrue(List.of(s.getCipherSuites()).containsAll(List.of(d.getCipherSuites())));
        assertEquals(86400, ctx.getClientSessionContext().getSessionTimeout());
        assertEquals(20480, ctx.getServerSessionContext().getSessionCacheSize());
    }

    @Test
    void defaultContextInitialisesItself() throws Exception {
        SSLContext ctx = context("Default", Map.of());
        ctx.createSSLEngine();
        KeyManagementException e = assertThrows(KeyManagementException.class, () -> ctx.init(null, null, null));
        assertEquals("Default SSLContext is initialized automatically", e.getMessage());
    }

    @Test
    void clientProtocolsPropertyShapesTheDefaults() throws Exception {
        SSLContext ctx = context("TLS", Map.of("jdk.tls.client.protocols", "TLSv1.2"));
        ctx.init(null, null, null);
        assertArrayEquals(new String[] {"TLSv1.2"}, ctx.getDefaultSSLParameters().getProtocols());
        SSLEngine server = ctx.createSSLEngine();
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, server.getEnabledProtocols(), "server side untouched");
    }

    @Test
    void socketsAreNotThereYet() throws Exception {
        SSLContext ctx = context("TLS", Map.of());
        ctx.init(null, null, null);
        assertThrows(UnsupportedOperationException.class, ctx::getSocketFactory);
        assertThrows(UnsupportedOperationException.class, ctx::getServerSocketFactory);
    }
}
