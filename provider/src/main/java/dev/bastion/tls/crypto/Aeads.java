package dev.bastion.tls.crypto;

/**
 * Chooses the AEAD implementation per algorithm. The choice is explained in
 * {@link #choice}; the lead's JMH {@code RecordProtectionBenchmark} is the place to re-check it.
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
        /** RFC 8439 §2.8 composed from our {@link ChaCha20} and Bouncy Castle's Poly1305 (ChaCha20-Poly1305 only). */
        RFC8439 {
            @Override
            Aead create(AeadAlgorithm algorithm, byte[] key) {
                if (algorithm != AeadAlgorithm.CHACHA20_POLY1305) {
                    throw new IllegalArgumentException(this + " implements ChaCha20-Poly1305 only, not " + algorithm);
                }
                return new Rfc8439Aead(key);
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

    /**
     * The implementation {@link #create} uses for {@code algorithm} on this JVM.
     *
     * <p>Measured once with a throwaway harness (not JMH) on the shared 2-core build machine
     * (Xeon with AES-NI, AVX-512, VAES): 16 KiB records, per-thread CPU time, about 0.6 s per
     * figure after 0.7 s of warm-up, so take them as ±30 %. Seal / open throughput, and bytes
     * allocated per record:
     * <pre>
     *                              JDK 17.0.15                         JDK 25.0.3
     * AES-128-GCM  JCA           2,900 / 4,500 MB/s   ~1 KB          6,100 / 8,300 MB/s   ~1 KB
     *              BC               95 /    95 MB/s   ~0.6 KB           86 /    88 MB/s   ~0.6 KB
     * AES-256-GCM  JCA           4,000 / 3,300 MB/s   ~1 KB          5,400 / 6,600 MB/s   ~1 KB
     *              BC               46 /    43 MB/s   ~0.6 KB           68 /    62 MB/s   ~0.6 KB
     * ChaCha20-    JCA heap        130-170 / 140-210  1.4 / 2.4 KB   1,700 / 1,900 MB/s   2.3 KB
     * Poly1305     JCA direct      130-200 / 130-140  22 / 101 KB    1,400 / 1,400 MB/s   19 KB
     *              BC heap         130 / 120 MB/s     0.2 / 0.3 KB     225 /   194 MB/s   0.2 KB
     *              BC_RFC8439 heap 160-170 / 170-220  0                200 /   220 MB/s   0
     *              BC_RFC8439 dir. 180-210 / 150-220  0                215 /   185 MB/s   0
     * </pre>
     * (The BC_RFC8439 rows were the composition over Bouncy Castle's {@code ChaCha7539Engine};
     * {@link Implementation#RFC8439} replaced that engine with our {@link ChaCha20}, about 1.7
     * times as fast; a 16 KiB wrap + unwrap on JDK 17 ({@code BulkCpuTime}) went from 1.43 to 1.87
     * times SunJSSE's ChaCha20-Poly1305 in TLS 1.3, with ChaCha20 two thirds of the time and
     * Bouncy Castle's Poly1305 one third.)
     * AES-GCM: the JDK's intrinsified GCM wins by 30 to 90 times everywhere. ChaCha20-Poly1305:
     * on JDK 17 SunJCE's pure-Java cipher is slower than our RFC 8439 composition, and it
     * allocates a record-sized copy (or several) for every direct-buffer record where the
     * composition allocates nothing, so {@link Implementation#RFC8439} wins. From JDK 20 on
     * SunJCE has ChaCha20 and Poly1305 intrinsics (JDK-8247645, JDK-8288047) and is about 8
     * times faster on JDK 25, which outweighs its garbage.
     */
    static Implementation choice(AeadAlgorithm algorithm) {
        if (algorithm == AeadAlgorithm.CHACHA20_POLY1305 && Runtime.version().feature() < 20) {
            return Implementation.RFC8439;
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
