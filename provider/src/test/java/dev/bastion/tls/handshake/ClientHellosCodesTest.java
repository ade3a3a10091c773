package dev.bastion.tls.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import dev.bastion.tls.message.ext.SignatureAlgorithmsCert;
import dev.bastion.tls.message.ext.SupportedGroups;
import dev.bastion.tls.message.ext.SupportedVersionsClientHello;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The code lists of a ClientHello are remembered per configuration list; the hello must be the
 * same as one computed from scratch, for every combination of enabled versions, and the same
 * whether the lists are the remembered instances or fresh equal copies.
 */
class ClientHellosCodesTest {
    private static final List<CipherSuite> SUITES = List.of(CipherSuite.TLS_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384);
    private static final List<SignatureScheme> SCHEMES = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PKCS1_SHA1,
            SignatureScheme.ECDSA_SHA1);

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void codesEqualAFreshComputation(int versionBits) {
        List<Integer> versions = new ArrayList<>();
        if ((versionBits & 1) != 0) {
            versions.add(HandshakeConfig.TLS13);
        }
        if ((versionBits & 2) != 0) {
            versions.add(HandshakeConfig.TLS12);
        }
        for (int round = 0; round < 3; round++) {
            TestConfig t = TestConfig.client();
            t.versions = List.copyOf(versions);
            // round 0 and 1 share list instances (the second is remembered), round 2 has fresh copies
            t.suites = round < 2 ? SUITES : List.copyOf(new ArrayList<>(SUITES));
            t.schemes = round < 2 ? SCHEMES : List.copyOf(new ArrayList<>(SCHEMES));
            t.certificateSchemes = t.schemes;
            t.keyShareGroups = List.of();
            t.groups = List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519, NamedGroup.SECP256R1);
            check(t.build());
        }
    }

    private static void check(HandshakeConfig config) {
        boolean tls13 = config.enables(HandshakeConfig.TLS13);
        boolean tls12 = config.enables(HandshakeConfig.TLS12);
        ClientHello ch = ClientHellos.build(config, Opaque.of(new byte[32]), Opaque.of(new byte[0]), List.of());

        List<Integer> suites = new ArrayList<>();
        for (CipherSuite s : config.cipherSuites()) {
            if (s.isTls13() ? tls13 : tls12) {
                suites.add(s.code());
            }
        }
        if (tls12) {
            suites.add(ClientHellos.EMPTY_RENEGOTIATION_INFO_SCSV);
        }
        assertEquals(suites, ch.cipherSuites());

        List<Integer> groups = new ArrayList<>();
        for (NamedGroup g : config.groups()) {
            if (tls13 || g.usableInTls12()) {
                groups.add(g.code());
            }
        }
        assertEquals(groups, ch.extensions().get(SupportedGroups.class).orElseThrow().groups());

        List<Integer> schemes = new ArrayList<>();
        for (SignatureScheme s : config.signatureSchemes()) {
            if (tls13 && s.usableForHandshakeSignatures(HandshakeConfig.TLS13)
                    || tls12 && (s.usableForHandshakeSignatures(HandshakeConfig.TLS12) || s.isLegacySha1())) {
                schemes.add(s.code());
            }
        }
        assertEquals(schemes, ch.extensions().get(SignatureAlgorithms.class).orElseThrow().schemes());
        assertEquals(config.certificateSchemes().stream().map(SignatureScheme::code).toList(),
                ch.extensions().get(SignatureAlgorithmsCert.class).orElseThrow().schemes());
        assertEquals(tls13, ch.extensions().get(SupportedVersionsClientHello.class).isPresent());
    }
}
