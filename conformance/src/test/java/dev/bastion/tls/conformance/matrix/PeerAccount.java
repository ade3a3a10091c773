package dev.bastion.tls.conformance.matrix;

import java.util.Optional;

/**
 * What the peer itself said about a case (its page, log, output or session): whether it
 * succeeded, and when it tells them, the protocol, the suite and whether it resumed (null when it
 * does not say). {@code error} carries the peer's own error text when it failed.
 */
record PeerAccount(boolean ok, String protocol, String suite, Boolean resumed, String error) {
    static PeerAccount failed(String error) {
        return new PeerAccount(false, null, null, null, error);
    }

    static PeerAccount ok(String protocol, String suite, Boolean resumed) {
        return new PeerAccount(true, protocol, suite, resumed, null);
    }

    /** The first way this account disagrees with the case (for the connection that must or must not resume). */
    Optional<String> check(MatrixCase c, boolean second) {
        if (!ok) {
            return Optional.of("peer: " + error);
        }
        if (protocol != null && !protocol.equals(c.version())) {
            return Optional.of("peer says protocol " + protocol + ", expected " + c.version());
        }
        if (suite != null && !suite.equals(c.suite())) {
            return Optional.of("peer says suite " + suite + ", expected " + c.suite());
        }
        if (resumed != null && resumed != second) {
            return Optional.of("peer says " + (resumed ? "resumed" : "not resumed") + " on connection "
                    + (second ? 2 : 1));
        }
        return Optional.empty();
    }
}
