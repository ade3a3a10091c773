package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.testutil.Hex;
import dev.bastion.tls.testutil.Wycheproof;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem §3).
 *
 * <p>No published known-answer vectors for the hybrid group itself were found, so the
 * known-answer tests assemble one from outside vectors for its parts: a Wycheproof ML-KEM-768
 * case (FIPS 203 set) and the RFC 7748 §6.1 X25519 key pairs. They pin the byte order of
 * both shares and of the shared secret (ML-KEM part first) as the draft specifies.
 */
class X25519MlKem768Test {
    // RFC 7748 §6.1
    private static final byte[] ALICE_PRIVATE = Hex.bytes("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PUBLIC = Hex.bytes("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_PRIVATE = Hex.bytes("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final byte[] BOB_PUBLIC = Hex.bytes("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    private static final byte[] X25519_SHARED = Hex.bytes("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");

    private static final X25519MlKem768KeyExchange EXCHANGE = (X25519MlKem768KeyExchange) NamedGroup.X25519MLKEM768.exchange();
    private final SecureRandom random = new SecureRandom();

    @Test
    void clientSideKnownAnswer() {
        Wycheproof.Case kem = firstFips203Case("mlkem_768_test.json");
        try (KeyShare client = EXCHANGE.generate(kem.hex("seed"), ALICE_PRIVATE)) {
            assertArrayEquals(concat(kem.hex("ek"), ALICE_PUBLIC), client.publicValue(), "ek || x25519 public");
            byte[] secret = client.agree(concat(kem.hex("c"), BOB_PUBLIC));
            assertArrayEquals(concat(kem.hex("K"), X25519_SHARED), secret, "ML-KEM secret || X25519 secret");
        }
    }

    @Test
    void serverSideKnownAnswer() {
        Wycheproof.Case kem = firstFips203Case("mlkem_768_encaps_test.json");
        Encapsulation e = EXCHANGE.encapsulate(concat(kem.hex("ek"), ALICE_PUBLIC), kem.hex("m"), BOB_PRIVATE);
        assertArrayEquals(concat(kem.hex("c"), BOB_PUBLIC), e.publicValue(), "ciphertext || x25519 public");
        assertArrayEquals(concat(kem.hex("K"), X25519_SHARED), e.sharedSecret(), "ML-KEM secret || X25519 secret");
    }

    @Test
    void sharesHaveTheDraftSizesAndRoundTrip() {
        NamedGroup group = NamedGroup.X25519MLKEM768;
        assertEquals(0x11EC, group.code());
        assertFalse(group.usableInTls12());
        for (int i = 0; i < 5; i++) {
            try (KeyShare client = group.generate(random)) {
                byte[] clientShare = client.publicValue();
                assertEquals(1216, clientShare.length);
                assertEquals(1216, group.clientShareLength());
                Encapsulation server = group.encapsulate(clientShare, random);
                assertEquals(1120, server.publicValue().length);
                assertEquals(1120, group.serverShareLength());
                assertEquals(64, server.sharedSecret().length);
                assertArrayEquals(server.sharedSecret(), client.agree(server.publicValue()));
            }
        }
    }

    @Test
    void tamperedCiphertextGivesADifferentSecretNotAnError() {
        try (KeyShare client = NamedGroup.X25519MLKEM768.generate(random)) {
            Encapsulation server = NamedGroup.X25519MLKEM768.encapsulate(client.publicValue(), random);
            byte[] tampered = server.publicValue();
            tampered[100] ^= 1;
            byte[] secret = client.agree(tampered);
            // FIPS 203 implicit rejection: the ML-KEM half differs, the X25519 half does not
            assertFalse(Arrays.equals(Arrays.copyOf(server.sharedSecret(), 32), Arrays.copyOf(secret, 32)));
            assertArrayEquals(Arrays.copyOfRange(server.sharedSecret(), 32, 64), Arrays.copyOfRange(secret, 32, 64));
        }
    }

    @Test
    void serverRefusesMalformedClientShares() {
        byte[] good;
        try (KeyShare client = NamedGroup.X25519MLKEM768.generate(random)) {
            good = client.publicValue();
        }
        byte[] unreduced = good.clone();
        unreduced[0] = (byte) 0xFF;
        unreduced[1] = (byte) 0x0F; // first coefficient 0xFFF >= q
        byte[] zeroX25519 = good.clone();
        Arrays.fill(zeroX25519, 1184, 1216, (byte) 0); // u = 0: all-zero shared secret
        assertIllegalParameter(() -> NamedGroup.X25519MLKEM768.encapsulate(Arrays.copyOf(good, 1215), random), "1215 bytes");
        assertIllegalParameter(() -> NamedGroup.X25519MLKEM768.encapsulate(Arrays.copyOf(good, 1217), random), "1217 bytes");
        assertIllegalParameter(() -> NamedGroup.X25519MLKEM768.encapsulate(Arrays.copyOf(good, 32), random), "32 bytes");
        assertIllegalParameter(() -> NamedGroup.X25519MLKEM768.encapsulate(unreduced, random), "modulus check");
        assertIllegalParameter(() -> NamedGroup.X25519MLKEM768.encapsulate(zeroX25519, random), "all-zero");
    }

    @Test
    void clientRefusesMalformedServerShares() {
        try (KeyShare client = NamedGroup.X25519MLKEM768.generate(random)) {
            byte[] good = NamedGroup.X25519MLKEM768.encapsulate(client.publicValue(), random).publicValue();
            byte[] zeroX25519 = good.clone();
            Arrays.fill(zeroX25519, 1088, 1120, (byte) 0);
            assertIllegalParameter(() -> client.agree(Arrays.copyOf(good, 1119)), "1119 bytes");
            assertIllegalParameter(() -> client.agree(Arrays.copyOf(good, 1121)), "1121 bytes");
            assertIllegalParameter(() -> client.agree(Arrays.copyOf(good, 32)), "32 bytes");
            assertIllegalParameter(() -> client.agree(zeroX25519), "all-zero");
        }
    }

    @Test
    void closedShareCannotBeUsed() {
        KeyShare client = NamedGroup.X25519MLKEM768.generate(random);
        byte[] serverShare = NamedGroup.X25519MLKEM768.encapsulate(client.publicValue(), random).publicValue();
        client.close();
        assertThrows(IllegalStateException.class, () -> client.agree(serverShare));
    }

    /**
     * A ClientHello offering X25519MLKEM768 and x25519 sends one X25519 key in both shares, and
     * each share still agrees with its server, whichever is closed first.
     */
    @Test
    void generateAllSharesOneX25519KeyBetweenTheHybridAndX25519() {
        for (List<NamedGroup> groups : List.of(List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519),
                List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.X25519MLKEM768))) {
            List<KeyShare> shares = NamedGroup.generateAll(groups, random);
            assertEquals(groups, shares.stream().map(KeyShare::group).toList(), "one share per group, in order");
            KeyShare hybrid = shares.get(groups.indexOf(NamedGroup.X25519MLKEM768));
            KeyShare x25519 = shares.get(groups.indexOf(NamedGroup.X25519));
            byte[] hybridValue = hybrid.publicValue();
            assertArrayEquals(x25519.publicValue(), Arrays.copyOfRange(hybridValue, hybridValue.length - 32, hybridValue.length),
                    "the hybrid share's X25519 part is the x25519 share");

            Encapsulation toHybrid = NamedGroup.X25519MLKEM768.encapsulate(hybridValue, random);
            Encapsulation toX25519 = NamedGroup.X25519.encapsulate(x25519.publicValue(), random);
            x25519.close();
            assertArrayEquals(toHybrid.sharedSecret(), hybrid.agree(toHybrid.publicValue()), "closing x25519 leaves the hybrid");
            assertThrows(IllegalStateException.class, () -> x25519.agree(toX25519.publicValue()), "x25519 itself is closed");
            shares.forEach(KeyShare::close);
        }
        List<KeyShare> again = NamedGroup.generateAll(List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519), random);
        Encapsulation toX25519 = NamedGroup.X25519.encapsulate(again.get(1).publicValue(), random);
        again.get(0).close();
        assertArrayEquals(toX25519.sharedSecret(), again.get(1).agree(toX25519.publicValue()), "closing the hybrid leaves x25519");
        again.get(1).close();
    }

    @Test
    void generateAllKeepsSeparateKeysWithoutTheHybridPair() {
        List<KeyShare> shares = NamedGroup.generateAll(List.of(NamedGroup.X25519MLKEM768, NamedGroup.SECP256R1), random);
        assertEquals(List.of(NamedGroup.X25519MLKEM768, NamedGroup.SECP256R1), shares.stream().map(KeyShare::group).toList());
        List<KeyShare> one = NamedGroup.generateAll(List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519), random);
        List<KeyShare> next = NamedGroup.generateAll(List.of(NamedGroup.X25519MLKEM768, NamedGroup.X25519), random);
        assertFalse(Arrays.equals(one.get(1).publicValue(), next.get(1).publicValue()), "every ClientHello has fresh keys");
    }

    private static void assertIllegalParameter(org.junit.jupiter.api.function.Executable call, String messagePart) {
        TlsAlert e = assertThrows(TlsAlert.class, call);
        assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert(), e.toString());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    private static Wycheproof.Case firstFips203Case(String file) {
        return Wycheproof.cases(file).stream()
                .filter(c -> c.valid() && c.test().has("comment") && c.text("comment").equals("Test vector based on official round 3 seeds 0"))
                .findFirst().orElseThrow();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        return X25519MlKem768KeyExchange.concat(a, b);
    }
}
