package dev.bastion.tls.engine;

import java.security.Principal;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@link ManagerBinding} for an {@link SSLSocket}: the managers' socket methods. The JDK's
 * trust manager checks the endpoint identity only when the socket {@code isConnected()}, which
 * {@link BastionSocket} answers for layered sockets too.
 */
final class SocketBinding implements ManagerBinding {
    private final SSLSocket socket;

    SocketBinding(SSLSocket socket) {
        this.socket = socket;
    }

    @Override
    public String chooseServerAlias(X509ExtendedKeyManager keys, String keyType, Principal[] issuers) {
        return keys.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseClientAlias(X509ExtendedKeyManager keys, String[] keyTypes, Principal[] issuers) {
        return keys.chooseClientAlias(keyTypes, issuers, socket);
    }

    @Override
    public void checkTrusted(X509ExtendedTrustManager trust, X509Certificate[] chain, String authType, boolean server)
            throws CertificateException {
        if (server) {
            trust.checkServerTrusted(chain, authType, socket);
        } else {
            trust.checkClientTrusted(chain, authType, socket);
        }
    }

    @Override
    public Optional<Function<List<String>, String>> protocolSelector() {
        BiFunction<SSLSocket, List<String>, String> selector = socket.getHandshakeApplicationProtocolSelector();
        return selector == null ? Optional.empty() : Optional.of(offered -> selector.apply(socket, offered));
    }

    @Override
    public String[] applicationProtocols() {
        return socket.getSSLParameters().getApplicationProtocols();
    }
}
