package dev.bastion.tls.crypto;

/**
 * Chooses the AEAD implementation per algorithm. The choice is measured by
 * {@code benchmarks/RecordProtectionBenchmark} and explained where it is made.
 */
final class Aeads {
    private Aeads() {
    }

    /** Every implementation, so that one test can run against each of them. */
    enum Implementation {
        JCA {
            @Override
            Aead create(AeadAlgorithm algorithm, byte[] key) {
                return new JcaAead(algorithm, key);
            }
        },
        /** Bouncy Castle's lightweight modes: {@code GCMBlockCipher} and {@code ChaCha20Poly1305}. */
        BC {
            @Override
            Aead create(AeadAlgorithm algorithm, byte[] key) {
                return algorithm == AeadAlgorithm.CHACHA20_POLY1305
                        ? new BcChaCha20Poly1305Aead(key)
                        : new BcAesGcmAead(algorithm, key);
            }
        },
        /** RFC 8439 §2.8 composed from Bouncy Castle's ChaCha20 and Poly1305 (ChaCha20-Poly1305 only). */
        BC_RFC8439 {
            @Override
            Aead create(AeadAlgorithm algorithm, byte[] key) {
                if (algorithm != AeadAlgorithm.CHACHA20_POLY1305) {
                    throw new IllegalArgumentException(this + " implements ChaCha20-Poly1305 only, not " + algorithm);
                }
                return new BcRfc8439Aead(key);
            }

            @Override
            boolean supports(AeadAlgorithm algorithm) {
                return algorithm == AeadAlgorithm.CHACHA20_POLY1305;
            }
        };

        abstract Aead create(AeadAlgorithm algorithm, byte[] key);

        boolean supports(AeadAlgorithm algorithm) {
            return true;
        }
    }

    /** The implementation {@link #create} uses for {@code algorithm} on this JVM. */
    static Implementation choice(AeadAlgorithm algorithm) {
        if (algorithm == AeadAlgorithm.CHACHA20_POLY1305 && Runtime.version().feature() < 21) {
            return Implementation.BC_RFC8439;
        }
        return Implementation.JCA;
    }

    static Aead create(AeadAlgorithm algorithm, byte[] key) {
        if (key.length != algorithm.keyLength()) {
            throw new IllegalArgumentException(algorithm + " needs a " + algorithm.keyLength()
                    + "-byte key, got " + key.length);
        }
        return choice(algorithm).create(algorithm, key);
    }
}
