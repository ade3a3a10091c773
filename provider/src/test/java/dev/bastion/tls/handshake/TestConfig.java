package dev.bastion.tls.handshake;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;

/** A mutable builder of {@link HandshakeConfig} with TLS 1.3 defaults, for tests. */
public final class TestConfig {
    public static final List<CipherSuite> TLS13_SUITES = List.of(CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_AES_256_GCM_SHA384, CipherSuite.TLS_CHACHA20_POLY1305_SHA256);
    public static final List<NamedGroup> GROUPS = List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519,
            NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.X448, NamedGroup.FFDHE2048);
    public static final List<SignatureScheme> SCHEMES = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ED25519, SignatureScheme.RSA_PSS_RSAE_SHA256,
            SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_PSS_SHA256, SignatureScheme.RSA_PKCS1_SHA256);

    public boolean client;
    public List<Integer> versions = List.of(HandshakeConfig.TLS13);
    public List<CipherSuite> suites = TLS13_SUITES;
    public List<NamedGroup> groups = GROUPS;
    public List<NamedGroup> keyShareGroups = List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519);
    public List<SignatureScheme> schemes = SCHEMES;
    public List<SignatureScheme> certificateSchemes = List.of();
    public List<String> alpn = List.of();
    public Optional<String> peerHost = Optional.empty();
    public List<SNIServerName> serverNames = List.of();
    public List<SNIMatcher> sniMatchers = List.of();
    public ClientAuth clientAuth = ClientAuth.NONE;
    public boolean serverOrder;
    public boolean compatibility = true;
    /** Whether a client asks for an OCSP staple (status_request); off unless a test wants it. */
    public boolean statusRequest;
    public boolean certificateAuthorities;
    public Tls12Options tls12 = Tls12Options.DEFAULT;
    /** {@code jdk.tls.client/server.disableExtensions}. */
    public java.util.Set<dev.bastion.tls.message.ext.ExtensionType> disabledExtensions = java.util.Set.of();
    /** Client: the max_fragment_length to ask for, in bytes; 0 for none. */
    public int maxFragmentLength;
    /** Whether a full handshake may make a new session ({@code setEnableSessionCreation}). */
    public boolean sessionCreation = true;

    private TestConfig(boolean client) {
        this.client = client;
    }

    public static TestConfig client() {
        return new TestConfig(true);
    }

    public static TestConfig server() {
        return new TestConfig(false);
    }

    public TestConfig groups(NamedGroup... g) {
        groups = List.of(g);
        keyShareGroups = keyShareGroups.stream().filter(groups::contains).toList();
        return this;
    }

    public TestConfig shares(NamedGroup... g) {
        keyShareGroups = List.of(g);
        return this;
    }

    public TestConfig suites(CipherSuite... s) {
        suites = List.of(s);
        return this;
    }

    public TestConfig alpn(String... protocols) {
        alpn = List.of(protocols);
        return this;
    }

    public HandshakeConfig build() {
        return new HandshakeConfig(client, versions, suites, groups, keyShareGroups, schemes, certificateSchemes, alpn,
                peerHost, 443, serverNames, true, sniMatchers, clientAuth, serverOrder, compatibility,
                client && statusRequest, client && certificateAuthorities, 32768, 10, tls12, disabledExtensions,
                client ? maxFragmentLength : 0, sessionCreation);
    }
}
