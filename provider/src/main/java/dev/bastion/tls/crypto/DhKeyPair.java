package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.util.BigIntegers;

/**
 * An ephemeral finite field Diffie-Hellman key pair for TLS 1.2 DHE suites, with the
 * encodings TLS 1.2 uses: public values and the premaster secret are big-endian integers
 * without leading zero bytes (RFC 5246 §7.4.3, §8.1.2). The RFC 7919 named groups in TLS
 * 1.3 use the padded forms through {@link NamedGroup#generate}.
 *
 * <p>{@link #close()} wipes the private exponent's bytes; the {@code BigInteger} made from
 * them for each operation cannot be overwritten and is left to the garbage collector.
 */
public final class DhKeyPair implements AutoCloseable {
    private final DhParameters parameters;
    private final byte[] privateExponent;
    private final BigInteger publicKey;
    private boolean closed;

    DhKeyPair(DhParameters parameters, byte[] privateExponent, BigInteger publicKey) {
        this.parameters = parameters;
        this.privateExponent = privateExponent;
        this.publicKey = publicKey;
    }

    public DhParameters parameters() {
        return parameters;
    }

    /** {@code dh_Ys} / {@code dh_Yc}: the public value without leading zero bytes. */
    public byte[] publicValue() {
        return BigIntegers.asUnsignedByteArray(publicKey);
    }

    /**
     * The TLS 1.2 premaster secret from the peer's public value, leading zero bytes removed
     * (RFC 5246 §8.1.2).
     *
     * @throws TlsAlert {@code illegal_parameter} if the value is longer than the prime or not
     *     in [2, p-2] (RFC 7919 §5.1), or if the result is degenerate
     */
    public byte[] agree(byte[] peerValue) {
        if (peerValue.length == 0 || peerValue.length > parameters.primeLength()) {
            throw TlsAlert.illegalParameter("peer's DH public value is " + peerValue.length + " bytes; expected 1 to "
                    + parameters.primeLength());
        }
        return DhParameters.stripLeadingZeros(agreePadded(new BigInteger(1, peerValue), "peer's DH public value"));
    }

    /** The public value left-padded to the prime's length (RFC 8446 §4.2.8.1). */
    byte[] paddedPublicValue() {
        return BigIntegers.asUnsignedByteArray(parameters.primeLength(), publicKey);
    }

    /** The shared secret left-padded to the prime's length (RFC 8446 §7.4.1). */
    byte[] agreePadded(BigInteger peer, String what) {
        if (closed) {
            throw new IllegalStateException("DH key pair is closed");
        }
        BigInteger p = parameters.p();
        parameters.checkPeerValue(peer, what);
        BigInteger z = peer.modPow(new BigInteger(1, privateExponent), p);
        // With a safe prime and y in [2, p-2] this cannot happen; with a server's own group it
        // would mean a small-subgroup value.
        if (z.compareTo(BigInteger.ONE) <= 0 || z.equals(p.subtract(BigInteger.ONE))) {
            throw TlsAlert.illegalParameter(what + " gives a degenerate shared secret");
        }
        return BigIntegers.asUnsignedByteArray(parameters.primeLength(), z);
    }

    @Override
    public void close() {
        Arrays.fill(privateExponent, (byte) 0);
        closed = true;
    }

    @Override
    public String toString() {
        return "DhKeyPair(" + parameters + ")";
    }
}
