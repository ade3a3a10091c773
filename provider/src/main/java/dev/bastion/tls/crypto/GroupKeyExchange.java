package dev.bastion.tls.crypto;

import java.security.SecureRandom;

/** The key exchange behind one {@link NamedGroup}; instances are immutable and shared. */
interface GroupKeyExchange {

    KeyShare generate(SecureRandom random);

    /**
     * The responder's step. Diffie-Hellman groups generate a key pair and agree; the peer's
     * value is checked by the agreement before anything is returned.
     */
    default Encapsulation encapsulate(byte[] peerValue, SecureRandom random) {
        try (KeyShare own = generate(random)) {
            byte[] secret = own.agree(peerValue);
            return new Encapsulation(own.publicValue(), secret);
        }
    }
}
