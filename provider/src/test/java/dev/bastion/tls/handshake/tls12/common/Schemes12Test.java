package dev.bastion.tls.handshake.tls12.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.crypto.SignatureScheme;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a TLS 1.2 signer picks its scheme from the peer's signature_algorithms. */
class Schemes12Test {
    private static final List<SignatureScheme> OURS = List.of(SignatureScheme.ECDSA_SECP256R1_SHA256,
            SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP521R1_SHA512,
            SignatureScheme.RSA_PSS_RSAE_SHA256);

    private static PublicKey ec(String curve) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair().getPublic();
    }

    @Test
    void anEcdsaKeyPrefersItsOwnCurvesSchemeOverThePeersFirstEcdsaOne() throws Exception {
        List<Integer> peer = List.of(0x0403, 0x0503, 0x0603, 0x0804);
        assertEquals(Optional.of(SignatureScheme.ECDSA_SECP384R1_SHA384), Schemes12.choose(peer, OURS, ec("secp384r1")));
        assertEquals(Optional.of(SignatureScheme.ECDSA_SECP256R1_SHA256), Schemes12.choose(peer, OURS, ec("secp256r1")));
        assertEquals(Optional.of(SignatureScheme.ECDSA_SECP521R1_SHA512), Schemes12.choose(peer, OURS, ec("secp521r1")));
    }

    @Test
    void anotherHashWhenThePeerOffersNotTheCurvesOwn() throws Exception {
        // RFC 8422 §5.1.1: in TLS 1.2 the ECDSA code point names the hash only
        assertEquals(Optional.of(SignatureScheme.ECDSA_SECP256R1_SHA256),
                Schemes12.choose(List.of(0x0804, 0x0403), OURS, ec("secp384r1")));
    }
}
