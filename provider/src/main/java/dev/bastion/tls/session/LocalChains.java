package dev.bastion.tls.session;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificate chains a server presented, each known by a 64-bit fingerprint (the first 8
 * bytes of SHA-256 over the end-entity certificate), so that a cached session or a ticket
 * names its server's chain in 8 bytes instead of carrying it. A ticket opened by another server
 * of a fleet, which never presented that chain, shows no local certificates. Bounded: when
 * {@link #MAX_CHAINS} are known the table starts again. Thread-safe.
 */
final class LocalChains {
    /** Chains remembered at most. */
    static final int MAX_CHAINS = 256;

    private final Map<X509Certificate, Long> ids = new ConcurrentHashMap<>();
    private final Map<Long, List<X509Certificate>> chains = new ConcurrentHashMap<>();

    /** The fingerprint of {@code chain}, remembered; 0 for an empty chain. */
    long id(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return 0;
        }
        X509Certificate leaf = chain.get(0);
        Long known = ids.get(leaf);
        if (known != null && chains.containsKey(known)) {
            return known;
        }
        if (chains.size() >= MAX_CHAINS) {
            chains.clear();
            ids.clear();
        }
        long id = fingerprint(leaf);
        chains.put(id, List.copyOf(chain));
        ids.put(leaf, id);
        return id;
    }

    /** The chain with fingerprint {@code id}; empty when unknown (or 0). */
    List<X509Certificate> chain(long id) {
        return id == 0 ? List.of() : chains.getOrDefault(id, List.of());
    }

    private static long fingerprint(X509Certificate leaf) {
        try {
            long v = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded())).getLong();
            return v == 0 ? 1 : v;
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint the server certificate " + leaf.getSubjectX500Principal(), e);
        }
    }
}
