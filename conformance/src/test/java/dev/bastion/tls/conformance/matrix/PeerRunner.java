package dev.bastion.tls.conformance.matrix;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs the cases of one peer. */
interface PeerRunner extends AutoCloseable {
    /** Why this peer cannot be run on this machine (a tool missing), or empty. */
    default Optional<String> unavailable() {
        return Optional.empty();
    }

    /** Cases with equal keys (same role) run together in one {@link #run} call; by default each alone. */
    default Object batchKey(MatrixCase c) {
        return c;
    }

    /** Runs a batch; every case gets an outcome (exceptions become failures). */
    Map<MatrixCase, Outcome> run(List<MatrixCase> batch);

    @Override
    default void close() {
    }
}
