package dev.bastion.tls.engine;

import java.security.Principal;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JSSE object a handshake belongs to, as the key manager, the trust manager and the ALPN
 * selector must see it: an {@code SSLEngine} ({@link EngineBinding}) or an {@code SSLSocket}
 * ({@link SocketBinding}). The JDK's managers read that object's handshake session (requested
 * server names, signature algorithms) and {@code SSLParameters} (endpoint identification,
 * algorithm constraints), so {@link EngineCredentials} always passes the right one.
 */
interface ManagerBinding {

    /** {@code chooseEngineServerAlias} or {@code chooseServerAlias(…, socket)}. */
    String chooseServerAlias(X509ExtendedKeyManager keys, String keyType, Principal[] issuers);

    /** {@code chooseEngineClientAlias} or {@code chooseClientAlias(…, socket)}. */
    String chooseClientAlias(X509ExtendedKeyManager keys, String[] keyTypes, Principal[] issuers);

    /** {@code checkServerTrusted} ({@code server}) or {@code checkClientTrusted}, with the engine or socket. */
    void checkTrusted(X509ExtendedTrustManager trust, X509Certificate[] chain, String authType, boolean server)
            throws CertificateException;

    /**
     * The application's {@code HandshakeApplicationProtocolSelector}, bound to the engine or
     * socket; its answer is null to refuse, "" for no ALPN. Empty when none is set.
     */
    Optional<Function<List<String>, String>> protocolSelector();

    /** The ALPN protocols of the engine's or socket's {@code SSLParameters}. */
    String[] applicationProtocols();
}
