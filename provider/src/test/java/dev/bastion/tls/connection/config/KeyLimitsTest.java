package dev.bastion.tls.connection.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.crypto.AeadAlgorithm;
import org.junit.jupiter.api.Test;

class KeyLimitsTest {

    @Test
    void jdkDefaultValue() {
        KeyLimits k = KeyLimits.parse("AES/GCM/NoPadding KeyUpdate 2^37, ChaCha20-Poly1305 KeyUpdate 2^37");
        for (AeadAlgorithm a : AeadAlgorithm.values()) {
            assertEquals(1L << 37, k.limit(a).getAsLong(), a.toString());
        }
    }

    @Test
    void malformedAndUnknownEntriesAreIgnored() {
        KeyLimits k = KeyLimits.parse("AES/GCM/NoPadding KeyUpdate lots, RC4 KeyUpdate 2^10, "
                + "ChaCha20-Poly1305 Rekey 2^10, ChaCha20-Poly1305 KeyUpdate 2^63, AES/GCM/NoPadding KeyUpdate 4096");
        assertEquals(4096, k.limit(AeadAlgorithm.AES_128_GCM).getAsLong());
        assertTrue(k.limit(AeadAlgorithm.CHACHA20_POLY1305).isEmpty());
        assertTrue(KeyLimits.parse(null).limit(AeadAlgorithm.AES_128_GCM).isEmpty());
        assertTrue(KeyLimits.parse("  ").limit(AeadAlgorithm.AES_128_GCM).isEmpty());
    }
}
