package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Sign and verify with fresh keys for every scheme, across both implementations: what the
 * Bouncy Castle path signs, JCA verifies, and the other way round.
 */
class SignatureSchemeRoundTripTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void signsAndVerifies(SignatureScheme scheme) {
        KeyPair pair = SignatureTestKeys.pairFor(scheme);
        byte[] msg = message(130);
        byte[] sig = scheme.sign(pair.getPrivate(), msg, RANDOM);
        scheme.verify(pair.getPublic(), msg, sig);
        Signatures.verifyWithJca(scheme, pair.getPublic(), msg, sig);

        byte[] jcaSig = Signatures.signWithJca(scheme, pair.getPrivate(), msg, RANDOM);
        scheme.verify(pair.getPublic(), msg, jcaSig);
    }

    @ParameterizedTest
    @EnumSource(SignatureScheme.class)
    void rejectsAnotherMessageOrAChangedSignature(SignatureScheme scheme) {
        KeyPair pair = SignatureTestKeys.pairFor(scheme);
        byte[] msg = message(64);
        byte[] sig = scheme.sign(pair.getPrivate(), msg, RANDOM);

        byte[] otherMsg = msg.clone();
        otherMsg[17] ^= 0x01;
        expectDecryptError(() -> scheme.verify(pair.getPublic(), otherMsg, sig));
        expectDecryptError(() -> Signatures.verifyWithJca(scheme, pair.getPublic(), otherMsg, sig));

        byte[] otherSig = sig.clone();
        otherSig[otherSig.length - 1] ^= 0x40;
        expectDecryptError(() -> scheme.verify(pair.getPublic(), msg, otherSig));
        expectDecryptError(() -> Signatures.verifyWithJca(scheme, pair.getPublic(), msg, otherSig));

        expectDecryptError(() -> scheme.verify(pair.getPublic(), msg, new byte[0]));
        expectDecryptError(() -> scheme.verify(pair.getPublic(), msg, Arrays.copyOf(sig, sig.length + 1)));
    }

    /** EdDSA is deterministic (RFC 8032 §5.1.6): the BC and JCA signatures are the same bytes. */
    @Test
    void eddsaSignaturesAreTheSameOnBothPaths() {
        for (SignatureScheme scheme : new SignatureScheme[] {SignatureScheme.ED25519, SignatureScheme.ED448}) {
            KeyPair pair = SignatureTestKeys.pairFor(scheme);
            byte[] msg = message(200);
            assertArrayEquals(Signatures.signWithJca(scheme, pair.getPrivate(), msg, RANDOM),
                    scheme.sign(pair.getPrivate(), msg, RANDOM), scheme.toString());
        }
    }

    /** Randomised schemes: two signatures of one message differ, and both verify. */
    @Test
    void ecdsaAndPssSignaturesAreRandomised() {
        for (SignatureScheme scheme : new SignatureScheme[] {SignatureScheme.ECDSA_SECP256R1_SHA256,
                SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_PSS_SHA384}) {
            KeyPair pair = SignatureTestKeys.pairFor(scheme);
            byte[] msg = message(32);
            byte[] a = scheme.sign(pair.getPrivate(), msg, RANDOM);
            byte[] b = scheme.sign(pair.getPrivate(), msg, RANDOM);
            assertFalse(Arrays.equals(a, b), scheme.toString());
            scheme.verify(pair.getPublic(), msg, a);
            scheme.verify(pair.getPublic(), msg, b);
        }
    }

    /**
     * TLS 1.2 lets an ECDSA scheme name only the hash: SHA-512 with a P-256 key (hash truncated
     * to the order's length, SEC 1 §4.1.3) and SHA-256 with a P-521 key, checked against JCA.
     */
    @Test
    void tls12HashAndCurveCombinationsAgreeWithJca() throws Exception {
        check(SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureTestKeys.ec(EcdsaCurve.SECP256R1));
        check(SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureTestKeys.ec(EcdsaCurve.SECP521R1));
        check(SignatureScheme.ECDSA_SHA1, SignatureTestKeys.ec(EcdsaCurve.SECP384R1));
    }

    private static void check(SignatureScheme scheme, KeyPair pair) throws Exception {
        byte[] msg = message(100);
        byte[] ours = scheme.sign(pair.getPrivate(), msg, RANDOM);
        Signature jca = Signature.getInstance(scheme.jcaAlgorithm());
        jca.initVerify(pair.getPublic());
        jca.update(msg);
        assertEquals(true, jca.verify(ours), scheme + " with " + pair.getPublic());
        jca.initSign(pair.getPrivate());
        jca.update(msg);
        scheme.verify(pair.getPublic(), msg, jca.sign());
    }

    private static void expectDecryptError(org.junit.jupiter.api.function.Executable call) {
        TlsAlert alert = assertThrows(TlsAlert.class, call);
        assertEquals(AlertDescription.DECRYPT_ERROR, alert.alert(), alert.getMessage());
    }

    private static byte[] message(int length) {
        byte[] m = new byte[length];
        RANDOM.nextBytes(m);
        return m;
    }
}
