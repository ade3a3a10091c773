package dev.bastion.tls.crypto;

/**
 * Chooses the AEAD implementation per algorithm. The choice is measured by
 * {@code benchmarks/RecordProtectionBenchmark} and explained where it is made.
 */
final class Aeads {
    private Aeads() {
    }

    static Aead create(AeadAlgorithm algorithm, byte[] key) {
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength()
                    + "-byte key, got " + key.length);
        }
        return new JcaAead(algorithm, key);
    }
}
