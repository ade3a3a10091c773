package dev.bastion.tls.jetty;

import java.util.List;
import javax.net.ssl.SSLEngine;
import org.eclipse.jetty.alpn.server.ALPNServerConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.ALPNProcessor;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

/**
 * Jetty 12's server-side ALPN hook for Bastion's {@link SSLEngine}, found by Jetty through
 * {@code ServiceLoader} ({@code META-INF/services/org.eclipse.jetty.io.ssl.ALPNProcessor$Server}).
 *
 * <p>Through the standard JSSE API only: the engine's
 * {@link SSLEngine#setHandshakeApplicationProtocolSelector handshake application protocol
 * selector} hands the client's offer (RFC 7301 §3.1) to Jetty's {@link ALPNServerConnection},
 * which picks one of the connector's protocols; the selector answers with that choice. A client
 * that offers no ALPN never reaches the selector: once the handshake succeeds the connection
 * is told so ({@link ALPNServerConnection#unsupported()}) and Jetty falls back to its default
 * protocol.
 */
public final class BastionAlpnServerProcessor implements ALPNProcessor.Server {
    /** Bastion's engine, named rather than linked: its package is not exported by the provider's module. */
    private static final String BASTION_ENGINE = "dev.bastion.tls.engine.BastionEngine";

    @Override
    public boolean appliesTo(SSLEngine sslEngine) {
        return sslEngine.getClass().getName().equals(BASTION_ENGINE);
    }

    @Override
    public void configure(SSLEngine sslEngine, Connection connection) {
        ALPNServerConnection alpn = (ALPNServerConnection) connection;
        sslEngine.setHandshakeApplicationProtocolSelector((engine, offered) -> choose(alpn, offered));
        SslConnection ssl = ((SslConnection.SslEndPoint) alpn.getEndPoint()).getSslConnection();
        ssl.addHandshakeListener(new SslHandshakeListener() {
            @Override
            public void handshakeSucceeded(Event event) {
                String chosen = sslEngine.getApplicationProtocol();
                if (chosen == null || chosen.isEmpty()) {
                    alpn.unsupported();
                }
            }
        });
    }

    /** Jetty's choice among {@code offered}; Jetty rejects an offer with nothing in common. */
    private static String choose(ALPNServerConnection alpn, List<String> offered) {
        alpn.select(offered);
        return alpn.getProtocol();
    }
}
