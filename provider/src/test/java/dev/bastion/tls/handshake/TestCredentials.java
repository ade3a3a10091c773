package dev.bastion.tls.handshake;

import dev.bastion.tls.codec.TlsAlert;
import java.security.Principal;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Fixed answers for {@link Credentials}: a list of server credentials (the first whose key
 * type is asked for wins, key types tried in the order given), an optional client credential,
 * a trust decision, and an ALPN selector; every call is recorded.
 */
public final class TestCredentials implements Credentials {
    public final List<LocalCredential> serverCredentials = new ArrayList<>();
    public Optional<LocalCredential> clientCredential = Optional.empty();
    /** Thrown by both trust checks when set. */
    public TlsAlert distrust;
    public Function<List<String>, Optional<String>> alpnSelector = offered -> Optional.empty();
    /** What {@link #credentialsOfType} lists (filtered by key type), for both sides. */
    public final List<LocalCredential> listed = new ArrayList<>();
    /** What {@link #acceptedIssuers} answers. */
    public List<byte[]> acceptedIssuers = List.of();

    public final List<List<String>> serverKeyTypeRequests = new ArrayList<>();
    public final List<List<String>> clientKeyTypeRequests = new ArrayList<>();
    /** The issuers each client-credential request carried. */
    public final List<List<Principal>> clientIssuerRequests = new ArrayList<>();
    public final List<X509Certificate[]> serverChecks = new ArrayList<>();
    public final List<X509Certificate[]> clientChecks = new ArrayList<>();
    public final List<String> authTypes = new ArrayList<>();

    public TestCredentials server(LocalCredential... credentials) {
        serverCredentials.addAll(List.of(credentials));
        return this;
    }

    public TestCredentials client(LocalCredential credential) {
        clientCredential = Optional.of(credential);
        return this;
    }

    @Override
    public Optional<LocalCredential> chooseServerCredential(List<String> keyTypes, List<Principal> issuers) {
        serverKeyTypeRequests.add(List.copyOf(keyTypes));
        for (String type : keyTypes) {
            for (LocalCredential c : serverCredentials) {
                if (keyType(c).equals(type)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public List<LocalCredential> credentialsOfType(String keyType, List<Principal> issuers, boolean client) {
        return listed.stream().filter(c -> keyType(c).equals(keyType)).toList();
    }

    @Override
    public Optional<LocalCredential> chooseClientCredential(List<String> keyTypes, List<Principal> issuers) {
        clientKeyTypeRequests.add(List.copyOf(keyTypes));
        clientIssuerRequests.add(List.copyOf(issuers));
        return clientCredential.filter(c -> keyTypes.contains(keyType(c)));
    }

    @Override
    public List<byte[]> acceptedIssuers() {
        return acceptedIssuers;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        serverChecks.add(chain.clone());
        authTypes.add(authType);
        if (distrust != null) {
            throw distrust;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        clientChecks.add(chain.clone());
        authTypes.add(authType);
        if (distrust != null) {
            throw distrust;
        }
    }

    @Override
    public Optional<String> selectApplicationProtocol(List<String> offered) {
        return alpnSelector.apply(offered);
    }

    /** The JSSE key type a key manager would match for {@code c}. */
    static String keyType(LocalCredential c) {
        String alg = c.chain().get(0).getPublicKey().getAlgorithm();
        return alg.equals("Ed25519") ? "EdDSA" : alg;
    }
}
