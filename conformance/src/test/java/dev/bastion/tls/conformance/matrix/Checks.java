package dev.bastion.tls.conformance.matrix;

import java.util.List;
import java.util.Optional;

/**
 * What every cell checks on the subject's side of a connection, provider-neutral where it can
 * be: the session's protocol and suite; the group in Bastion's session and on the wire; who
 * presented a client certificate; and from Bastion's handshake trace, the scheme the server
 * signed with and whether the ServerHello resumed a session. The first difference is the
 * cell's failure reason.
 */
final class Checks {
    private Checks() {
    }

    /**
     * @param pinnedGroup whether the subject could be held to the case's group (Bastion; a SunJSSE
     *                    subject reads its groups once per JVM, so its group is not checked)
     * @param second whether this is the second connection of a resumption case (it must resume;
     *               the first must not)
     */
    static Optional<String> subject(MatrixCase c, Observed o, boolean traceActive, boolean pinnedGroup,
            boolean second) {
        if (o.session() == null) {
            return Optional.of("no session");
        }
        if (!c.version().equals(o.session().protocol())) {
            return Optional.of("negotiated " + o.session().protocol() + ", expected " + c.version());
        }
        if (!c.suite().equals(o.session().cipherSuite())) {
            return Optional.of("negotiated " + o.session().cipherSuite() + ", expected " + c.suite());
        }
        Optional<String> group = pinnedGroup ? group(c, o, second) : Optional.empty();
        if (group.isPresent()) {
            return group;
        }
        Optional<String> auth = clientAuth(c, o);
        if (auth.isPresent()) {
            return auth;
        }
        return traceActive ? trace(c, o, second) : Optional.empty();
    }

    private static Optional<String> group(MatrixCase c, Observed o, boolean second) {
        if (!c.groupChecked() || (second && c.tls12())) {
            return Optional.empty(); // TLS 1.2 resumption has no key exchange
        }
        if (!o.sessionGroup().isEmpty() && !o.sessionGroup().equals(c.group())) {
            return Optional.of("Bastion's session says group " + o.sessionGroup() + ", expected " + c.group());
        }
        Optional<String> wire = o.wire().group();
        if (wire.isEmpty() || !wire.get().equals(c.group())) {
            return Optional.of("group on the wire " + wire.orElse("(none)") + ", expected " + c.group());
        }
        return Optional.empty();
    }

    private static Optional<String> clientAuth(MatrixCase c, Observed o) {
        String presented = c.role() == Role.SERVER ? o.session().peerSubject() : o.session().localSubject();
        String expected = c.clientAuth() ? Subject.CLIENT_SUBJECT : null;
        if (c.clientAuth() ? !expected.equals(presented) : presented != null) {
            return Optional.of("client certificate " + presented + ", expected " + (expected == null ? "none" : expected));
        }
        return Optional.empty();
    }

    private static Optional<String> trace(MatrixCase c, Observed o, boolean second) {
        List<List<String>> connections = BastionTrace.connections(o.trace(), c.role());
        if (connections.size() != 1) {
            return Optional.of("Bastion's trace shows " + connections.size() + " ServerHellos for one connection");
        }
        List<String> connection = connections.get(0);
        boolean resumed = BastionTrace.resumed(connection, c.role(), c.tls12());
        if (resumed != second) {
            return Optional.of(second ? "the second connection did not resume the session (Bastion's trace)"
                    : "the first connection resumed a session (Bastion's trace)");
        }
        if (!second && c.schemeChecked()) {
            Optional<String> signed = BastionTrace.serverScheme(connection, c.role(), c.tls12());
            if (!signed.equals(Optional.of(c.scheme()))) {
                return Optional.of("the server signed with " + signed.orElse("(nothing in Bastion's trace)")
                        + ", expected " + c.scheme());
            }
        }
        return Optional.empty();
    }
}
