package dev.bastion.tls.engine;

import java.security.Principal;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/** {@link ManagerBinding} for an {@link SSLEngine}: the managers' {@code …Engine…} methods. */
final class EngineBinding implements ManagerBinding {
    private final SSLEngine engine;

    EngineBinding(SSLEngine engine) {
        this.engine = engine;
    }

    @Override
    public String chooseServerAlias(X509ExtendedKeyManager keys, String keyType, Principal[] issuers) {
        return keys.chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseClientAlias(X509ExtendedKeyManager keys, String[] keyTypes, Principal[] issuers) {
        return keys.chooseEngineClientAlias(keyTypes, issuers, engine);
    }

    @Override
    public void checkTrusted(X509ExtendedTrustManager trust, X509Certificate[] chain, String authType, boolean server)
            throws CertificateException {
        if (server) {
            trust.checkServerTrusted(chain, authType, engine);
        } else {
            trust.checkClientTrusted(chain, authType, engine);
        }
    }

    @Override
    public Optional<Function<List<String>, String>> protocolSelector() {
        BiFunction<SSLEngine, List<String>, String> selector = engine.getHandshakeApplicationProtocolSelector();
        return selector == null ? Optional.empty() : Optional.of(offered -> selector.apply(engine, offered));
    }

    @Override
    public String[] applicationProtocols() {
        return engine.getSSLParameters().getApplicationProtocols();
    }
}
