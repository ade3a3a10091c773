package dev.bastion.tls.conformance.matrix;

/** How one matrix cell ended, and in a few words why. */
public record Outcome(Status status, String detail) {
    public static Outcome passed(String detail) {
        return new Outcome(Status.PASSED, detail);
    }

    public static Outcome failed(String detail) {
        return new Outcome(Status.FAILED, detail);
    }

    public static Outcome skipped(String detail) {
        return new Outcome(Status.SKIPPED, detail);
    }
}
