package dev.bastion.tls.crypto;

/** An RFC 7919 group key pair in TLS 1.3 form (padded values); {@link #close()} wipes the exponent. */
final class FfdheKeyShare implements KeyShare {
    private final FfdheKeyExchange exchange;
    private final DhKeyPair keyPair;

    FfdheKeyShare(FfdheKeyExchange exchange, DhKeyPair keyPair) {
        this.exchange = exchange;
        this.keyPair = keyPair;
    }

    @Override
    public NamedGroup group() {
        return exchange.group();
    }

    @Override
    public byte[] publicValue() {
        return keyPair.paddedPublicValue();
    }

    @Override
    public byte[] agree(byte[] peerValue) {
        return exchange.agree(keyPair, peerValue);
    }

    @Override
    public void close() {
        keyPair.close();
    }

    @Override
    public String toString() {
        return "KeyShare(" + group() + ")";
    }
}
