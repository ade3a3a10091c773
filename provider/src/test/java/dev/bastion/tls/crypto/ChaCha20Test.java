package dev.bastion.tls.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.engines.ChaCha7539Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/**
 * {@link ChaCha20} against the RFC 8439 test vectors (§2.3.2, §2.4.2, §2.6.2 and Appendix A.1,
 * A.2), and against Bouncy Castle's {@code ChaCha7539Engine} on random keys, nonces, lengths,
 * splits into calls and in-place layouts.
 */
class ChaCha20Test {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String s) {
        return HEX.parseHex(s.replaceAll("[\\s:]", ""));
    }

    private static byte[] keyStream(byte[] key, byte[] nonce, int counter, int length) {
        ChaCha20 c = new ChaCha20(key);
        c.start(nonce, counter);
        byte[] out = new byte[length];
        c.xor(new byte[length], 0, out, 0, length);
        return out;
    }

    /** §2.3.2: the block function with counter 1; the serialized block. */
    @Test
    void rfc8439BlockFunction() {
        byte[] key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] nonce = hex("000000090000004a00000000");
        assertArrayEquals(hex("10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4e"
                + "d2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e"), keyStream(key, nonce, 1, 64));
    }

    /** §2.4.2: encrypting the "sunscreen" plaintext, counter 1. */
    @Test
    void rfc8439Encryption() {
        byte[] key = hex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] nonce = hex("000000000000004a00000000");
        byte[] plaintext = ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII);
        byte[] expected = hex("6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0b"
                + "f91b65c5524733ab8f593dabcd62b3571639d624e65152ab8f530c359f0861d8"
                + "07ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab7793736"
                + "5af90bbf74a35be6b40b8eedf2785e42874d");
        ChaCha20 c = new ChaCha20(key);
        c.start(nonce, 1);
        byte[] out = new byte[plaintext.length];
        c.xor(plaintext, 0, out, 0, plaintext.length);
        assertArrayEquals(expected, out);
        // and back, in place
        c.start(nonce, 1);
        c.xor(out, 0, out, 0, out.length);
        assertArrayEquals(plaintext, out);
    }

    /** §2.6.2: the Poly1305 key is the first 32 bytes of block 0. */
    @Test
    void rfc8439Poly1305KeyGeneration() {
        ChaCha20 c = new ChaCha20(hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"));
        c.start(hex("000000000001020304050607"), 0);
        byte[] block = new byte[64];
        c.keyStreamBlock(block);
        assertArrayEquals(hex("8ad5a08b905f81cc815040274ab29471a833b637e3fd0da508dbb8e2fdd1a646"), Arrays.copyOf(block, 32));
    }

    /** Appendix A.1: key stream test vectors #1, #2 (counter 1) and #5 (all-ones nonce end, counter 2). */
    @Test
    void rfc8439AppendixA1() {
        byte[] zeroKey = new byte[32];
        byte[] zeroNonce = new byte[12];
        assertArrayEquals(hex("76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7"
                + "da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586"), keyStream(zeroKey, zeroNonce, 0, 64));
        assertArrayEquals(hex("9f07e7be5551387a98ba977c732d080dcb0f29a048e3656912c6533e32ee7aed"
                + "29b721769ce64e43d57133b074d839d531ed1f28510afb45ace10a1f4b794d6f"), keyStream(zeroKey, zeroNonce, 1, 64));
        byte[] key5 = new byte[32];
        key5[1] = (byte) 0xff;
        assertArrayEquals(hex("72d54dfbf12ec44b362692df94137f328fea8da73990265ec1bbbea1ae9af0ca"
                + "13b25aa26cb4a648cb9b9d1be65b2c0924a66c54d545ec1b7374f4872e99f096"), keyStream(key5, zeroNonce, 2, 64));
        byte[] nonce4 = new byte[12];
        nonce4[11] = 2;
        assertArrayEquals(hex("c2c64d378cd536374ae204b9ef933fcd1a8b2288b3dfa49672ab765b54ee27c7"
                + "8a970e0e955c14f3a88e741b97c286f75f8fc299e8148362fa198a39531bed6d"), keyStream(zeroKey, nonce4, 0, 64));
    }

    /** Appendix A.2 #2: 375 bytes with key ...01, nonce ...02, counter 1 (the IETF submission text). */
    @Test
    void rfc8439AppendixA2LongMessage() {
        byte[] key = new byte[32];
        key[31] = 1;
        byte[] nonce = new byte[12];
        nonce[11] = 2;
        byte[] text = ("Any submission to the IETF intended by the Contributor for publication as all or part of an IETF "
                + "Internet-Draft or RFC and any statement made within the context of an IETF activity is considered an "
                + "\"IETF Contribution\". Such statements include oral statements in IETF sessions, as well as written "
                + "and electronic communications made at any time or place, which are addressed to")
                .getBytes(StandardCharsets.US_ASCII);
        assertEquals(375, text.length);
        ChaCha20 c = new ChaCha20(key);
        c.start(nonce, 1);
        byte[] out = new byte[text.length];
        c.xor(text, 0, out, 0, text.length);
        assertArrayEquals(hex("a3fbf07df3fa2fde4f376ca23e82737041605d9f4f4f57bd8cff2c1d4b7955ec"
                + "2a97948bd3722915c8f3d337f7d370050e9e96d647b7c39f56e031ca5eb6250d"), Arrays.copyOf(out, 64));
        assertArrayEquals(hex("4042e02785ececfa4b4bb5e8ead0440e"), Arrays.copyOfRange(out, 64, 80));
        ChaCha7539Engine bc = new ChaCha7539Engine(); // and the rest as Bouncy Castle's engine has it
        bc.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] skip = new byte[64];
        bc.processBytes(skip, 0, 64, skip, 0); // the engine starts at counter 0
        byte[] expected = new byte[text.length];
        bc.processBytes(text, 0, text.length, expected, 0);
        assertArrayEquals(expected, out);
        byte[] back = new byte[text.length];
        ChaCha20 d = new ChaCha20(key);
        d.start(nonce, 1);
        d.xor(out, 0, back, 0, out.length);
        assertArrayEquals(text, back);
    }

    /**
     * Random keys, nonces, counters and lengths, fed in random pieces, some in place with the
     * output at or before the input: the same bytes as Bouncy Castle's engine in one call.
     */
    @Test
    void agreesWithBouncyCastleOnRandomSplitsAndLayouts() {
        SplittableRandom r = new SplittableRandom(8439);
        for (int round = 0; round < 400; round++) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[12];
            r.nextBytes(key);
            r.nextBytes(nonce);
            int length = r.nextInt(3 * 64 + 40) + (round % 10 == 0 ? 17000 : 0);
            byte[] input = new byte[length];
            r.nextBytes(input);

            ChaCha7539Engine bc = new ChaCha7539Engine();
            bc.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
            byte[] expected = new byte[length];
            bc.processBytes(input, 0, length, expected, 0);

            ChaCha20 ours = new ChaCha20(key);
            ours.start(nonce, 0);
            int shift = r.nextInt(3) == 0 ? r.nextInt(20) : 0; // in place, output this far before the input
            byte[] buffer = new byte[length + shift + 8];
            System.arraycopy(input, 0, buffer, shift, length);
            boolean inPlace = r.nextBoolean();
            byte[] out = inPlace ? buffer : new byte[length + 8];
            int done = 0;
            while (done < length) {
                int piece = Math.min(length - done, r.nextInt(4) == 0 ? r.nextInt(200) : r.nextInt(5));
                ours.xor(buffer, shift + done, out, inPlace ? done : 3 + done, piece);
                done += piece;
            }
            assertArrayEquals(expected, Arrays.copyOfRange(out, inPlace ? 0 : 3, (inPlace ? 0 : 3) + length),
                    "round " + round + ", length " + length + ", in place " + inPlace + " shift " + shift);
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ChaCha20(new byte[16]));
        ChaCha20 c = new ChaCha20(new byte[32]);
        assertThrows(IllegalArgumentException.class, () -> c.start(new byte[8], 0));
        c.start(new byte[12], 0);
        assertThrows(IndexOutOfBoundsException.class, () -> c.xor(new byte[10], 0, new byte[5], 0, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> c.xor(new byte[10], 4, new byte[10], 0, 7));
        c.xor(new byte[10], 0, new byte[10], 0, 3);
        assertThrows(IllegalStateException.class, () -> c.keyStreamBlock(new byte[64]), "a block asked for mid-block");
    }

    /** The counter is 32 bits (RFC 8439 §2.4): the block with counter 2^32 - 1 is the last for a nonce. */
    @Test
    void theBlockCounterDoesNotWrap() {
        ChaCha20 c = new ChaCha20(new byte[32]);
        c.start(new byte[12], -1);
        byte[] out = new byte[130];
        c.xor(new byte[64], 0, out, 0, 64);
        assertArrayEquals(keyStream(new byte[32], new byte[12], 0xffffffff, 64), Arrays.copyOf(out, 64));
        assertThrows(IllegalStateException.class, () -> c.xor(new byte[1], 0, out, 0, 1));
        ChaCha20 d = new ChaCha20(new byte[32]);
        d.start(new byte[12], -2);
        assertThrows(IllegalStateException.class, () -> d.xor(new byte[130], 0, out, 0, 130), "three blocks from 2^32 - 2");
        d.start(new byte[12], -2);
        d.xor(new byte[128], 0, out, 0, 128);
    }
}
