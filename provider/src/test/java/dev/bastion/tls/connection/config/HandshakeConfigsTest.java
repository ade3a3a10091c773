package dev.bastion.tls.connection.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.message.ext.ExtensionType;
import java.security.AlgorithmConstraints;
import java.security.AlgorithmParameters;
import java.security.CryptoPrimitive;
import java.security.Key;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;

class HandshakeConfigsTest {
    private static final TlsPolicy POLICY = TlsPolicy.load(PropertySource.of(Map.of(), Map.of()), "TLS");

    private static String[] allSuites() {
        return TlsDefaults.CIPHER_SUITES.stream().map(CipherSuite::jsseName).toArray(String[]::new);
    }

    @Test
    void keepsImplementedProtocolsAndTheSuitesTheyCanUse() {
        SSLParameters p = new SSLParameters(allSuites(), new String[] {"TLSv1.2", "TLSv1.3", "SSLv3"});
        p.setApplicationProtocols(new String[] {"h2", "http/1.1"});
        p.setServerNames(List.of(new SNIHostName("example.com")));
        p.setUseCipherSuitesOrder(false);
        HandshakeConfig c = HandshakeConfigs.build(POLICY, true, p, "example.com", 443, ClientAuth.REQUIRED);
        assertEquals(List.of(0x0304, 0x0303), c.versions(), "highest first, SSLv3 never");
        assertEquals(3, c.cipherSuites().stream().filter(CipherSuite::isTls13).count());
        assertEquals(11, c.cipherSuites().stream().filter(s -> !s.isTls13()).count());
        assertEquals(List.of("h2", "http/1.1"), c.applicationProtocols());
        assertEquals(List.of(new SNIHostName("example.com")), c.serverNames());
        assertEquals("example.com", c.peerHost().orElseThrow());
        assertEquals(443, c.peerPort());
        assertEquals(ClientAuth.NONE, c.clientAuth(), "client auth is a server setting");
        assertFalse(c.honourServerCipherSuiteOrder());
        assertTrue(c.client());
        assertEquals(POLICY.clientSchemes(), c.signatureSchemes());
    }

    @Test
    void disabledExtensionsTurnIntoTheClientsSwitchesAndTravelWithTheConfig() {
        SSLParameters p = new SSLParameters(allSuites(), new String[] {"TLSv1.3", "TLSv1.2"});
        p.setApplicationProtocols(new String[] {"h2"});
        TlsPolicy policy = TlsPolicy.load(PropertySource.of(Map.of(
                "jdk.tls.client.disableExtensions", "server_name,application_layer_protocol_negotiation,status_request,"
                        + "extended_master_secret,ec_point_formats",
                "jdk.tls.client.enableCAExtension", "true",
                "jdk.tls.server.disableExtensions", "certificate_authorities"), Map.of()), "TLS");
        HandshakeConfig client = HandshakeConfigs.build(policy, true, p, "example.com", 443, ClientAuth.NONE);
        assertFalse(client.serverNameExtension());
        assertEquals(List.of(), client.applicationProtocols());
        assertFalse(client.statusRequest());
        assertFalse(client.tls12().useExtendedMasterSecret());
        assertTrue(client.certificateAuthorities(), "only the server disabled certificate_authorities");
        assertTrue(client.disables(ExtensionType.EC_POINT_FORMATS));
        assertEquals(List.of(0x0304, 0x0303), client.versions());
        HandshakeConfig server = HandshakeConfigs.build(policy, false, p, null, -1, ClientAuth.NONE);
        assertEquals(List.of("h2"), server.applicationProtocols(), "the client's switches are not the server's");
        assertTrue(server.tls12().useExtendedMasterSecret());
        assertEquals(Set.of(ExtensionType.CERTIFICATE_AUTHORITIES), server.disabledExtensions());
    }

    @Test
    void aClientWithoutAnExtensionTls13NeedsOffersTls12Alone() {
        SSLParameters both = new SSLParameters(allSuites(), new String[] {"TLSv1.3", "TLSv1.2"});
        SSLParameters only13 = new SSLParameters(allSuites(), new String[] {"TLSv1.3"});
        for (String name : List.of("supported_versions", "key_share", "supported_groups", "signature_algorithms")) {
            TlsPolicy policy = TlsPolicy.load(PropertySource.of(Map.of("jdk.tls.client.disableExtensions", name),
                    Map.of()), "TLS");
            HandshakeConfig c = HandshakeConfigs.build(policy, true, both, "example.com", 443, ClientAuth.NONE);
            assertEquals(List.of(0x0303), c.versions(), name);
            assertTrue(c.cipherSuites().stream().noneMatch(CipherSuite::isTls13), name);
            assertEquals(List.of(0x0304, 0x0303),
                    HandshakeConfigs.build(policy, false, both, null, -1, ClientAuth.NONE).versions(), "server, " + name);
            TlsAlert e = assertThrows(TlsAlert.class,
                    () -> HandshakeConfigs.build(policy, true, only13, "example.com", 443, ClientAuth.NONE));
            assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert(), name);
        }
    }

    @Test
    void serverGetsMatchersAndClientAuth() {
        SSLParameters p = new SSLParameters(allSuites(), new String[] {"TLSv1.3"});
        SNIMatcher m = SNIHostName.createSNIMatcher("www\\.example\\.com");
        p.setSNIMatchers(List.of(m));
        HandshakeConfig c = HandshakeConfigs.build(POLICY, false, p, null, -1, ClientAuth.WANTED);
        assertEquals(List.of(m), c.sniMatchers());
        assertEquals(ClientAuth.WANTED, c.clientAuth());
        assertTrue(c.peerHost().isEmpty());
        assertEquals(POLICY.serverSchemes(), c.signatureSchemes());
    }

    @Test
    void onlyTls12KeepsTheTls12Suites() {
        SSLParameters p = new SSLParameters(allSuites(), new String[] {"TLSv1.2"});
        HandshakeConfig c = HandshakeConfigs.build(POLICY, true, p, null, -1, ClientAuth.NONE);
        assertEquals(List.of(0x0303), c.versions());
        assertTrue(c.cipherSuites().stream().noneMatch(CipherSuite::isTls13));
    }

    /** SunJSSE's "active protocols": a version without a usable suite is not offered. */
    @Test
    void aVersionWithoutSuitesIsLeftOut() {
        SSLParameters p = new SSLParameters(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"},
                new String[] {"TLSv1.3", "TLSv1.2"});
        assertEquals(List.of(0x0303), HandshakeConfigs.build(POLICY, true, p, null, -1, ClientAuth.NONE).versions());
        SSLParameters only13 = new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256"}, new String[] {"TLSv1.3", "TLSv1.2"});
        assertEquals(List.of(0x0304), HandshakeConfigs.build(POLICY, false, only13, null, -1, ClientAuth.NONE).versions());
    }

    @Test
    void tls13SuitesWithOnlyTls12FailAsSunJsseDoes() {
        SSLParameters p = new SSLParameters(new String[] {"TLS_AES_128_GCM_SHA256"}, new String[] {"TLSv1.2"});
        TlsAlert e = assertThrows(TlsAlert.class, () -> HandshakeConfigs.build(POLICY, true, p, null, -1, ClientAuth.NONE));
        assertEquals(AlertDescription.HANDSHAKE_FAILURE, e.alert());
        assertTrue(e.getMessage().startsWith("No appropriate protocol"), e.getMessage());
    }

    @Test
    void onlyTls12SuitesWithTls13FailsToo() {
        SSLParameters p = new SSLParameters(new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            TlsDefaults.RENEGOTIATION_SCSV}, new String[] {"TLSv1.3"});
        assertThrows(TlsAlert.class, () -> HandshakeConfigs.build(POLICY, true, p, null, -1, ClientAuth.NONE));
    }

    @Test
    void disabledSuitesAreDroppedAtHandshakeTime() {
        TlsPolicy strict = TlsPolicy.load(PropertySource.of(Map.of(),
                Map.of("jdk.tls.disabledAlgorithms", "TLS_AES_256_GCM_SHA384")), "TLS");
        SSLParameters p = new SSLParameters(allSuites(), new String[] {"TLSv1.3"});
        HandshakeConfig c = HandshakeConfigs.build(strict, true, p, null, -1, ClientAuth.NONE);
        assertEquals(List.of(CipherSuite.TLS_AES_128_GCM_SHA256, CipherSuite.TLS_CHACHA20_POLY1305_SHA256), c.cipherSuites());
    }

    /** Refuses every algorithm name containing one of {@code refused}, as an application's constraints might. */
    private static AlgorithmConstraints refusing(String... refused) {
        return new AlgorithmConstraints() {
            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, AlgorithmParameters parameters) {
                return java.util.Arrays.stream(refused).noneMatch(algorithm::contains);
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, Key key) {
                return true;
            }

            @Override
            public boolean permits(Set<CryptoPrimitive> primitives, String algorithm, Key key,
                    AlgorithmParameters parameters) {
                return permits(primitives, algorithm, parameters);
            }
        };
    }

    /** SSLParameters.setAlgorithmConstraints: suites, groups (key shares too) and signature schemes, by name. */
    @Test
    void applicationConstraintsFilterSuitesGroupsAndSchemes() {
        SSLParameters p = new SSLParameters(allSuites(), new String[] {"TLSv1.3", "TLSv1.2"});
        p.setAlgorithmConstraints(refusing("AES_256", "x25519", "X25519", "SHA384withECDSA", "rsa_pss_rsae_sha512"));
        HandshakeConfig c = HandshakeConfigs.build(POLICY, true, p, null, -1, ClientAuth.NONE);
        assertTrue(c.cipherSuites().stream().noneMatch(s -> s.jsseName().contains("AES_256")), c.cipherSuites().toString());
        assertTrue(c.cipherSuites().contains(CipherSuite.TLS_AES_128_GCM_SHA256));
        assertTrue(c.groups().stream().noneMatch(g -> g.jsseName().toUpperCase(java.util.Locale.ROOT).contains("X25519")),
                c.groups().toString());
        assertTrue(c.groups().contains(NamedGroup.SECP256R1));
        assertFalse(c.keyShareGroups().isEmpty(), "key shares fall back to the first permitted group");
        assertTrue(c.groups().containsAll(c.keyShareGroups()));
        assertFalse(c.signatureSchemes().contains(SignatureScheme.ECDSA_SECP384R1_SHA384), "refused by its JCA name");
        assertFalse(c.signatureSchemes().contains(SignatureScheme.RSA_PSS_RSAE_SHA512), "refused by its TLS name");
        assertTrue(c.signatureSchemes().contains(SignatureScheme.ECDSA_SECP256R1_SHA256));

        SSLParameters tls13Refused = new SSLParameters(allSuites(), new String[] {"TLSv1.3", "TLSv1.2"});
        tls13Refused.setAlgorithmConstraints(refusing("TLS_AES_", "TLS_CHACHA20_"));
        assertEquals(List.of(0x0303), HandshakeConfigs.build(POLICY, true, tls13Refused, null, -1, ClientAuth.NONE).versions(),
                "no TLS 1.3 suite left: TLS 1.2 only");

        SSLParameters none = new SSLParameters(allSuites(), new String[] {"TLSv1.3"});
        none.setAlgorithmConstraints(refusing("TLS_"));
        TlsAlert e = assertThrows(TlsAlert.class, () -> HandshakeConfigs.build(POLICY, true, none, null, -1, ClientAuth.NONE));
        assertTrue(e.getMessage().startsWith("No appropriate protocol"), e.getMessage());
    }
}
