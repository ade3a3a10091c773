package dev.bastion.tls.crypto;

/**
 * The record keys of a TLS 1.2 AEAD connection, split from the key block (RFC 5246 §6.3).
 * The caller owns both and destroys them when the keys are replaced or the connection ends.
 */
public record Tls12KeyBlock(TrafficKeys clientWrite, TrafficKeys serverWrite) {

    /** Wipes both directions' keys. */
    public void destroy() {
        clientWrite.destroy();
        serverWrite.destroy();
    }

    @Override
    public String toString() {
        return "Tls12KeyBlock(" + clientWrite.aead() + ", keys hidden)";
    }
}
