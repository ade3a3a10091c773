package dev.bastion.tls.conformance.interop;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A server key manager that picks, among the delegate's aliases of the requested key type,
 * the one whose certificate names the client's SNI host name; otherwise it defers to the
 * delegate. It relies only on the JSSE contract that a provider exposes the requested server
 * names through {@code engine.getHandshakeSession()} while it calls
 * {@code chooseEngineServerAlias}, so it checks exactly that of the provider under test.
 */
public final class SniKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager delegate;

    public SniKeyManager(X509ExtendedKeyManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        SSLSession hs = engine == null ? null : engine.getHandshakeSession();
        if (hs instanceof ExtendedSSLSession ext) {
            for (SNIServerName name : ext.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    String alias = aliasFor(keyType, issuers, host.getAsciiName());
                    if (alias != null) {
                        return alias;
                    }
                }
            }
        }
        return delegate.chooseEngineServerAlias(keyType, issuers, engine);
    }

    private String aliasFor(String keyType, Principal[] issuers, String host) {
        String[] aliases = delegate.getServerAliases(keyType, issuers);
        if (aliases == null) {
            return null;
        }
        for (String alias : aliases) {
            X509Certificate[] chain = delegate.getCertificateChain(alias);
            if (chain != null && chain.length > 0 && names(chain[0]).contains(host)) {
                return alias;
            }
        }
        return null;
    }

    private static List<String> names(X509Certificate cert) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            return sans == null ? List.of()
                    : sans.stream().filter(n -> Integer.valueOf(2).equals(n.get(0))).map(n -> (String) n.get(1)).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return delegate.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return delegate.chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return delegate.getClientAliases(keyType, issuers);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return delegate.getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return delegate.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return delegate.getPrivateKey(alias);
    }
}
