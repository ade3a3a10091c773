package dev.bastion.tls.crypto;

import java.util.Arrays;

/**
 * A NIST-curve ECDH key pair. {@link #close()} wipes the scalar's bytes; the transient
 * {@code BigInteger} made from them for each agreement cannot be overwritten and is left
 * to the garbage collector.
 */
final class EcdhKeyShare implements KeyShare {
    private final EcdhKeyExchange exchange;
    private final byte[] privateScalar;
    private final byte[] publicValue;
    private boolean closed;

    EcdhKeyShare(EcdhKeyExchange exchange, byte[] privateScalar, byte[] publicValue) {
        this.exchange = exchange;
        this.privateScalar = privateScalar;
        this.publicValue = publicValue;
    }

    @Override
    public NamedGroup group() {
        return exchange.group();
    }

    @Override
    public byte[] publicValue() {
        return publicValue.clone();
    }

    @Override
    public byte[] agree(byte[] peerValue) {
        if (closed) {
            throw new IllegalStateException(group() + " key share is closed");
        }
        return exchange.agree(privateScalar, peerValue);
    }

    @Override
    public void close() {
        Arrays.fill(privateScalar, (byte) 0);
        closed = true;
    }

    @Override
    public String toString() {
        return "KeyShare(" + group() + ")";
    }
}
