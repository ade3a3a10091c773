package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.AlertDescription;
import dev.bastion.tls.codec.TlsAlert;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.util.BigIntegers;

/**
 * Finite field Diffie-Hellman parameters: a prime modulus {@code p} and a generator
 * {@code g}. The RFC 7919 groups are constants; a TLS 1.2 client checks a server's own
 * (p, g) with {@link #fromServer}.
 *
 * <p>Arithmetic uses {@link BigInteger#modPow}, which is not constant-time; every private
 * exponent is ephemeral and used for a single agreement.
 */
public record DhParameters(BigInteger p, BigInteger g) {
    /** Larger server primes are refused: they only cost the client time (DoS). */
    public static final int MAX_PRIME_BITS = 8192;

    private static final BigInteger TWO = BigInteger.valueOf(2);

    /** RFC 7919 Appendix A.1, g = 2. */
    public static final DhParameters FFDHE2048 = new DhParameters(hex("""
            ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695
            a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a
            d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935
            984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a
            bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4
            ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61
            9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005
            c58ef1837d1683b2c6f34a26c1b2effa886b423861285c97ffffffffffffffff"""), TWO);

    /** RFC 7919 Appendix A.2, g = 2. */
    public static final DhParameters FFDHE3072 = new DhParameters(hex("""
            ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695
            a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a
            d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935
            984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a
            bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4
            ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61
            9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005
            c58ef1837d1683b2c6f34a26c1b2effa886b4238611fcfdcde355b3b6519035b
            bc34f4def99c023861b46fc9d6e6c9077ad91d2691f7f7ee598cb0fac186d91c
            aefe130985139270b4130c93bc437944f4fd4452e2d74dd364f2e21e71f54bff
            5cae82ab9c9df69ee86d2bc522363a0dabc521979b0deada1dbf9a42d5c4484e
            0abcd06bfa53ddef3c1b20ee3fd59d7c25e41d2b66c62e37ffffffffffffffff"""), TWO);

    /** RFC 7919 Appendix A.3, g = 2. */
    public static final DhParameters FFDHE4096 = new DhParameters(hex("""
            ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695
            a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a
            d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935
            984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a
            bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4
            ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61
            9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005
            c58ef1837d1683b2c6f34a26c1b2effa886b4238611fcfdcde355b3b6519035b
            bc34f4def99c023861b46fc9d6e6c9077ad91d2691f7f7ee598cb0fac186d91c
            aefe130985139270b4130c93bc437944f4fd4452e2d74dd364f2e21e71f54bff
            5cae82ab9c9df69ee86d2bc522363a0dabc521979b0deada1dbf9a42d5c4484e
            0abcd06bfa53ddef3c1b20ee3fd59d7c25e41d2b669e1ef16e6f52c3164df4fb
            7930e9e4e58857b6ac7d5f42d69f6d187763cf1d5503400487f55ba57e31cc7a
            7135c886efb4318aed6a1e012d9e6832a907600a918130c46dc778f971ad0038
            092999a333cb8b7a1a1db93d7140003c2a4ecea9f98d0acc0a8291cdcec97dcf
            8ec9b55a7f88a46b4db5a851f44182e1c68a007e5e655f6affffffffffffffff"""), TWO);

    /** RFC 7919 Appendix A.4, g = 2. */
    public static final DhParameters FFDHE6144 = new DhParameters(hex("""
            ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695
            a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a
            d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935
            984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a
            bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4
            ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61
            9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005
            c58ef1837d1683b2c6f34a26c1b2effa886b4238611fcfdcde355b3b6519035b
            bc34f4def99c023861b46fc9d6e6c9077ad91d2691f7f7ee598cb0fac186d91c
            aefe130985139270b4130c93bc437944f4fd4452e2d74dd364f2e21e71f54bff
            5cae82ab9c9df69ee86d2bc522363a0dabc521979b0deada1dbf9a42d5c4484e
            0abcd06bfa53ddef3c1b20ee3fd59d7c25e41d2b669e1ef16e6f52c3164df4fb
            7930e9e4e58857b6ac7d5f42d69f6d187763cf1d5503400487f55ba57e31cc7a
            7135c886efb4318aed6a1e012d9e6832a907600a918130c46dc778f971ad0038
            092999a333cb8b7a1a1db93d7140003c2a4ecea9f98d0acc0a8291cdcec97dcf
            8ec9b55a7f88a46b4db5a851f44182e1c68a007e5e0dd9020bfd64b645036c7a
            4e677d2c38532a3a23ba4442caf53ea63bb454329b7624c8917bdd64b1c0fd4c
            b38e8c334c701c3acdad0657fccfec719b1f5c3e4e46041f388147fb4cfdb477
            a52471f7a9a96910b855322edb6340d8a00ef092350511e30abec1fff9e3a26e
            7fb29f8c183023c3587e38da0077d9b4763e4e4b94b2bbc194c6651e77caf992
            eeaac0232a281bf6b3a739c1226116820ae8db5847a67cbef9c9091b462d538c
            d72b03746ae77f5e62292c311562a846505dc82db854338ae49f5235c95b9117
            8ccf2dd5cacef403ec9d1810c6272b045b3b71f9dc6b80d63fdd4a8e9adb1e69
            62a69526d43161c1a41d570d7938dad4a40e329cd0e40e65ffffffffffffffff
            """), TWO);

    /** RFC 7919 Appendix A.5, g = 2. */
    public static final DhParameters FFDHE8192 = new DhParameters(hex("""
            ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695
            a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b202aec4617a
            d3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935
            984f0c70e0e68b77e2a689daf3efe8721df158a136ade73530acca4f483a797a
            bc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4
            ae56ede76372bb190b07a7c8ee0a6d709e02fce1cdf7e2ecc03404cd28342f61
            9172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005
            c58ef1837d1683b2c6f34a26c1b2effa886b4238611fcfdcde355b3b6519035b
            bc34f4def99c023861b46fc9d6e6c9077ad91d2691f7f7ee598cb0fac186d91c
            aefe130985139270b4130c93bc437944f4fd4452e2d74dd364f2e21e71f54bff
            5cae82ab9c9df69ee86d2bc522363a0dabc521979b0deada1dbf9a42d5c4484e
            0abcd06bfa53ddef3c1b20ee3fd59d7c25e41d2b669e1ef16e6f52c3164df4fb
            7930e9e4e58857b6ac7d5f42d69f6d187763cf1d5503400487f55ba57e31cc7a
            7135c886efb4318aed6a1e012d9e6832a907600a918130c46dc778f971ad0038
            092999a333cb8b7a1a1db93d7140003c2a4ecea9f98d0acc0a8291cdcec97dcf
            8ec9b55a7f88a46b4db5a851f44182e1c68a007e5e0dd9020bfd64b645036c7a
            4e677d2c38532a3a23ba4442caf53ea63bb454329b7624c8917bdd64b1c0fd4c
            b38e8c334c701c3acdad0657fccfec719b1f5c3e4e46041f388147fb4cfdb477
            a52471f7a9a96910b855322edb6340d8a00ef092350511e30abec1fff9e3a26e
            7fb29f8c183023c3587e38da0077d9b4763e4e4b94b2bbc194c6651e77caf992
            eeaac0232a281bf6b3a739c1226116820ae8db5847a67cbef9c9091b462d538c
            d72b03746ae77f5e62292c311562a846505dc82db854338ae49f5235c95b9117
            8ccf2dd5cacef403ec9d1810c6272b045b3b71f9dc6b80d63fdd4a8e9adb1e69
            62a69526d43161c1a41d570d7938dad4a40e329ccff46aaa36ad004cf600c838
            1e425a31d951ae64fdb23fcec9509d43687feb69edd1cc5e0b8cc3bdf64b10ef
            86b63142a3ab8829555b2f747c932665cb2c0f1cc01bd70229388839d2af05e4
            54504ac78b7582822846c0ba35c35f5c59160cc046fd8251541fc68c9c86b022
            bb7099876a460e7451a8a93109703fee1c217e6c3826e52c51aa691e0e423cfc
            99e9e31650c1217b624816cdad9a95f9d5b8019488d9c0a0a1fe3075a577e231
            83f81d4a3f2fa4571efc8ce0ba8a4fe8b6855dfe72b0a66eded2fbabfbe58a30
            fafabe1c5d71a87e2f741ef8c1fe86fea6bbfde530677f0d97d11d49f7a8443d
            0822e506a9f4614e011e2a94838ff88cd68c8bb7c5c6424cffffffffffffffff
            """), TWO);

    /** Checks what our own code passes: an odd modulus and a generator in [2, p-2]. */
    public DhParameters {
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(g, "g");
        if (p.compareTo(BigInteger.valueOf(5)) < 0 || !p.testBit(0)) {
            throw new IllegalArgumentException("DH modulus must be an odd number above 4");
        }
        if (g.compareTo(TWO) < 0 || g.compareTo(p.subtract(TWO)) > 0) {
            throw new IllegalArgumentException("DH generator must be in [2, p-2]");
        }
    }

    /**
     * Checks the (p, g) a TLS 1.2 server sent in its ServerKeyExchange (RFC 5246 §7.4.3).
     * A prime shorter than {@code minimumPrimeBits} gives {@code insufficient_security}; a
     * prime longer than {@link #MAX_PRIME_BITS}, an even or composite modulus, or a generator
     * outside [2, p-2] gives {@code illegal_parameter}. The RFC 7919 groups are recognised;
     * any other modulus must pass a probable-prime test (RFC 7919 §8.7 warns against groups
     * a client cannot verify; a full safe-prime check would double the cost and reject
     * legitimate DSA-style groups).
     */
    public static DhParameters fromServer(byte[] pBytes, byte[] gBytes, int minimumPrimeBits) {
        BigInteger p = new BigInteger(1, pBytes);
        BigInteger g = new BigInteger(1, gBytes);
        int bits = p.bitLength();
        if (p.signum() == 0) {
            throw TlsAlert.illegalParameter("server's DH prime is zero");
        }
        if (bits > MAX_PRIME_BITS) {
            throw TlsAlert.illegalParameter("server's DH prime has " + bits + " bits; at most " + MAX_PRIME_BITS + " accepted");
        }
        if (bits < minimumPrimeBits) {
            throw new TlsAlert(AlertDescription.INSUFFICIENT_SECURITY, "server's DH prime has " + bits
                    + " bits; at least " + minimumPrimeBits + " required");
        }
        if (!p.testBit(0)) {
            throw TlsAlert.illegalParameter("server's DH modulus is even");
        }
        if (g.compareTo(TWO) < 0 || g.compareTo(p.subtract(TWO)) > 0) {
            throw TlsAlert.illegalParameter("server's DH generator 0x" + g.toString(16) + " is not in [2, p-2]");
        }
        DhParameters params = new DhParameters(p, g);
        if (params.namedGroup().isEmpty() && !p.isProbablePrime(64)) {
            throw TlsAlert.illegalParameter("server's " + bits + "-bit DH modulus is not prime");
        }
        return params;
    }

    /** The modulus length in bytes: the length of padded values and shared secrets. */
    public int primeLength() {
        return (p.bitLength() + 7) / 8;
    }

    /** The RFC 7919 group these parameters are, if any. */
    public Optional<NamedGroup> namedGroup() {
        if (equals(FFDHE2048)) {
            return Optional.of(NamedGroup.FFDHE2048);
        }
        if (equals(FFDHE3072)) {
            return Optional.of(NamedGroup.FFDHE3072);
        }
        if (equals(FFDHE4096)) {
            return Optional.of(NamedGroup.FFDHE4096);
        }
        if (equals(FFDHE6144)) {
            return Optional.of(NamedGroup.FFDHE6144);
        }
        if (equals(FFDHE8192)) {
            return Optional.of(NamedGroup.FFDHE8192);
        }
        return Optional.empty();
    }

    /** A fresh key pair for TLS 1.2 DHE (ServerKeyExchange or ClientKeyExchange). */
    public DhKeyPair generate(SecureRandom random) {
        int bits = privateExponentBits();
        BigInteger x = bits < p.bitLength() - 1
                ? BigIntegers.createRandomBigInteger(bits, random).setBit(bits - 1)
                : BigIntegers.createRandomInRange(TWO, p.subtract(TWO), random);
        return new DhKeyPair(this, BigIntegers.asUnsignedByteArray(x), g.modPow(x, p));
    }

    /**
     * The TLS 1.2 premaster secret from a Diffie-Hellman result: leading zero bytes removed
     * (RFC 5246 §8.1.2). TLS 1.3 keeps them (RFC 8446 §7.4.1).
     */
    public static byte[] stripLeadingZeros(byte[] value) {
        int i = 0;
        while (i < value.length - 1 && value[i] == 0) {
            i++;
        }
        return Arrays.copyOfRange(value, i, value.length);
    }

    /**
     * Private exponent size. The RFC 7919 primes are safe primes, so a short exponent of the
     * size RFC 7919 Appendix A recommends (§5.2: about twice the group's strength) is safe
     * and fast. For other groups the subgroup structure is unknown, so the exponent is drawn
     * from the whole range [2, p-2].
     */
    int privateExponentBits() {
        return namedGroup().map(group -> switch (group) {
            case FFDHE2048 -> 225;
            case FFDHE3072 -> 275;
            case FFDHE4096 -> 325;
            case FFDHE6144 -> 375;
            case FFDHE8192 -> 400;
            default -> throw new IllegalStateException("not an FFDHE group: " + group);
        }).orElse(p.bitLength());
    }

    /** Checks a peer's public value: 1 &lt; y &lt; p-1 (RFC 7919 §5.1; NIST SP 800-56A partial validation). */
    BigInteger checkPeerValue(BigInteger y, String what) {
        if (y.compareTo(BigInteger.ONE) <= 0 || y.compareTo(p.subtract(BigInteger.ONE)) >= 0) {
            throw TlsAlert.illegalParameter(what + " is not in [2, p-2]");
        }
        return y;
    }

    private static BigInteger hex(String s) {
        return new BigInteger(s.replaceAll("\\s+", ""), 16);
    }

    @Override
    public String toString() {
        return "DhParameters(" + namedGroup().map(NamedGroup::jsseName).orElse(p.bitLength() + "-bit prime") + ", g=" + g + ")";
    }
}
