package dev.bastion.tls.conformance.matrix;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * THE switch for matrix cases Bastion cannot pass yet: every case that needs a feature listed
 * in {@link #IN_BASTION} is reported as skipped, with the issue that will bring it, and never
 * run, so it can never be counted as passed. When an issue lands, remove its feature here;
 * nothing else changes.
 */
public final class NotYetImplemented {
    /** What Bastion does not implement yet. Remove a feature when its issue lands. */
    public static final Set<Feature> IN_BASTION = EnumSet.noneOf(Feature.class);

    private NotYetImplemented() {
    }

    /** Why {@code c} cannot run on the subject yet; empty when it can. Only Bastion is held back. */
    static Optional<String> reason(MatrixCase c, String subject) {
        if (!subject.equals("Bastion")) {
            return Optional.empty();
        }
        if (c.tls12() && IN_BASTION.contains(Feature.TLS12)) {
            return Optional.of(Feature.TLS12.reason);
        }
        if (c.resumed() && IN_BASTION.contains(Feature.RESUMPTION)) {
            return Optional.of(Feature.RESUMPTION.reason);
        }
        return Optional.empty();
    }
}
