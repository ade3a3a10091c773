package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.EarlySecret;
import dev.bastion.tls.crypto.HashAlgorithm;
import dev.bastion.tls.crypto.PskBinderKey;
import dev.bastion.tls.crypto.TranscriptHash;
import dev.bastion.tls.handshake.ClientHellos;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.PreSharedKeyClientHello;
import dev.bastion.tls.message.ext.PskIdentity;
import dev.bastion.tls.session.ClientTicket;
import dev.bastion.tls.session.SessionContext;
import dev.bastion.tls.session.SessionState;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The one ticket a TLS 1.3 client offers (RFC 8446 §4.2.11): taken out of the client cache
 * (so it is used once), for this peer's host and port, made for the server name requested now,
 * live, of TLS 1.3 and of a hash some enabled TLS 1.3 suite has. Its PskIdentity carries the
 * obfuscated ticket age (§4.2.11.1); its binder is computed over the ClientHello truncated
 * before the binders (§4.2.11.2). The PSK itself stays in the ticket's state, wiped by
 * {@link #wipe()} when the handshake no longer needs it.
 *
 * @param ticket the ticket; its state's secret is the PSK
 * @param hash the hash of the ticket's suite, which the server's suite must share
 */
record PskOffer(ClientTicket ticket, HashAlgorithm hash) {

    /** Takes a usable ticket for this connection's peer out of the cache. */
    static Optional<PskOffer> take(HandshakeConfig config, HandshakeIo io) {
        Optional<SessionContext> sessions = io.sessions();
        if (sessions.isEmpty() || config.peerHost().isEmpty() || !config.enables(HandshakeConfig.TLS13)) {
            return Optional.empty();
        }
        return sessions.get().takeTicket(config.peerHost().get(), config.peerPort(), t -> usable(t.state(), config))
                .map(t -> new PskOffer(t, CipherSuite.fromCode(t.state().cipherSuite()).orElseThrow().hash()));
    }

    private static boolean usable(SessionState s, HandshakeConfig config) {
        Optional<CipherSuite> suite = CipherSuite.fromCode(s.cipherSuite()).filter(CipherSuite::isTls13);
        return s.version() == SessionState.TLS13 && suite.isPresent()
                && config.cipherSuites().stream().anyMatch(c -> c.isTls13() && c.hash() == suite.get().hash())
                && SessionStates.sameServerName(s, ClientHellos.requestedNames(config));
    }

    /** The pre_shared_key extension with a placeholder binder of the right length. */
    PreSharedKeyClientHello extension(long now) {
        PskIdentity identity = new PskIdentity(Opaque.of(ticket.ticket()), ticket.obfuscatedAge(now));
        return new PreSharedKeyClientHello(List.of(identity), List.of(Opaque.of(new byte[hash.length()])));
    }

    /**
     * {@code hello} with its binder computed: {@code transcript} holds what precedes the hello
     * (nothing, or message_hash and the HelloRetryRequest after a retry).
     */
    ClientHello bind(ClientHello hello, TranscriptHash transcript) {
        byte[] truncated = hello.truncatedForBinders();
        byte[] th = transcript.currentWith(hash, truncated, 0, truncated.length);
        EarlySecret early = earlySecret();
        PskBinderKey key = early.resumptionBinderKey();
        try {
            return hello.withBinders(List.of(Opaque.of(key.binder(th))));
        } finally {
            key.destroy();
            early.destroy();
        }
    }

    /** The early secret of this PSK (RFC 8446 §7.1); the caller destroys it. */
    EarlySecret earlySecret() {
        byte[] psk = ticket.state().secret();
        try {
            return EarlySecret.fromPsk(hash, psk);
        } finally {
            Arrays.fill(psk, (byte) 0);
        }
    }

    /** Wipes the PSK: the ticket is used up. */
    void wipe() {
        ticket.state().wipe();
    }

    @Override
    public String toString() {
        return "PskOffer(" + ticket + ")";
    }
}
