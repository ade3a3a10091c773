package dev.bastion.tls.handshake;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** A certificate chain and its private key, as a key manager chose them. */
public record LocalCredential(List<X509Certificate> chain, PrivateKey key) {
    public LocalCredential {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a credential needs at least one certificate");
        }
    }

    @Override
    public String toString() {
        return "LocalCredential(" + chain.get(0).getSubjectX500Principal() + ", " + key.getAlgorithm() + " key)";
    }
}
