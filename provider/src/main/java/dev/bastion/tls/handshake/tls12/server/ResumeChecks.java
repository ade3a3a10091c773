package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.ServerAnswers;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.handshake.tls12.common.Tickets12;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.Codes;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.SessionTicket;
import dev.bastion.tls.session.SessionCodec;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Whether the TLS 1.2 server resumes the session a ClientHello offers. A ticket comes first
 * (RFC 5077 §3.4; as nginx, a ticket beats a session id), then the session id (RFC 5246
 * §7.4.1.2). Anything that does not fit gives a full handshake, silently (RFC 5077 §3.4, RFC 5246
 * §7.4.1.2: "the server ... MAY ... perform a full handshake"):
 * <ul>
 *   <li>a ticket that does not open (tampered, another server's keys, a rotated-out key) or
 *       whose session has expired; a session id not cached or expired;</li>
 *   <li>a session of another version, or whose cipher suite the client does not offer or this
 *       server no longer enables (RFC 5246 §7.4.1.2: the client "MUST include at least the
 *       cipher_suite from that session");</li>
 *   <li>extended master secret use that differs between the session and this ClientHello
 *       (RFC 7627 §5.3), or a session without it when legacy master secrets are not allowed;</li>
 *   <li>another server name than the session's (RFC 6066 §3);</li>
 *   <li>a session without client authentication when this server requires it.</li>
 * </ul>
 * A session that passes them all but was made, and would be resumed, without the extended
 * master secret, by a server that uses it, is not resumed: handshake_failure when
 * {@code jdk.tls.allowLegacyResumption} is false, else a full handshake (SunJSSE's answers).
 */
final class ResumeChecks {
    private static final Trace TRACE = Trace.get("handshake");

    private ResumeChecks() {
    }

    static Optional<Resumable> find(HandshakeConfig config, ClientHello ch, HandshakeIo io) {
        Optional<SessionContext> sessions = io.sessions();
        if (sessions.isEmpty()) {
            return Optional.empty();
        }
        Optional<SessionTicket> ticket = ch.extensions().get(SessionTicket.class);
        if (ticket.isPresent() && !ticket.get().ticket().isEmpty() && Tickets12.issue(ticket, io)) {
            Optional<SessionState> s = sessions.get().open(ticket.get().ticket().toByteArray())
                    .map(SessionCodec.Ticket::state).filter(x -> fits(x, config, ch));
            if (s.isPresent()) {
                return Optional.of(new Resumable(s.get().withId(ch.legacySessionId().toByteArray()), true));
            }
        }
        if (!ch.legacySessionId().isEmpty() && !sessions.get().isClient()) {
            return sessions.get().find(ch.legacySessionId().toByteArray()).filter(x -> fits(x, config, ch))
                    .map(s -> new Resumable(s, false));
        }
        return Optional.empty();
    }

    private static boolean fits(SessionState s, HandshakeConfig config, ClientHello ch) {
        Optional<String> why = refusal(s, config, ch);
        why.ifPresent(w -> TRACE.debug(() -> "TLS 1.2 session " + HexFormat.of().formatHex(s.id())
                + " not resumed: " + w));
        if (why.isEmpty() && !s.extendedMasterSecret() && config.tls12().useExtendedMasterSecret()) {
            // The session and this hello both without it, where this server uses it: RFC 7627 §5.3
            // says abort, and allows legacy insecure resumption. As SunJSSE: the abort when
            // jdk.tls.allowLegacyResumption=false, else a full handshake, never that resumption.
            if (!config.tls12().allowLegacyResumption()) {
                throw TlsAlert.handshakeFailure("the client resumes a session made without the extended master secret"
                        + " and offers none now; jdk.tls.allowLegacyResumption=false forbids it (RFC 7627 §5.3)");
            }
            TRACE.debug(() -> "TLS 1.2 session " + HexFormat.of().formatHex(s.id()) + " not resumed: neither it nor"
                    + " this hello used the extended master secret (RFC 7627 §5.3); a full handshake instead");
            return false;
        }
        return why.isEmpty();
    }

    /** Why {@code s} cannot be resumed for {@code ch}; empty when it can. */
    private static Optional<String> refusal(SessionState s, HandshakeConfig config, ClientHello ch) {
        boolean emsNow = config.tls12().useExtendedMasterSecret()
                && ch.extensions().contains(ExtensionType.EXTENDED_MASTER_SECRET);
        if (s.version() != SessionState.TLS12) {
            return Optional.of("a TLS 1.3 session");
        }
        if (s.extendedMasterSecret() != emsNow || !(emsNow || config.tls12().legacyMasterSecretAllowed())) {
            return Optional.of("the session " + (s.extendedMasterSecret() ? "used" : "did not use")
                    + " the extended master secret, this handshake " + (emsNow ? "does" : "does not") + " (RFC 7627 §5.3)");
        }
        if (SessionStates.enabledSuite(s, config).filter(c -> !c.isTls13()).isEmpty()
                || !ch.offersCipherSuite(s.cipherSuite())) {
            return Optional.of("its cipher suite " + Codes.suite(s.cipherSuite()) + " is not offered by the client"
                    + " or not enabled here (RFC 5246 §7.4.1.2)");
        }
        if (!SessionStates.sameServerName(s, ServerAnswers.requestedNames(ch))) {
            return Optional.of("made for server name '" + s.serverName() + "', not for this one (RFC 6066 §3)");
        }
        if (config.clientAuth() == ClientAuth.REQUIRED && s.peerCertificates().isEmpty()) {
            return Optional.of("its client did not authenticate, and this server requires it");
        }
        return Optional.empty();
    }
}
