package dev.bastion.tls.handshake.tls13.server;

import dev.bastion.tls.handshake.Expect;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.HandshakeState;
import dev.bastion.tls.handshake.ServerVersions;
import dev.bastion.tls.handshake.tls12.server.Tls12Server;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.DecodeContext;
import dev.bastion.tls.message.HandshakeMessage;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.Side;
import dev.bastion.tls.message.ext.ExtensionType;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.KeyShareEntry;
import dev.bastion.tls.message.ext.KeyShareHelloRetryRequest;
import dev.bastion.tls.message.ext.SupportedVersionsServerHello;
import java.util.Optional;

/**
 * The server waits for the first ClientHello. When the client cannot do TLS 1.3 and this server
 * enables TLS 1.2 ({@link ServerVersions}), the TLS 1.2 server answers it
 * ({@link Tls12Server#clientHello}); otherwise it checks and decides ({@link ClientHelloChecks},
 * {@link ServerChoices}); with a usable key share it answers with its whole flight
 * ({@link ServerFlight}), resuming when a ticket passes {@link PskSelection}, otherwise with a
 * HelloRetryRequest for the chosen group (RFC 8446 §4.1.4; no cookie: this server keeps its
 * state), after which ClientHello1 is message_hash in the transcript (§4.4.1) and a PSK is
 * chosen from the second ClientHello.
 */
final class AwaitClientHello implements ServerState {
    private final HandshakeConfig config;

    AwaitClientHello(HandshakeConfig config) {
        this.config = config;
    }

    @Override
    public HandshakeState next(HandshakeMessage message, HandshakeIo io) {
        ClientHello ch = config.received(Expect.one(message, ClientHello.class, "AwaitClientHello"));
        if (ServerVersions.choose(config, ch) == HandshakeConfig.TLS12) {
            return Tls12Server.clientHello(config, ch, io);
        }
        ClientHelloChecks.check(config, ch);
        Choices choices = ServerChoices.make(config, ch, io);
        Optional<KeyShareEntry> share = ch.extensions().keyShareClientHello().orElseThrow().find(choices.group().code());
        if (share.isPresent()) {
            Optional<AcceptedPsk> psk = PskSelection.select(config, ch, choices, new byte[0], true, io);
            if (psk.isEmpty()) {
                config.requireSessionCreation("Not resumption, and no new session is allowed");
                choices = ServerChoices.certificate(config, ch, choices, io);
            } else if (psk.get().suite() != choices.suite()) {
                choices = choices.withSuite(psk.get().suite()); // resumed in the session's suite, as SunJSSE does
                io.handshakeSession(choices.negotiated());
            }
            io.transcript().selectHash(choices.suite().hash());
            return ServerFlight.respond(config, ch, choices, share.get(), psk, false, io);
        }
        io.transcript().selectHash(choices.suite().hash());
        // the certificate is chosen now, so that a server without one fails before the round trip
        choices = ServerChoices.certificate(config, ch, choices, io);
        io.transcript().replaceWithMessageHash();
        ServerHello retry = new ServerHello(HandshakeConfig.TLS12, ServerHello.HELLO_RETRY_REQUEST_RANDOM,
                ch.legacySessionId(), choices.suite().code(), 0, Extensions.of(
                        new KeyShareHelloRetryRequest(choices.group().code()),
                        new SupportedVersionsServerHello(HandshakeConfig.TLS13)));
        io.send(retry);
        boolean ccs = ServerFlight.compatibilityCcs(ch, false, io);
        if (ch.extensions().contains(ExtensionType.EARLY_DATA)) {
            io.skipEarlyData(); // RFC 8446 §4.2.10: what the client sent as 0-RTT data is dropped
        }
        return new AwaitSecondClientHello(config, ch, choices, ccs,
                PskSelection.retryPrefix(choices.suite().hash(), ch, retry));
    }

    @Override
    public DecodeContext decodeContext() {
        return DecodeContext.hello(Side.SERVER);
    }

    /** RFC 8446 §5: nothing may precede the first ClientHello. */
    @Override
    public boolean acceptsCompatibilityCcs() {
        return false;
    }
}
