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

    /** The scalar fields of the supported, default and engine parameters answer as SunJSSE's do. */
    @Test
    void parameterFieldsAsSunJsse() throws Exception {
        SSLContext ctx = context("TLS", Map.of());
        ctx.init(null, null, null);
        SSLContext sun = SSLContext.getInstance("TLS", "SunJSSE");
        sun.init(null, null, null);
        SSLParameters[] ours = {ctx.getSupportedSSLParameters(), ctx.getDefaultSSLParameters(),
            ctx.createSSLEngine().getSSLParameters()};
        SSLParameters[] theirs = {sun.getSupportedSSLParameters(), sun.getDefaultSSLParameters(),
            sun.createSSLEngine().getSSLParameters()};
        for (int i = 0; i < ours.length; i++) {
            assertEquals(fields(theirs[i]), fields(ours[i]), "parameters " + i);
        }
    }

    private static String fields(SSLParameters p) {
        return "order=" + p.getUseCipherSuitesOrder() + " maximumPacketSize=" + p.getMaximumPacketSize()
                + " retransmissions=" + p.getEnableRetransmissions() + " need=" + p.getNeedClientAuth()
                + " want=" + p.getWantClientAuth() + " identification=" + p.getEndpointIdentificationAlgorithm()
                + " serverNames=" + p.getServerNames() + " alpn=" + List.of(p.getApplicationProtocols());
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
    void socketFactoriesNeedAnInitialisedContext() throws Exception {
        SSLContext ctx = context("TLS", Map.of());
        assertThrows(IllegalStateException.class, ctx::getSocketFactory);
        assertThrows(IllegalStateException.class, ctx::getServerSocketFactory);
        ctx.init(null, null, null);
        assertEquals("BastionSocketFactory", ctx.getSocketFactory().getClass().getSimpleName());
        assertEquals("BastionServerSocketFactory", ctx.getServerSocketFactory().getClass().getSimpleName());
        assertArrayEquals(ctx.getDefaultSSLParameters().getCipherSuites(), ctx.getSocketFactory().getDefaultCipherSuites());
    }

    @Test
    void aProtocolPropertyNamingNoProtocolFailsTheTlsAndDefaultContextsOnCreation() {
        Map<String, String> sys = Map.of("jdk.tls.client.protocols", "TLSv1.3,FOO");
        for (String protocol : List.of("TLS", "Default")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> context(protocol, sys));
            assertTrue(e.getMessage().startsWith("jdk.tls.client.protocols: FOO is not a supported SSL protocol name"), e.getMessage());
        }
        context("TLSv1.3", sys);
    }

    @Test
    void namedGroupsNamingNoSupportedGroupFailsEveryEngineAndSocket() throws Exception {
        SSLContext ctx = context("TLS", Map.of("jdk.tls.namedGroups", "foo"));
        ctx.init(null, null, null);
        assertThrows(IllegalArgumentException.class, ctx::createSSLEngine);
        assertThrows(IllegalArgumentException.class, () -> ctx.createSSLEngine("example.com", 443));
        assertThrows(IllegalArgumentException.class, () -> ctx.getSocketFactory().createSocket());
        assertThrows(IllegalArgumentException.class, () -> ctx.getServerSocketFactory().createServerSocket());
    }
}
