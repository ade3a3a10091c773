package dev.bastion.tls.conformance.matrix;

/** A matrix cell's result. Skipped cells are never counted as passed. */
public enum Status {
    PASSED, FAILED, SKIPPED
}
