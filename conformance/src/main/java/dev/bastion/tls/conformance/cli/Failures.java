package dev.bastion.tls.conformance.cli;

/** One-line descriptions of what went wrong, with the causes that say why. */
public final class Failures {
    private Failures() {
    }

    /** {@code SSLHandshakeException: message / caused by ...}, on one line. */
    public static String describe(Throwable e) {
        StringBuilder b = new StringBuilder(name(e));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && e.getMessage() != null && e.getMessage().contains(c.getMessage())) {
                continue;
            }
            b.append(" / caused by ").append(name(c));
        }
        return b.toString().replace('\n', ' ').replace('\r', ' ');
    }

    private static String name(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
