package dev.bastion.tls.connection.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** jdk.tls.disabledAlgorithms entries as the JDK's java.security file writes them. */
class DisabledAlgorithmsTest {
    /** The JDK 17 default value. */
    static final String JDK17 = "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, "
            + "EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH";

    private static DisabledAlgorithms parse(String value) {
        return DisabledAlgorithms.parse(value, name -> null);
    }

    @Test
    void jdk17DefaultsKeepEverythingBastionImplementsButOldProtocols() {
        DisabledAlgorithms d = parse(JDK17);
        assertTrue(d.permits(Protocol.TLS13));
        assertTrue(d.permits(Protocol.TLS12));
        assertFalse(d.permits(Protocol.TLS11));
        assertFalse(d.permits(Protocol.TLS10));
        assertFalse(d.permits(Protocol.SSL3));
        for (CipherSuite s : CipherSuite.values()) {
            assertTrue(d.permits(s), s.toString());
        }
        for (NamedGroup g : NamedGroup.values()) {
            assertTrue(d.permits(g), g.toString());
        }
        for (SignatureScheme s : SignatureScheme.values()) {
            assertTrue(d.permits(s, true) && d.permits(s, false), s.toString());
        }
    }

    @Test
    void keySizeConstraintsApplyToKeysOfThatAlgorithm() throws Exception {
        DisabledAlgorithms d = parse("RSA keySize < 2048, EC keySize <= 256");
        assertFalse(d.permits(rsa(1024)));
        assertTrue(d.permits(rsa(2048)));
        assertFalse(d.permits(ec("secp256r1")));
        assertTrue(d.permits(ec("secp384r1")));
        assertFalse(d.permits(NamedGroup.SECP256R1), "EC key size applies to the NIST groups");
        assertTrue(d.permits(NamedGroup.X25519), "but not to X25519 (XDH)");
    }

    @Test
    void dhKeySizeAppliesToFfdheGroups() {
        DisabledAlgorithms d = parse("DH keySize < 3072");
        assertFalse(d.permits(NamedGroup.FFDHE2048));
        assertTrue(d.permits(NamedGroup.FFDHE3072));
        assertFalse(d.permitsDhKey(2048), "a server's 2048-bit DH key, as SunJSSE's client checks it");
        assertTrue(d.permitsDhKey(3072));
        assertFalse(parse("DiffieHellman keySize < 4096").permitsDhKey(3072), "the JCA name too");
        assertTrue(parse("ffdhe2048").permitsDhKey(2048), "a group name does not reach a raw DH key, as in SunJSSE");
        assertFalse(parse("DH").permitsDhKey(8192));
    }

    @Test
    void usageConstraintsSeparateHandshakeAndCertificateSignatures() {
        DisabledAlgorithms d = parse("rsa_pkcs1_sha1 usage HandshakeSignature, ecdsa_sha1 usage CertificateSignature");
        assertFalse(d.permits(SignatureScheme.RSA_PKCS1_SHA1, true));
        assertTrue(d.permits(SignatureScheme.RSA_PKCS1_SHA1, false));
        assertTrue(d.permits(SignatureScheme.ECDSA_SHA1, true));
        assertFalse(d.permits(SignatureScheme.ECDSA_SHA1, false));
    }

    @Test
    void schemesMatchByJcaNameAndHash() {
        DisabledAlgorithms d = parse("SHA1withRSA, SHA384");
        assertFalse(d.permits(SignatureScheme.RSA_PKCS1_SHA1, false));
        assertTrue(d.permits(SignatureScheme.ECDSA_SHA1, false));
        assertFalse(d.permits(SignatureScheme.ECDSA_SECP384R1_SHA384, true));
        assertFalse(d.permits(SignatureScheme.RSA_PSS_RSAE_SHA384, true));
        assertTrue(d.permits(SignatureScheme.RSA_PSS_RSAE_SHA256, true));
    }

    @Test
    void certificatePathOnlyConstraintsAreNotApplied() {
        DisabledAlgorithms d = parse("SHA1 jdkCA & usage TLSServer, RSA keySize < 1024 & denyAfter 2019-01-01");
        assertTrue(d.permits(SignatureScheme.RSA_PKCS1_SHA1, false));
        assertEquals(2, d.entries().size());
        assertTrue(d.entries().get(0).otherConstraints());
    }

    @Test
    void wildcardsAndCaseInsensitiveNames() {
        DisabledAlgorithms d = parse("tls_rsa_*, Tls_Chacha20_Poly1305_Sha256");
        assertFalse(d.permits(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256));
        assertFalse(d.permits(CipherSuite.TLS_CHACHA20_POLY1305_SHA256));
        assertTrue(d.permits(CipherSuite.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256));
    }

    @Test
    void suiteComponents() {
        assertFalse(parse("DHE").permits(CipherSuite.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256));
        assertTrue(parse("DHE").permits(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256));
        assertFalse(parse("GCM").permits(CipherSuite.TLS_AES_128_GCM_SHA256));
        assertFalse(parse("ECDSA").permits(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256));
        assertTrue(parse("ECDSA").permits(CipherSuite.TLS_AES_128_GCM_SHA256), "TLS 1.3 suites name no authentication");
    }

    @Test
    void includePullsInAnotherSecurityProperty() {
        Map<String, String> sec = Map.of("my.curves", "x25519, include my.more", "my.more", "x448");
        DisabledAlgorithms d = DisabledAlgorithms.parse("include my.curves", sec::get);
        assertFalse(d.permits(NamedGroup.X25519));
        assertFalse(d.permits(NamedGroup.X448));
        assertTrue(d.permits(NamedGroup.SECP256R1));
    }

    @Test
    void selfIncludeTerminates() {
        Map<String, String> sec = Map.of("loop", "include loop, x448");
        assertFalse(DisabledAlgorithms.parse("include loop", sec::get).permits(NamedGroup.X448));
    }

    @Test
    void malformedKeySizeEntryIsIgnored() {
        DisabledAlgorithms d = parse("RSA keySize << 2048, x448");
        assertEquals(1, d.entries().size());
        assertFalse(d.permits(NamedGroup.X448));
        assertThrows(IllegalArgumentException.class, () -> AlgorithmConstraint.parse("RSA keySize"));
    }

    private static PublicKey rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair().getPublic();
    }

    private static PublicKey ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair().getPublic();
    }
}
