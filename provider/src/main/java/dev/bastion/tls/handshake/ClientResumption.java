package dev.bastion.tls.handshake;

import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.SessionTicket;
import dev.bastion.tls.session.ResumptionSettings;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import dev.bastion.tls.session.Tls12Session;
import java.util.Optional;

/**
 * What a client's first ClientHello offers to resume a TLS 1.2 session, shared by the TLS 1.3
 * client (whose hello also serves TLS 1.2 servers) and the TLS 1.2-only client:
 * <ul>
 *   <li>the session cached for this peer, when it is TLS 1.2, its suite is still enabled and it
 *       was made for the server name requested now;</li>
 *   <li>its session id as legacy_session_id (RFC 5246 §7.4.1.2; RFC 8446 §4.1.2: "a client which
 *       has a cached session ID set by a pre-TLS 1.3 server SHOULD set this field to that value");
 *       a session known only by its ticket gets a fresh random id, which the server echoes when
 *       it accepts the ticket (RFC 5077 §3.4);</li>
 *   <li>session_ticket (RFC 5077 §3.2), with the session's ticket or empty, when TLS 1.2 is enabled
 *       and {@code jdk.tls.client.enableSessionTicketExtension} allows.</li>
 * </ul>
 */
public final class ClientResumption {
    private ClientResumption() {
    }

    /** The TLS 1.2 session to offer, if any. */
    public static Optional<Tls12Session> tls12(HandshakeConfig config, HandshakeIo io) {
        Optional<SessionContext> sessions = io.sessions();
        if (sessions.isEmpty() || config.peerHost().isEmpty() || !config.enables(HandshakeConfig.TLS12)) {
            return Optional.empty();
        }
        return sessions.get().tls12(config.peerHost().get(), config.peerPort(),
                s -> s.version() == SessionState.TLS12 && SessionStates.enabledSuite(s, config).isPresent()
                        && SessionStates.sameServerName(s, ClientHellos.requestedNames(config))
                        && (s.extendedMasterSecret() || config.tls12().allowLegacyResumption()));
    }

    /**
     * The legacy_session_id: the offered session's id; for a session known only by its ticket
     * {@code random32}; otherwise {@code otherwise} (the TLS 1.3 compatibility id, or empty).
     */
    public static Opaque sessionId(Optional<Tls12Session> offered, Opaque otherwise, byte[] random32) {
        if (offered.isEmpty()) {
            return otherwise;
        }
        byte[] id = offered.get().state().id();
        return id.length > 0 ? Opaque.of(id) : otherwise.isEmpty() ? Opaque.of(random32) : otherwise;
    }

    /** Whether the hello carries session_ticket. */
    public static boolean offersTickets(HandshakeConfig config, HandshakeIo io) {
        return config.enables(HandshakeConfig.TLS12)
                && io.sessions().map(SessionContext::settings).map(ResumptionSettings::tls12Tickets).orElse(false);
    }

    /** What the hello carries to resume, with the TLS 1.3 pre_shared_key still to add. */
    public static HelloResumption hello(HandshakeConfig config, HandshakeIo io, Optional<Tls12Session> offered) {
        Optional<SessionTicket> ticket = offersTickets(config, io)
                ? Optional.of(new SessionTicket(offered.map(s -> Opaque.of(s.ticket())).orElse(Opaque.EMPTY)))
                : Optional.empty();
        boolean pskKe = io.sessions().map(s -> s.settings().pskKe()).orElse(false);
        return new HelloResumption(ticket, pskKe, Optional.empty());
    }
}
