package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.codec.TlsAlert;
import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.EarlySecret;
import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.handshake.ClientOffer;
import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.HandshakeState;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.handshake.tls12.client.Tls12Client;
import dev.bastion.tls.handshake.tls13.common.HandshakeTraffic;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.session.SessionState;
import java.util.Arrays;
import java.util.Optional;

/**
 * The ClientHello is out; a ServerHello or HelloRetryRequest comes next. A HelloRetryRequest
 * is answered once ({@link HelloRetry}); a second one is unexpected_message (RFC 8446 §4.1.4).
 * A TLS 1.2 ServerHello to a client that enables TLS 1.2, without a downgrade sentinel, goes to
 * the TLS 1.2 client ({@link Tls12Client#serverHello}); the key shares are wiped unused.
 * On a TLS 1.3 ServerHello the client agrees on the shared secret, derives the handshake
 * secrets (from the PSK's early secret when the server accepted the offered ticket,
 * {@link PskChecks}), reads the server's next messages with the server's handshake keys and
 * writes with its own (after the compatibility CCS), so that even an alert before its second
 * flight is protected.
 */
final class AwaitServerHello implements ClientState {
    private final Offer offer;
    private final Optional<CipherSuite> retrySuite;

    /** @param retrySuite the HelloRetryRequest's suite, when one came before */
    AwaitServerHello(Offer offer, Optional<CipherSuite> retrySuite) {
        this.offer = offer;
        this.retrySuite = retrySuite;
    }

    @Override
    public HandshakeState next(HandshakeMessage message, HandshakeIo io) {
        ServerHello sh = Expect.one(message, ServerHello.class, "AwaitServerHello");
        if (retrySuite.isEmpty() && ServerHelloChecks.selectsTls12(offer.config(), sh)) {
            offer.closeShares();
            offer.psk().ifPresent(PskOffer::wipe);
            return Tls12Client.serverHello(new ClientOffer(offer.config(), offer.hello(), offer.negotiated(),
                    offer.resumption()), sh, io);
        }
        if (sh.isHelloRetryRequest()) {
            if (retrySuite.isPresent()) {
                throw TlsAlert.unexpectedMessage("server sent a second HelloRetryRequest (RFC 8446 §4.1.4)");
            }
            return HelloRetry.answer(offer, sh, io);
        }
        try {
            return accept(sh, io);
        } finally {
            offer.closeShares();
            offer.psk().ifPresent(PskOffer::wipe);
        }
    }

    private ClientState accept(ServerHello sh, HandshakeIo io) {
        CipherSuite suite = ServerHelloChecks.accept(offer, sh);
        if (retrySuite.isPresent() && retrySuite.get() != suite) {
            throw TlsAlert.illegalParameter("ServerHello selected " + suite + ", but the HelloRetryRequest selected "
                    + retrySuite.get() + " (RFC 8446 §4.1.4)");
        }
        Optional<PskOffer> psk = PskChecks.accepted(offer, sh, suite);
        if (psk.isEmpty()) {
            offer.config().requireSessionCreation("New session creation is disabled, and the server did not resume");
        }
        Optional<KeyShare> mine = psk.isPresent() && sh.extensions().keyShareServerHello().isEmpty() ? Optional.empty()
                : Optional.of(ServerHelloChecks.ourShare(offer, sh));
        HandshakeTraffic keys = keys(suite, sh, mine, psk, io);
        io.installReadKeys13(keys.keys(Side.SERVER));
        Negotiated n = psk.map(p -> SessionStates.resumed(p.ticket().state(), suite, offer.negotiated()
                .requestedServerNames()).withSessionId(offer.negotiated().sessionId()))
                .orElseGet(() -> fresh(io)).withVersion(HandshakeConfig.TLS13).withCipherSuite(suite);
        if (mine.isPresent()) {
            n = n.withGroup(mine.get().group());
        }
        io.handshakeSession(n);
        boolean ccsSent = offer.ccsSent();
        if (offer.config().middleboxCompatibility() && !ccsSent) {
            // RFC 8446 §D.4 allows it right after the ServerHello or just before our second
            // flight; SunJSSE sends it now, so an SSLEngine reports NEED_WRAP here as SunJSSE does.
            io.sendCompatibilityCcs();
            ccsSent = true;
        }
        // From here on the server reads our records with the client handshake keys (RFC 8446
        // §4.1.4, §5): an alert we send before our second flight must be protected with them too.
        io.installWriteKeys13(keys.keys(Side.CLIENT));
        Optional<SessionState> resumed = psk.map(p -> p.ticket().state().withId(p.ticket().state().id()));
        resumed.ifPresent(SessionState::wipe); // only its id and certificates are needed from here on
        return new AwaitEncryptedExtensions(new Progress(offer.config(), offer.hello(), keys, n, ccsSent, resumed));
    }

    /** A full handshake: a new session, with an id of its own when a ticket's session was offered. */
    private Negotiated fresh(HandshakeIo io) {
        Negotiated n = offer.negotiated();
        return offer.psk().isEmpty() ? n : n.withSessionId(Opaque.of(Tls13Client.bytes(io.random(), 32)));
    }

    /** The handshake secrets: (EC)DHE or KEM, from the PSK's early secret when resuming (RFC 8446 §7.1). */
    private HandshakeTraffic keys(CipherSuite suite, ServerHello sh, Optional<KeyShare> mine, Optional<PskOffer> psk,
            HandshakeIo io) {
        byte[] shared = mine.isEmpty() ? null
                : mine.get().agree(sh.extensions().keyShareServerHello().orElseThrow().share().keyExchange().toByteArray());
        try {
            io.transcript().selectHash(suite.hash());
            EarlySecret early = psk.isPresent() ? psk.get().earlySecret() : EarlySecret.withoutPsk(suite.hash());
            return HandshakeTraffic.derive(suite, early, shared, io.transcript().current(),
                    offer.hello().random().toByteArray(), io);
        } finally {
            if (shared != null) {
                Arrays.fill(shared, (byte) 0);
            }
        }
    }

    @Override
    public DecodeContext decodeContext() {
        return DecodeContext.hello(Side.CLIENT);
    }

    /** RFC 8446 §5: a compatibility CCS may come after our first ClientHello (the server sends it after its first message). */
    @Override
    public boolean acceptsCompatibilityCcs() {
        return true;
    }

    @Override
    public String toString() {
        return "AwaitServerHello" + (retrySuite.isPresent() ? "(after HelloRetryRequest)" : "");
    }
}
