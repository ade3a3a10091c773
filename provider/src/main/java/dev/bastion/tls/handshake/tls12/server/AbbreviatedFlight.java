package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.crypto.CipherSuite;
import dev.bastion.tls.crypto.Tls12KeyBlock;
import dev.bastion.tls.crypto.Tls12MasterSecret;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.Negotiator;
import dev.bastion.tls.handshake.ServerAnswers;
import dev.bastion.tls.handshake.SessionStates;
import dev.bastion.tls.handshake.tls12.common.MasterSecrets;
import dev.bastion.tls.handshake.tls12.common.Tickets12;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.Finished;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.EcPointFormats;
import dev.bastion.tls.message.ext.ExtendedMasterSecret;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MaxFragmentLength;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.RenegotiationInfo;
import dev.bastion.tls.message.ext.SessionTicket;
import dev.bastion.tls.message.ext.SignatureAlgorithms;
import dev.bastion.tls.session.SessionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's side of an abbreviated TLS 1.2 handshake (RFC 5246 §7.3, Figure 2; RFC 5077
 * §3.1): ServerHello with the client's session id and the session's suite, a new ticket when the
 * client takes tickets (RFC 5077 §3.3), then ChangeCipherSpec and Finished first; the client's
 * ChangeCipherSpec and Finished follow. The keys come from the session's master secret and the
 * new randoms (§8.1: no new key exchange). The ServerHello has no server_name (RFC 6066 §3: not
 * when resuming) and answers extended_master_secret as the session used it (RFC 7627 §5.3).
 */
final class AbbreviatedFlight {
    private AbbreviatedFlight() {
    }

    static ServerState respond(HandshakeConfig config, ClientHello ch, Resumable r, HandshakeIo io) {
        SessionState s = r.state();
        CipherSuite suite = SessionStates.enabledSuite(s, config).orElseThrow();
        List<Integer> clientSchemes = ch.extensions().signatureAlgorithms().map(SignatureAlgorithms::schemes)
                .orElse(List.of());
        Negotiated n = SessionStates.resumed(s, suite, ServerAnswers.requestedNames(ch))
                .withSessionId(ch.legacySessionId()).withPeerSignatureSchemes(Negotiator.schemeNames(clientSchemes));
        io.handshakeSession(n);
        Optional<String> protocol = ServerAnswers.applicationProtocol(config, ch, io);
        n = n.withApplicationProtocol(protocol);
        io.handshakeSession(n);
        boolean ticket = Tickets12.issue(ch.extensions().get(SessionTicket.class), io);
        io.transcript().selectHash(suite.hash());
        Opaque random = Opaque.of(bytes(io));
        if (config.enables(HandshakeConfig.TLS13)) {
            random = ServerHello.withDowngradeSentinel(random, ServerHello.DOWNGRADE_TLS12);
        }
        Optional<MaxFragmentLength> mfl = ServerAnswers.maxFragmentLength(ch, io);
        io.send(new ServerHello(HandshakeConfig.TLS12, random, ch.legacySessionId(), suite.code(), 0,
                extensions(config, ch, suite, s.extendedMasterSecret(), protocol, ticket, mfl)));
        if (ticket) {
            Tickets12.send(s, io);
        }
        byte[] secret = s.secret();
        Tls12MasterSecret master = Tls12MasterSecret.fromSession(suite, secret);
        java.util.Arrays.fill(secret, (byte) 0);
        s.wipe();
        MasterSecrets.log(master, ch.random().toByteArray(), io);
        Tls12KeyBlock keys = master.keyBlock(ch.random().toByteArray(), random.toByteArray());
        try {
            io.changeCipherSpec12(keys.serverWrite());
            io.send(new Finished(Opaque.of(master.serverFinishedVerifyData(io.transcript().current()))));
        } finally {
            keys.serverWrite().destroy();
        }
        Progress progress = new Progress(config, ch, suite, random, s.extendedMasterSecret(), false, n);
        return new AwaitResumedClientCcs(progress, master, keys.clientWrite());
    }

    private static Extensions extensions(HandshakeConfig config, ClientHello ch, CipherSuite suite, boolean ems,
            Optional<String> protocol, boolean ticket, Optional<MaxFragmentLength> mfl) {
        boolean renegotiationInfo = ClientHelloChecks.secureRenegotiation(ch);
        boolean pointFormats = suite.keyExchange() == CipherSuite.KeyExchange.ECDHE
                && ch.extensions().get(EcPointFormats.class).isPresent();
        if (protocol.isEmpty() && !ticket && mfl.isEmpty() && config.disabledExtensions().isEmpty()) {
            return PLAIN[(renegotiationInfo ? 1 : 0) | (pointFormats ? 2 : 0) | (ems ? 4 : 0)];
        }
        return extensions(config, renegotiationInfo, pointFormats, ems, protocol, ticket, mfl);
    }

    /**
     * The blocks of the usual answers (no ALPN, ticket or max_fragment_length, no extension
     * disabled), by renegotiation_info (1), ec_point_formats (2) and extended_master_secret (4):
     * the same immutable extensions in the same order as built per handshake, encoded once.
     */
    private static final Extensions[] PLAIN = new Extensions[8];

    static {
        for (int i = 0; i < PLAIN.length; i++) {
            PLAIN[i] = extensions(null, (i & 1) != 0, (i & 2) != 0, (i & 4) != 0, Optional.empty(), false, Optional.empty())
                    .withEncoding();
        }
    }

    /** {@code config} null: no extension is disabled. */
    private static Extensions extensions(HandshakeConfig config, boolean renegotiationInfo, boolean pointFormats,
            boolean ems, Optional<String> protocol, boolean ticket, Optional<MaxFragmentLength> mfl) {
        List<Extension> ext = new ArrayList<>();
        if (renegotiationInfo) {
            ext.add(RenegotiationInfo.INITIAL);
        }
        if (pointFormats) {
            ext.add(new EcPointFormats(List.of(EcPointFormats.UNCOMPRESSED)));
        }
        if (ems) {
            ext.add(new ExtendedMasterSecret());
        }
        protocol.ifPresent(p -> ext.add(Alpn.of(p)));
        if (ticket) {
            ext.add(SessionTicket.EMPTY);
        }
        mfl.ifPresent(ext::add);
        List<Extension> sent = config == null ? ext : config.sent(ext);
        return sent.isEmpty() ? Extensions.ABSENT : Extensions.of(sent);
    }

    private static byte[] bytes(HandshakeIo io) {
        byte[] b = new byte[32];
        io.random().nextBytes(b);
        return b;
    }
}
