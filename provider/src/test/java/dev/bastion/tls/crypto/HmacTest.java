package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bastion.tls.testutil.Wycheproof;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wycheproof HMAC-SHA256/384 through {@link Hmac}. Half of the groups use truncated tags
 * (tagSize 128 of 256, 192 of 384): TLS never truncates an HMAC, so Bastion has no truncated
 * verify; the test computes the full tag and compares its first tagSize/8 bytes in constant
 * time, which is what a verifier of truncated tags does. Every valid case must match, every
 * invalid (ModifiedTag) case must not. These files have no "acceptable" cases.
 */
class HmacTest {

    static List<Wycheproof.Case> cases() {
        List<Wycheproof.Case> all = new ArrayList<>(Wycheproof.cases("hmac_sha256_test.json"));
        all.addAll(Wycheproof.cases("hmac_sha384_test.json"));
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void wycheproof(Wycheproof.Case c) {
        HashAlgorithm hash = c.file().contains("sha384") ? HashAlgorithm.SHA384 : HashAlgorithm.SHA256;
        int tagBytes = c.group().get("tagSize").asInt() / 8;
        byte[] full = new Hmac(hash).compute(c.hex("key"), c.hex("msg"));
        byte[] tag = c.hex("tag");
        boolean ok = tag.length == tagBytes && MessageDigest.isEqual(Arrays.copyOf(full, tagBytes), tag);
        assertEquals(c.valid(), ok, c.toString());
    }
}
