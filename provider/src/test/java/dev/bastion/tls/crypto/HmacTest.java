package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bastion.tls.testutil.Wycheproof;
import java.security.MessageDigest;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

    /**
     * One instance, as the PRF and HKDF use it: several MACs under one key (each must start
     * from the key's absorbed pads again, not from the previous MAC's state), pieces fed in
     * three ways, a re-key with a key shorter, equal to and longer than the block, an empty
     * message, and use after release. Every MAC must equal the JDK's own.
     */
    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void reusedAcrossMacsKeysAndRelease(HashAlgorithm hash) throws Exception {
        reusedAcrossMacsKeysAndRelease(hash, new Hmac(hash));
    }

    /** The same through the JCA {@code Mac} fallback, for a JVM whose digests cannot be copied. */
    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void fallbackReusedAcrossMacsKeysAndRelease(HashAlgorithm hash) throws Exception {
        reusedAcrossMacsKeysAndRelease(hash, new Hmac(hash, null));
    }

    /**
     * The kept pad states: a MAC after an {@code init} with the key already set starts over
     * (the earlier partial input is dropped), a one-off {@code compute} under another key leaves
     * the set key's states alone, and {@code compute} under the set key uses them; keys of every
     * length around the block, the empty key included (a block of zeros, RFC 2104 §2, as a JCA
     * {@code Mac} given {@code HashLen} zeros computes). Every MAC must equal the JDK's own.
     */
    @ParameterizedTest
    @EnumSource(HashAlgorithm.class)
    void keptKeyStatesAndOneOffMacs(HashAlgorithm hash) throws Exception {
        Random random = new Random(31 + hash.ordinal());
        int block = hash.blockLength();
        Hmac hmac = new Hmac(hash);
        for (int keyLength : new int[] {0, 1, hash.length(), block - 1, block, block + 1, 2 * block + 5}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            byte[] other = new byte[1 + random.nextInt(2 * block)];
            random.nextBytes(other);
            byte[] x = new byte[random.nextInt(300)];
            byte[] y = new byte[random.nextInt(300)];
            random.nextBytes(x);
            random.nextBytes(y);

            hmac.init(key);
            hmac.update(x);
            hmac.init(key.clone()); // the same key: kept states, partial input dropped
            hmac.update(y);
            assertArrayEquals(jdkMac(hash, key, y), hmac.doFinal(), "restart under the same key, " + keyLength);
            assertArrayEquals(jdkMac(hash, other, x), hmac.compute(other, x), "one-off under another key");
            hmac.update(x); // still under key
            assertArrayEquals(jdkMac(hash, key, x), hmac.doFinal(), "key kept after a one-off, " + keyLength);
            assertArrayEquals(jdkMac(hash, key, y), hmac.compute(key, y), "compute under the set key");
            assertArrayEquals(jdkMac(hash, key, y), new Hmac(hash).compute(key, y), "one-off, nothing set");
        }
    }

    private static byte[] jdkMac(HashAlgorithm hash, byte[] key, byte[] message) throws Exception {
        Mac jdk = Mac.getInstance(hash.hmacName());
        // JCA refuses an empty key; HashLen zeros pad to the same block
        jdk.init(new SecretKeySpec(key.length == 0 ? new byte[hash.length()] : key, hash.hmacName()));
        return jdk.doFinal(message);
    }

    private static void reusedAcrossMacsKeysAndRelease(HashAlgorithm hash, Hmac hmac) throws Exception {
        Random random = new Random(hash.ordinal());
        int block = hash == HashAlgorithm.SHA384 ? 128 : 64; // B of RFC 2104
        for (int keyLength : new int[] {1, hash.length(), block - 1, block, block + 1, 3 * block}) {
            byte[] key = new byte[keyLength];
            random.nextBytes(key);
            Mac jdk = Mac.getInstance(hash.hmacName());
            jdk.init(new SecretKeySpec(key, hash.hmacName()));
            hmac.init(key);
            for (int length : new int[] {0, 1, 55, 56, block - 17, block - 16, block, 3 * block + 7}) {
                byte[] msg = new byte[length];
                random.nextBytes(msg);
                hmac.update(msg, 0, length / 2);
                if (length > 0) {
                    hmac.update(msg[length / 2]);
                    hmac.update(Arrays.copyOfRange(msg, length / 2 + 1, length));
                }
                byte[] out = new byte[hash.length() + 3];
                hmac.doFinal(out, 3);
                assertArrayEquals(jdk.doFinal(msg), Arrays.copyOfRange(out, 3, out.length),
                        "key " + keyLength + " bytes, message " + length + " bytes");
            }
            hmac.release();
            assertThrows(IllegalStateException.class, () -> hmac.update(new byte[1]));
        }
        assertThrows(IllegalArgumentException.class, () -> {
            hmac.init(new byte[4]);
            hmac.doFinal(new byte[hash.length()], 1);
        });
    }
}
