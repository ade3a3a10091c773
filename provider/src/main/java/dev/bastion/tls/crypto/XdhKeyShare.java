package dev.bastion.tls.crypto;

import java.util.Arrays;

/** An X25519 or X448 key pair; {@link #close()} wipes the private scalar. */
final class XdhKeyShare implements KeyShare {
    private final XdhKeyExchange exchange;
    private final byte[] privateKey;
    private final byte[] publicKey;
    private boolean closed;

    XdhKeyShare(XdhKeyExchange exchange, byte[] privateKey, byte[] publicKey) {
        this.exchange = exchange;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    @Override
    public NamedGroup group() {
        return exchange.group();
    }

    @Override
    public byte[] publicValue() {
        return publicKey.clone();
    }

    @Override
    public byte[] agree(byte[] peerValue) {
        if (closed) {
            throw new IllegalStateException(group() + " key share is closed");
        }
        return exchange.agree(privateKey, peerValue);
    }

    /**
     * An independent key share with the same key pair (its own copy of the private scalar, so
     * closing one leaves the other usable), made without computing the public key again.
     */
    XdhKeyShare copy() {
        if (closed) {
            throw new IllegalStateException(group() + " key share is closed");
        }
        return new XdhKeyShare(exchange, privateKey.clone(), publicKey.clone());
    }

    @Override
    public void close() {
        Arrays.fill(privateKey, (byte) 0);
        closed = true;
    }

    @Override
    public String toString() {
        return "KeyShare(" + group() + ")";
    }
}
