package dev.bastion.tls.connection.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.CryptoPrimitive;
import java.security.KeyPairGenerator;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link PolicyAlgorithmConstraints}: jdk.tls.disabledAlgorithms asked by name and by key. */
class PolicyAlgorithmConstraintsTest {
    private static final Set<CryptoPrimitive> SIG = EnumSet.of(CryptoPrimitive.SIGNATURE);
    private static final PolicyAlgorithmConstraints C = new PolicyAlgorithmConstraints(DisabledAlgorithms.parse(
            "SSLv3, TLSv1.2, MD5withRSA, SHA1, anon, RSA keySize < 2048, x448, TLS_RSA_*, ecdsa_sha1 usage HandshakeSignature",
            name -> null));

    @Test
    void tlsNamesAreCheckedAsTheHandshakeChecksThem() {
        assertFalse(C.permits(SIG, "TLSv1.2", null));
        assertTrue(C.permits(SIG, "TLSv1.3", null));
        assertFalse(C.permits(SIG, "TLS_RSA_WITH_AES_128_GCM_SHA256", null), "TLS_RSA_*");
        assertTrue(C.permits(SIG, "TLS_AES_128_GCM_SHA256", null));
        assertFalse(C.permits(SIG, "x448", null));
        assertTrue(C.permits(SIG, "x25519", null));
        assertFalse(C.permits(SIG, "ecdsa_sha1", null), "refused for handshake signatures");
        assertTrue(C.permits(SIG, "ecdsa_secp256r1_sha256", null));
    }

    @Test
    void compositeNamesAreRefusedByAnyPart() {
        assertFalse(C.permits(SIG, "MD5withRSA", null));
        assertFalse(C.permits(SIG, "SHA1withECDSA", null), "SHA1");
        assertFalse(C.permits(SIG, "SHA-1", null), "SHA1's hyphenated name");
        assertFalse(C.permits(SIG, "TLS_DH_anon_WITH_AES_128_CBC_SHA", null), "anon, in a suite Bastion does not know");
        assertTrue(C.permits(SIG, "SHA256withECDSA", null));
        assertTrue(C.permits(SIG, "RSA/ECB/PKCS1Padding", null), "RSA is refused by size only");
        assertThrows(IllegalArgumentException.class, () -> C.permits(SIG, "", null));
    }

    @Test
    void keysAreCheckedBySize() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024);
        assertFalse(C.permits(SIG, rsa.generateKeyPair().getPublic()));
        assertFalse(C.permits(SIG, "SHA256withRSA", rsa.generateKeyPair().getPublic(), null));
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        assertTrue(C.permits(SIG, ec.generateKeyPair().getPublic()));
    }
}
