package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.session.SessionState;

/**
 * A TLS 1.2 session the server resumes ({@link ResumeChecks}), and whether it came in a ticket
 * (else by its session id). Its id is the one the ServerHello echoes.
 */
record Resumable(SessionState state, boolean fromTicket) {
}
