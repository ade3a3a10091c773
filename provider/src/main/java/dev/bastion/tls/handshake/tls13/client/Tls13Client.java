package dev.bastion.tls.handshake.tls13.client;

import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.handshake.CertificateChains;
import dev.bastion.tls.handshake.ClientHellos;
import dev.bastion.tls.handshake.ClientResumption;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Handshaker;
import dev.bastion.tls.handshake.HelloResumption;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.handshake.StateMachine;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.KeyShareEntry;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.session.Tls12Session;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Entry point of the TLS 1.3 client (the states are listed in {@link ClientState}). Randomness
 * is drawn from {@link HandshakeIo#random()} in a fixed order, which tests rely on: the
 * 32-byte random, then the 32-byte legacy_session_id (compatibility mode only), then each key
 * share in {@code keyShareGroups} order; then what resumption needs (a TLS 1.2 session id, the
 * session's 32-byte identifier, which a client keeps its tickets under).
 *
 * <p>Resumption: a TLS 1.3 ticket cached for this peer is offered in pre_shared_key
 * ({@link PskOffer}); a TLS 1.2 session cached for it, by its id and ticket, to a TLS 1.2 server
 * ({@link ClientResumption}).
 */
public final class Tls13Client {
    private Tls13Client() {
    }

    /**
     * A client handshaker for {@code config}.
     *
     * @throws IllegalArgumentException unless {@code config} is a client's that enables TLS 1.3
     *     with at least one TLS 1.3 suite and signature scheme
     */
    public static Handshaker handshaker(HandshakeConfig config) {
        if (!config.client() || !config.enables(HandshakeConfig.TLS13)) {
            throw new IllegalArgumentException("not a TLS 1.3 client configuration: " + config);
        }
        if (config.cipherSuites().stream().noneMatch(s -> s.isTls13())) {
            throw new IllegalArgumentException("no TLS 1.3 cipher suite enabled: " + config.cipherSuites());
        }
        if (ClientHellos.signatureSchemes(config).isEmpty()) {
            throw new IllegalArgumentException("no signature scheme enabled: " + config.signatureSchemes());
        }
        return StateMachine.startingWith(Side.CLIENT, io -> start(config, io));
    }

    static ClientState start(HandshakeConfig config, HandshakeIo io) {
        SecureRandom r = io.random();
        Opaque random = Opaque.of(bytes(r, 32));
        // RFC 8446 §D.4: a non-empty legacy_session_id turns on middlebox compatibility mode
        Opaque sessionId = config.middleboxCompatibility() ? Opaque.of(bytes(r, 32)) : Opaque.EMPTY;
        List<KeyShare> shares = NamedGroup.generateAll(config.keyShareGroups(), r);
        Optional<Tls12Session> tls12 = ClientResumption.tls12(config, io);
        if (tls12.isPresent()) {
            sessionId = ClientResumption.sessionId(tls12, sessionId, bytes(r, 32));
        }
        // a ticket is only offered with both of its extensions (RFC 8446 §4.2.9)
        Optional<PskOffer> psk = config.disables(ExtensionType.PRE_SHARED_KEY)
                || config.disables(ExtensionType.PSK_KEY_EXCHANGE_MODES) ? Optional.empty() : PskOffer.take(config, io);
        if (tls12.isEmpty() && psk.isEmpty()) {
            config.requireSessionCreation("No new session is allowed and no existing session can be resumed");
        }
        HelloResumption resumption = ClientResumption.hello(config, io, tls12);
        long now = SessionStates.now(io);
        if (psk.isPresent()) {
            resumption = new HelloResumption(resumption.sessionTicket(), resumption.pskKe(),
                    Optional.of(psk.get().extension(now)));
        }
        List<Opaque> authorities = config.certificateAuthorities()
                ? CertificateChains.authorities(io.credentials().acceptedIssuers()) : List.of();
        ClientHello hello = ClientHellos.build(config, random, sessionId, entries(shares), resumption, authorities);
        if (psk.isPresent()) {
            hello = psk.get().bind(hello, io.transcript());
        }
        return startWith(config, hello, shares, psk, tls12, now, io);
    }

    /** Sends {@code hello}, whose key_share holds the public halves of {@code shares} (a hook for replaying traces). */
    static ClientState startWith(HandshakeConfig config, ClientHello hello, List<KeyShare> shares, HandshakeIo io) {
        return startWith(config, hello, shares, Optional.empty(), Optional.empty(), SessionStates.now(io), io);
    }

    private static ClientState startWith(HandshakeConfig config, ClientHello hello, List<KeyShare> shares,
            Optional<PskOffer> psk, Optional<Tls12Session> tls12, long now, HandshakeIo io) {
        io.send(hello);
        // the session's id: the offered ticket's session's (it is resumed, unless the server says
        // otherwise), else a new one; a TLS 1.2 server replaces it with its ServerHello's
        Opaque id = psk.map(p -> Opaque.of(p.ticket().state().id())).orElseGet(() -> Opaque.of(bytes(io.random(), 32)));
        Negotiated n = Negotiated.NONE.withRequestedServerNames(ClientHellos.requestedNames(config)).withCreationTime(now)
                .withSessionId(id);
        io.handshakeSession(n);
        return new AwaitServerHello(new Offer(config, hello, shares, false, n, psk, tls12), Optional.empty());
    }

    static List<KeyShareEntry> entries(List<KeyShare> shares) {
        List<KeyShareEntry> out = new ArrayList<>(shares.size());
        for (KeyShare s : shares) {
            out.add(new KeyShareEntry(s.group().code(), Opaque.of(s.publicValue())));
        }
        return out;
    }

    static byte[] bytes(SecureRandom r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
