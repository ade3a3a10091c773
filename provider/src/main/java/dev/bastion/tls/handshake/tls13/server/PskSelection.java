package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.EarlySecret;
import dev.bastion.tls.crypto.HashAlgorithm;
import dev.bastion.tls.crypto.PskBinderKey;
import dev.bastion.tls.crypto.TranscriptHash;
import dev.bastion.tls.diag.Trace;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.ServerAnswers;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ext.PreSharedKeyClientHello;
import dev.bastion.tls.message.ext.PskIdentity;
import dev.bastion.tls.message.ext.PskKeyExchangeModes;
import dev.bastion.tls.session.SessionCodec;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import java.util.List;
import java.util.Optional;

/**
 * The server's choice of a PSK among the client's tickets (RFC 8446 §4.2.11). The first identity
 * that passes every check is selected; an identity that fails any of them is passed over, and
 * without one the handshake is a full one (RFC 8446 §4.2.11: the server "MUST ... select a
 * single PSK" it can use, or none):
 * <ul>
 *   <li>a key exchange mode both allow (§4.2.9): psk_dhe_ke, else psk_ke when enabled;</li>
 *   <li>the ticket opens with this server's ticket keys and its session has not expired
 *       (a tampered or foreign ticket, or one whose key was rotated out, does not open);</li>
 *   <li>a TLS 1.3 session whose suite can be used ({@link #suiteFor}): its own, when the client
 *       offers it and this server enables it (on a first ClientHello, whatever the order of
 *       preference says, as SunJSSE resumes), else the chosen suite when its hash is the
 *       session's (§4.2.11);</li>
 *   <li>the ticket age: under 7 days by the server's clock (§4.6.1), and the client's view
 *       ({@code obfuscated_ticket_age - ticket_age_add}, §4.2.11.1) no older than the server's
 *       beyond {@link SessionStates#TICKET_AGE_TOLERANCE_MILLIS} (§8.3); a younger one is fine
 *       (the client read the ticket late) — the age guards 0-RTT replay, and no early data is
 *       ever accepted here;</li>
 *   <li>the same server name as the session's (RFC 6066 §3, RFC 8446 §4.6.1);</li>
 *   <li>when client authentication is required, a session whose client authenticated.</li>
 * </ul>
 * The selected identity's binder must then verify, in constant time; a wrong one is
 * decrypt_error (§4.2.11). Only the selected binder is checked.
 */
final class PskSelection {
    private static final long SEVEN_DAYS_MILLIS = 604800_000L;
    private static final Trace TRACE = Trace.get("handshake");

    private PskSelection() {
    }

    /**
     * @param before the transcript before {@code ch}: empty for the first ClientHello;
     *     message_hash and the HelloRetryRequest for the second ({@link #retryPrefix})
     */
    static Optional<AcceptedPsk> select(HandshakeConfig config, ClientHello ch, Choices choices, byte[] before,
            HandshakeIo io) {
        return select(config, ch, choices, before, false, io);
    }

    /**
     * As {@link #select(HandshakeConfig, ClientHello, Choices, byte[], HandshakeIo)}; with
     * {@code sessionSuite} (a first ClientHello, no suite sent yet) a session's own suite may
     * replace {@code choices.suite()} when both sides enable it: the caller switches to
     * {@link AcceptedPsk#suite()}.
     */
    static Optional<AcceptedPsk> select(HandshakeConfig config, ClientHello ch, Choices choices, byte[] before,
            boolean sessionSuite, HandshakeIo io) {
        Optional<PreSharedKeyClientHello> offered = ch.extensions().preSharedKeyClientHello();
        Optional<SessionContext> sessions = io.sessions().filter(SessionContext::ticketsEnabled);
        if (offered.isEmpty() || sessions.isEmpty()) {
            return Optional.empty();
        }
        PskKeyExchangeModes modes = ch.extensions().pskKeyExchangeModes().orElseThrow();
        boolean dhe = modes.allows(PskKeyExchangeModes.PSK_DHE_KE);
        if (!dhe && !(modes.allows(PskKeyExchangeModes.PSK_KE) && sessions.get().settings().pskKe())) {
            return Optional.empty();
        }
        List<PskIdentity> identities = offered.get().identities();
        for (int i = 0; i < identities.size(); i++) {
            Optional<SessionState> s = usable(config, ch, choices, sessionSuite, identities.get(i), sessions.get(), i);
            if (s.isPresent()) {
                CipherSuite suite = suiteFor(config, ch, choices, sessionSuite, s.get()).orElseThrow();
                EarlySecret early = verifyBinder(s.get(), suite.hash(), ch, offered.get(), i, before);
                return Optional.of(new AcceptedPsk(i, s.get(), early, dhe, suite));
            }
        }
        return Optional.empty();
    }

    /** {@code message_hash(ClientHello1) || HelloRetryRequest}: what precedes the second ClientHello (RFC 8446 §4.4.1). */
    static byte[] retryPrefix(HashAlgorithm hash, ClientHello first, ServerHello retry) {
        byte[] h = TranscriptHash.of(hash).currentWith(hash, first.encoding(), 0, first.encoding().length);
        byte[] hrr = retry.encoding();
        byte[] out = new byte[4 + h.length + hrr.length];
        out[0] = (byte) 254;
        out[3] = (byte) h.length;
        System.arraycopy(h, 0, out, 4, h.length);
        System.arraycopy(hrr, 0, out, 4 + h.length, hrr.length);
        return out;
    }

    private static Optional<SessionState> usable(HandshakeConfig config, ClientHello ch, Choices choices,
            boolean sessionSuite, PskIdentity identity, SessionContext sessions, int index) {
        Optional<SessionCodec.Ticket> t = sessions.open(identity.identity().toByteArray());
        if (t.isEmpty()) {
            TRACE.debug(() -> "PSK identity " + index + " passed over: the ticket does not open with this server's"
                    + " keys, or its session has expired");
            return Optional.empty();
        }
        SessionState s = t.get().state();
        Optional<String> why = refusal(config, ch, choices, sessionSuite, identity, t.get(), sessions.now());
        if (why.isPresent()) {
            s.wipe();
            TRACE.debug(() -> "PSK identity " + index + " passed over: " + why.get());
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** Why the session of an opened ticket cannot be resumed here; empty when it can. */
    private static Optional<String> refusal(HandshakeConfig config, ClientHello ch, Choices choices,
            boolean sessionSuite, PskIdentity identity, SessionCodec.Ticket t, long now) {
        SessionState s = t.state();
        long serverAge = now - t.issuedAt();
        long clientAge = (identity.obfuscatedTicketAge() - t.ageAdd()) & 0xFFFFFFFFL;
        if (s.version() != SessionState.TLS13) {
            return Optional.of("a TLS 1.2 session's ticket");
        }
        if (suiteFor(config, ch, choices, sessionSuite, s).isEmpty()) {
            return Optional.of((sessionSuite ? "its suite 0x" + Integer.toHexString(s.cipherSuite())
                    + " is not one both sides enable, and its hash is not that of " : "its suite's hash is not that of ")
                    + choices.suite() + " (RFC 8446 §4.2.11)");
        }
        if (serverAge < 0 || serverAge >= SEVEN_DAYS_MILLIS) {
            return Optional.of("issued " + serverAge + " ms ago, not within 7 days (RFC 8446 §4.6.1)");
        }
        long allowed = serverAge + SessionStates.TICKET_AGE_TOLERANCE_MILLIS
                + (long) (serverAge * SessionStates.TICKET_AGE_RATE_TOLERANCE);
        if (clientAge > allowed) {
            return Optional.of("the client says the ticket is " + clientAge + " ms old, older than this server's "
                    + serverAge + " ms allows (RFC 8446 §8.3)");
        }
        if (!SessionStates.sameServerName(s, ServerAnswers.requestedNames(ch))) {
            return Optional.of("made for server name '" + s.serverName() + "', not for this one");
        }
        if (config.clientAuth() == ClientAuth.REQUIRED && s.peerCertificates().isEmpty()) {
            return Optional.of("its client did not authenticate, and this server requires it");
        }
        return Optional.empty();
    }

    /**
     * The suite to resume session {@code s} in: its own when {@code sessionSuite} allows a change
     * and both sides enable it; else {@code choices.suite()} when its hash is the session's; else
     * none.
     */
    private static Optional<CipherSuite> suiteFor(HandshakeConfig config, ClientHello ch, Choices choices,
            boolean sessionSuite, SessionState s) {
        Optional<CipherSuite> own = CipherSuite.fromCode(s.cipherSuite()).filter(CipherSuite::isTls13);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        if (sessionSuite && config.cipherSuites().contains(own.get()) && ch.cipherSuites().contains(s.cipherSuite())) {
            return own;
        }
        return own.get().hash() == choices.suite().hash() ? Optional.of(choices.suite()) : Optional.empty();
    }

    /** Checks binder {@code index} (decrypt_error when wrong) and returns the PSK's early secret. */
    private static EarlySecret verifyBinder(SessionState s, HashAlgorithm hash, ClientHello ch,
            PreSharedKeyClientHello offered, int index, byte[] before) {
        byte[] psk = s.secret();
        EarlySecret early = EarlySecret.fromPsk(hash, psk);
        java.util.Arrays.fill(psk, (byte) 0);
        s.wipe();
        byte[] truncated = ch.truncatedForBinders();
        TranscriptHash t = TranscriptHash.of(hash);
        t.update(before);
        byte[] th = t.currentWith(hash, truncated, 0, truncated.length);
        PskBinderKey key = early.resumptionBinderKey();
        try {
            key.verifyBinder(th, offered.binders().get(index).toByteArray());
        } catch (RuntimeException e) {
            early.destroy();
            throw e;
        } finally {
            key.destroy();
        }
        return early;
    }
}
