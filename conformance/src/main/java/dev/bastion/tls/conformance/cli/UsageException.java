package dev.bastion.tls.conformance.cli;

/** A mistake on the command line; the message says what is wrong. Commands exit with status 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
