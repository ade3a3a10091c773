package dev.bastion.tls.crypto;

import dev.bastion.tls.codec.TlsAlert;
import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * The RFC 7919 groups as TLS 1.3 key shares: public values and shared secrets are
 * left-padded to the prime's length (RFC 8446 §4.2.8.1, §7.4.1), so a peer's value must have
 * exactly that length.
 */
final class FfdheKeyExchange implements GroupKeyExchange {
    private final NamedGroup group;
    private final DhParameters parameters;

    FfdheKeyExchange(NamedGroup group, DhParameters parameters) {
        this.group = group;
        this.parameters = parameters;
    }

    @Override
    public KeyShare generate(SecureRandom random) {
        return new FfdheKeyShare(this, parameters.generate(random));
    }

    NamedGroup group() {
        return group;
    }

    byte[] agree(DhKeyPair keyPair, byte[] peerValue) {
        int expected = parameters.primeLength();
        if (peerValue.length != expected) {
            throw TlsAlert.illegalParameter("peer's " + group.jsseName() + " key share is " + peerValue.length
                    + " bytes; expected " + expected + " (RFC 8446 §4.2.8.1)");
        }
        return keyPair.agreePadded(new BigInteger(1, peerValue), "peer's " + group.jsseName() + " key share");
    }
}
