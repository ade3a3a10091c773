package dev.bastion.tls.connection;

import dev.bastion.tls.handshake.Credentials;
import dev.bastion.tls.handshake.LocalCredential;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** Credentials for handshakers that never ask (the fake one). */
public final class NoCredentials implements Credentials {
    public static final NoCredentials INSTANCE = new NoCredentials();

    @Override
    public Optional<LocalCredential> chooseServerCredential(List<String> keyTypes, List<Principal> issuers) {
        return Optional.empty();
    }

    @Override
    public Optional<LocalCredential> chooseClientCredential(List<String> keyTypes, List<Principal> issuers) {
        return Optional.empty();
    }

    @Override
    public List<byte[]> acceptedIssuers() {
        return List.of();
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
    }

    @Override
    public Optional<String> selectApplicationProtocol(List<String> offered) {
        return Optional.empty();
    }
}
