package dev.bastion.tls.engine;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.connection.config.AlpnCharset;
import dev.bastion.tls.connection.config.DisabledAlgorithms;
import dev.bastion.tls.handshake.Credentials;
import dev.bastion.tls.handshake.LocalCredential;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * {@link Credentials} over the context's key and trust managers, called with the engine or
 * socket ({@link ManagerBinding}) so that they see its handshake session (SNI, signature
 * algorithms) and parameters (endpoint identification):
 *
 * <ul>
 * <li>server certificate: {@code chooseEngineServerAlias(keyType, issuers, engine)} (sockets:
 *     {@code chooseServerAlias(…, socket)}) for each key type in the handshake's order; client
 *     certificate: {@code chooseEngineClientAlias} ({@code chooseClientAlias});
 *     a chain whose key {@code jdk.tls.disabledAlgorithms} refuses is skipped, and the handshake's
 *     failure message then says so ({@link #refusedChoice});</li>
 * <li>peer chains: {@code checkServerTrusted/checkClientTrusted(chain, authType, engine or socket)},
 *     rejections mapped by {@link CertificateAlerts}; a peer key refused by
 *     {@code jdk.tls.disabledAlgorithms} ("RSA keySize &lt; 2048") is {@code certificate_unknown};</li>
 * <li>the CAs a server's CertificateRequest names: the subjects of the trust manager's
 *     {@code getAcceptedIssuers()};</li>
 * <li>ALPN on the server: the application's selector if set (null: {@code no_application_protocol};
 *     "": no ALPN; a protocol the client did not offer: {@code no_application_protocol}), else the
 *     first of the engine's own protocols that the client offered;</li>
 * <li>the OCSP response a server staples: the context's {@link OcspStapler}.</li>
 * </ul>
 */
final class EngineCredentials implements Credentials {
    private final ManagerBinding binding;
    private final X509ExtendedKeyManager keys;
    private final X509ExtendedTrustManager trust;
    private final DisabledAlgorithms disabled;
    private final OcspStapler stapler;
    private final Charset alpnCharset;
    /** Why the last certificate the key manager chose was not used, for the handshake's failure message. */
    private String refusedChoice;

    EngineCredentials(BastionEngine engine, X509ExtendedKeyManager keys, X509ExtendedTrustManager trust,
            DisabledAlgorithms disabled, OcspStapler stapler, Charset alpnCharset) {
        this(new EngineBinding(engine), keys, trust, disabled, stapler, alpnCharset);
    }

    /**
     * Credentials whose manager calls carry the engine or socket of {@code binding};
     * {@code alpnCharset} ({@code jdk.tls.alpnCharset}) turns the client's ALPN names into the
     * strings the application compares and back.
     */
    EngineCredentials(ManagerBinding binding, X509ExtendedKeyManager keys, X509ExtendedTrustManager trust,
            DisabledAlgorithms disabled, OcspStapler stapler, Charset alpnCharset) {
        this.binding = binding;
        this.alpnCharset = alpnCharset;
        this.stapler = stapler;
        this.keys = keys;
        this.trust = trust;
        this.disabled = disabled;
    }

    @Override
    public Optional<LocalCredential> chooseServerCredential(List<String> keyTypes, List<Principal> issuers) {
        Principal[] iss = issuers.isEmpty() ? null : issuers.toArray(new Principal[0]);
        for (String type : keyTypes) {
            Optional<LocalCredential> c = credential(binding.chooseServerAlias(keys, type, iss));
            if (c.isPresent()) {
                return c;
            }
        }
        return Optional.empty();
    }

    @Override
    public List<LocalCredential> credentialsOfType(String keyType, List<Principal> issuers, boolean client) {
        Principal[] iss = issuers.isEmpty() ? null : issuers.toArray(new Principal[0]);
        String[] aliases = client ? keys.getClientAliases(keyType, iss) : keys.getServerAliases(keyType, iss);
        if (aliases == null) {
            return List.of();
        }
        List<LocalCredential> out = new ArrayList<>();
        for (String alias : aliases) {
            credential(alias).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<LocalCredential> chooseClientCredential(List<String> keyTypes, List<Principal> issuers) {
        if (keyTypes.isEmpty()) {
            return Optional.empty();
        }
        Principal[] iss = issuers.isEmpty() ? null : issuers.toArray(new Principal[0]);
        return credential(binding.chooseClientAlias(keys, keyTypes.toArray(new String[0]), iss));
    }

    @Override
    public List<byte[]> acceptedIssuers() {
        X509Certificate[] issuers = trust == null ? null : trust.getAcceptedIssuers();
        if (issuers == null) {
            return List.of();
        }
        Map<ByteBuffer, byte[]> names = new LinkedHashMap<>();
        for (X509Certificate issuer : issuers) {
            if (issuer != null) {
                byte[] name = issuer.getSubjectX500Principal().getEncoded();
                names.putIfAbsent(ByteBuffer.wrap(name), name);
            }
        }
        return List.copyOf(names.values());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        check(chain, authType, true);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        check(chain, authType, false);
    }

    @Override
    public Optional<String> selectApplicationProtocol(List<String> offeredOnWire) {
        List<String> offered = AlpnCharset.fromWire(offeredOnWire, alpnCharset);
        Optional<Function<List<String>, String>> selector = binding.protocolSelector();
        String chosen;
        if (selector.isPresent()) {
            chosen = selector.get().apply(offered);
            if (chosen == null || (!chosen.isEmpty() && !offered.contains(chosen))) {
                throw new TlsAlert(AlertDescription.NO_APPLICATION_PROTOCOL, "the application's protocol selector chose "
                        + (chosen == null ? "none" : "'" + chosen + "'") + " of the client's " + offered);
            }
            if (chosen.isEmpty()) {
                return Optional.empty();
            }
        } else {
            List<String> ours = List.of(binding.applicationProtocols());
            if (ours.isEmpty() || offered.isEmpty()) {
                return Optional.empty();
            }
            chosen = ours.stream().filter(offered::contains).findFirst().orElseThrow(() -> new TlsAlert(
                    AlertDescription.NO_APPLICATION_PROTOCOL, "no application protocol in common: the client offered "
                    + offered + ", this server supports " + ours));
        }
        // the client's own bytes go back, even where decoding them was lossy
        return Optional.of(offeredOnWire.get(offered.indexOf(chosen)));
    }

    private void check(X509Certificate[] chain, String authType, boolean server) {
        String whose = server ? "server" : "client";
        if (trust == null) {
            throw new TlsAlert(AlertDescription.CERTIFICATE_UNKNOWN, "no X509TrustManager is configured to check the " + whose + " certificate");
        }
        if (chain.length > 0 && !disabled.permits(chain[0].getPublicKey())) {
            throw new TlsAlert(AlertDescription.CERTIFICATE_UNKNOWN, "the " + whose + " certificate's "
                    + chain[0].getPublicKey().getAlgorithm() + " key is disabled by jdk.tls.disabledAlgorithms ("
                    + DisabledAlgorithms.describe(chain[0].getPublicKey()) + ")");
        }
        try {
            binding.checkTrusted(trust, chain.clone(), authType, server);
        } catch (CertificateException | IllegalArgumentException e) {
            throw CertificateAlerts.of(e, whose);
        }
    }

    private Optional<LocalCredential> credential(String alias) {
        if (alias == null) {
            return Optional.empty();
        }
        X509Certificate[] chain = keys.getCertificateChain(alias);
        PrivateKey key = keys.getPrivateKey(alias);
        if (chain == null || chain.length == 0 || key == null) {
            return Optional.empty();
        }
        if (!disabled.permits(chain[0].getPublicKey())) {
            refusedChoice = "the key manager chose '" + alias + "', whose " + DisabledAlgorithms.describe(chain[0].getPublicKey())
                    + " key jdk.tls.disabledAlgorithms refuses";
            return Optional.empty();
        }
        return Optional.of(new LocalCredential(List.of(chain), key));
    }

    @Override
    public Optional<String> refusedChoice() {
        return Optional.ofNullable(refusedChoice);
    }

    @Override
    public Optional<byte[]> ocspStaple(List<X509Certificate> chain, byte[] requestExtensions) {
        return stapler.staple(chain, requestExtensions);
    }
}
