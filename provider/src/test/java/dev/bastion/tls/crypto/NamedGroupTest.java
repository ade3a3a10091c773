package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The registry and the generate / encapsulate / agree contract, for every group. */
class NamedGroupTest {
    private final SecureRandom random = new SecureRandom();

    /** IANA TLS Supported Groups registry code points and names. */
    @ParameterizedTest
    @CsvSource({
        "SECP256R1, 0x0017, secp256r1, 32",
        "SECP384R1, 0x0018, secp384r1, 48",
        "SECP521R1, 0x0019, secp521r1, 66",
        "X25519, 0x001D, x25519, 32",
        "X448, 0x001E, x448, 56",
        "FFDHE2048, 0x0100, ffdhe2048, 256",
        "FFDHE3072, 0x0101, ffdhe3072, 384",
        "FFDHE4096, 0x0102, ffdhe4096, 512",
        "FFDHE6144, 0x0103, ffdhe6144, 768",
        "FFDHE8192, 0x0104, ffdhe8192, 1024",
        "X25519MLKEM768, 0x11EC, X25519MLKEM768, 64",
    })
    void registryAndRoundTrip(NamedGroup group, String code, String name, int secretLength) {
        assertEquals(Integer.decode(code), group.code());
        assertEquals(name, group.jsseName());
        assertEquals(Optional.of(group), NamedGroup.fromCode(Integer.decode(code)));
        assertEquals(Optional.of(group), NamedGroup.fromName(name));
        assertEquals(Optional.of(group), NamedGroup.fromName(name.toUpperCase(java.util.Locale.ROOT)));
        assertEquals(Optional.of(group), NamedGroup.fromName(" " + name.toLowerCase(java.util.Locale.ROOT)));
        try (KeyShare initiator = group.generate(random)) {
            assertEquals(group, initiator.group());
            byte[] share = initiator.publicValue();
            assertEquals(group.clientShareLength(), share.length);
            Encapsulation response = group.encapsulate(share, random);
            assertEquals(group.serverShareLength(), response.publicValue().length);
            assertEquals(secretLength, response.sharedSecret().length);
            assertArrayEquals(response.sharedSecret(), initiator.agree(response.publicValue()));
            Encapsulation other = group.encapsulate(share, random);
            assertFalse(Arrays.equals(response.sharedSecret(), other.sharedSecret()), "fresh randomness per response");
        }
    }

    @Test
    void unknownCodesAndNames() {
        assertEquals(Optional.empty(), NamedGroup.fromCode(0x0015));
        assertEquals(Optional.empty(), NamedGroup.fromCode(0x11EB));
        assertEquals(Optional.empty(), NamedGroup.fromName("prime256v1"));
        assertEquals(Optional.empty(), NamedGroup.fromName(""));
        assertEquals("x25519(0x001d)", NamedGroup.X25519.toString());
    }

    @Test
    void familiesAndWhereTheyApply() {
        for (NamedGroup g : NamedGroup.values()) {
            assertEquals(g != NamedGroup.X25519MLKEM768, g.usableInTls12(), g.toString());
            assertEquals(g.family() == NamedGroup.Family.FFDHE, g.dhParameters().isPresent(), g.toString());
            g.dhParameters().ifPresent(p -> assertEquals(Optional.of(g), p.namedGroup()));
        }
        assertEquals(NamedGroup.Family.ECDHE, NamedGroup.X448.family());
        assertEquals(NamedGroup.Family.HYBRID, NamedGroup.X25519MLKEM768.family());
    }

    /** A peer value of the wrong length is illegal_parameter on both sides, never an exception of another kind. */
    @ParameterizedTest
    @EnumSource(NamedGroup.class)
    void wrongLengthsAreIllegalParameter(NamedGroup group) {
        try (KeyShare initiator = group.generate(random)) {
            byte[] share = initiator.publicValue();
            byte[] response = group.encapsulate(share, random).publicValue();
            for (byte[] bad : new byte[][] {new byte[0], Arrays.copyOf(share, share.length - 1), Arrays.copyOf(share, share.length + 1)}) {
                TlsAlert e = assertThrows(TlsAlert.class, () -> group.encapsulate(bad, random), group + " " + bad.length);
                assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
            }
            for (byte[] bad : new byte[][] {new byte[0], Arrays.copyOf(response, response.length - 1),
                    Arrays.copyOf(response, response.length + 1)}) {
                TlsAlert e = assertThrows(TlsAlert.class, () -> initiator.agree(bad), group + " " + bad.length);
                assertEquals(AlertDescription.ILLEGAL_PARAMETER, e.alert());
                assertTrue(e.getMessage().contains(String.valueOf(bad.length)), e.getMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(NamedGroup.class)
    void publicValueIsACopyAndClosingStopsUse(NamedGroup group) {
        KeyShare share = group.generate(random);
        byte[] first = share.publicValue();
        first[first.length - 1] ^= 1;
        assertNotEquals(first[first.length - 1], share.publicValue()[first.length - 1]);
        byte[] response = group.encapsulate(share.publicValue(), random).publicValue();
        share.close();
        assertThrows(IllegalStateException.class, () -> share.agree(response));
        assertTrue(share.toString().contains(group.jsseName()));
    }

    @Test
    void encapsulationHidesTheSecretAndCanBeWiped() {
        Encapsulation e = new Encapsulation(new byte[] {1, 2}, new byte[] {3, 4});
        assertFalse(e.toString().contains("3"));
        assertEquals(new Encapsulation(new byte[] {1, 2}, new byte[] {3, 4}), e);
        e.destroy();
        assertArrayEquals(new byte[2], e.sharedSecret());
    }
}
