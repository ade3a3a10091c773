package dev.bastion.tls.handshake.tls12.server;

import dev.bastion.tls.crypto.DhKeyPair;
import dev.bastion.tls.crypto.DhParameters;
import dev.bastion.tls.crypto.KeyShare;
import dev.bastion.tls.crypto.NamedGroup;
import dev.bastion.tls.crypto.SignatureScheme;
import dev.bastion.tls.handshake.CertificateChains;
import dev.bastion.tls.handshake.ClientAuth;
import dev.bastion.tls.handshake.HandshakeConfig;
import dev.bastion.tls.handshake.HandshakeIo;
import dev.bastion.tls.handshake.Negotiated;
import dev.bastion.tls.handshake.ServerAnswers;
import dev.bastion.tls.handshake.ServerStaple;
import dev.bastion.tls.handshake.tls12.common.Schemes12;
import dev.bastion.tls.handshake.tls12.common.SignedParams;
import dev.bastion.tls.message.Certificate12;
import dev.bastion.tls.message.CertificateRequest12;
import dev.bastion.tls.message.CertificateStatus;
import dev.bastion.tls.message.ClientHello;
import dev.bastion.tls.message.DheParams;
import dev.bastion.tls.message.EcdheParams;
import dev.bastion.tls.message.ServerHello;
import dev.bastion.tls.message.ServerHelloDone;
import dev.bastion.tls.message.ServerKeyExchange;
import dev.bastion.tls.message.ServerKeyExchangeParams;
import dev.bastion.tls.message.ext.Alpn;
import dev.bastion.tls.message.ext.EcPointFormats;
import dev.bastion.tls.message.ext.ExtendedMasterSecret;
import dev.bastion.tls.message.ext.Extension;
import dev.bastion.tls.message.ext.Extensions;
import dev.bastion.tls.message.ext.MaxFragmentLength;
import dev.bastion.tls.message.ext.Opaque;
import dev.bastion.tls.message.ext.RenegotiationInfo;
import dev.bastion.tls.message.ext.ServerName;
import dev.bastion.tls.message.ext.SessionTicket;
import dev.bastion.tls.message.ext.StatusRequest;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The TLS 1.2 server's first flight (RFC 5246 §7.3): ServerHello (the session id of
 * {@link ServerChoices}; the random ends with the TLS 1.3 downgrade sentinel when this server enables TLS 1.3, RFC
 * 8446 §4.1.3), Certificate, CertificateStatus when it staples an OCSP response ({@link ServerStaple}),
 * ServerKeyExchange for (EC)DHE (RFC 8422 §5.4, RFC 5246 §7.4.3),
 * CertificateRequest when client authentication is on (§7.4.4), ServerHelloDone. With client
 * authentication the transcript keeps the messages, for the client's CertificateVerify.
 */
final class ServerFlight {
    private ServerFlight() {
    }

    static ServerState respond(HandshakeConfig config, ClientHello ch, Choices c, HandshakeIo io) {
        if (config.clientAuth() != ClientAuth.NONE) {
            io.transcript().retainMessages();
        }
        SuiteChoice s = c.suite();
        io.transcript().selectHash(s.suite().hash());
        Opaque random = Opaque.of(bytes(io, 32));
        if (config.enables(HandshakeConfig.TLS13)) {
            random = ServerHello.withDowngradeSentinel(random, ServerHello.DOWNGRADE_TLS12);
        }
        Optional<byte[]> staple = ServerStaple.find(config, ch, s.credential().chain(), io);
        Optional<MaxFragmentLength> mfl = ServerAnswers.maxFragmentLength(ch, io);
        io.send(new ServerHello(HandshakeConfig.TLS12, random, c.negotiated().sessionId(), s.suite().code(), 0,
                extensions(config, c, staple.isPresent(), mfl)));
        io.send(new Certificate12(CertificateChains.encoded(s.credential().chain())));
        staple.ifPresent(ocsp -> io.send(new CertificateStatus(Opaque.of(ocsp))));
        KeyExchangeSecret secret = keyExchange(s, ch.random().toByteArray(), random.toByteArray(), io);
        Optional<CertificateRequest12> request = config.clientAuth() == ClientAuth.NONE ? Optional.empty()
                : Optional.of(certificateRequest(config, io));
        request.ifPresent(io::send);
        io.send(new ServerHelloDone());
        Negotiated n = c.negotiated();
        io.handshakeSession(n);
        Progress progress = new Progress(config, ch, s.suite(), random, c.extendedMasterSecret(), c.issueTicket(), n);
        if (request.isPresent()) {
            return new AwaitClientCertificate(progress, secret, request.get());
        }
        return new AwaitClientKeyExchange(progress, secret, Optional.empty());
    }

    private static Extensions extensions(HandshakeConfig config, Choices c, boolean stapled,
            Optional<MaxFragmentLength> mfl) {
        List<Extension> ext = new ArrayList<>();
        if (c.secureRenegotiation()) {
            ext.add(RenegotiationInfo.INITIAL);
        }
        if (c.serverNameAck()) {
            ext.add(ServerName.ACKNOWLEDGEMENT);
        }
        if (c.pointFormats()) {
            ext.add(new EcPointFormats(List.of(EcPointFormats.UNCOMPRESSED)));
        }
        if (c.extendedMasterSecret()) {
            ext.add(new ExtendedMasterSecret());
        }
        c.applicationProtocol().ifPresent(p -> ext.add(Alpn.of(p)));
        if (c.issueTicket()) {
            ext.add(SessionTicket.EMPTY); // RFC 5077 §3.2: a NewSessionTicket will follow
        }
        if (stapled) {
            ext.add(new StatusRequest(Opaque.EMPTY)); // RFC 6066 §8: a CertificateStatus will follow Certificate
        }
        mfl.ifPresent(ext::add);
        List<Extension> sent = config.sent(ext);
        return sent.isEmpty() ? Extensions.ABSENT : Extensions.of(sent);
    }

    /** Sends the ServerKeyExchange for (EC)DHE and returns the private half; RSA key transport sends nothing. */
    private static KeyExchangeSecret keyExchange(SuiteChoice s, byte[] clientRandom, byte[] serverRandom,
            HandshakeIo io) {
        PrivateKey key = s.credential().key();
        if (s.scheme().isEmpty()) {
            return KeyExchangeSecret.rsa(key);
        }
        NamedGroup group = s.group().orElseThrow();
        ServerKeyExchangeParams params;
        KeyExchangeSecret secret;
        if (group.family() == NamedGroup.Family.ECDHE) {
            KeyShare share = group.generate(io.random());
            params = new EcdheParams(group.code(), Opaque.of(share.publicValue()));
            secret = KeyExchangeSecret.ecdhe(share);
        } else {
            DhParameters dh = s.customDh().orElseGet(() -> group.dhParameters().orElseThrow());
            DhKeyPair pair = dh.generate(io.random());
            params = new DheParams(Opaque.of(unsigned(dh.p())), Opaque.of(unsigned(dh.g())), Opaque.of(pair.publicValue()));
            secret = KeyExchangeSecret.dhe(pair);
        }
        SignatureScheme scheme = s.scheme().get();
        byte[] content = SignedParams.content(clientRandom, serverRandom, params.encoded().toByteArray());
        io.send(new ServerKeyExchange(params, scheme.code(), Opaque.of(scheme.sign(key, content, io.random()))));
        return secret;
    }

    /**
     * RFC 5246 §7.4.4: RSA and ECDSA certificates (RFC 8422 §5.5), our schemes, and the CAs the
     * trust manager accepts (an empty list: any certificate).
     */
    private static CertificateRequest12 certificateRequest(HandshakeConfig config, HandshakeIo io) {
        return new CertificateRequest12(List.of(CertificateRequest12.RSA_SIGN, CertificateRequest12.ECDSA_SIGN),
                Schemes12.ours(config).stream().map(SignatureScheme::code).toList(),
                CertificateChains.authorities(io.credentials().acceptedIssuers()));
    }

    private static byte[] unsigned(BigInteger x) {
        byte[] b = x.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] out = new byte[b.length - 1];
            System.arraycopy(b, 1, out, 0, out.length);
            return out;
        }
        return b;
    }

    private static byte[] bytes(HandshakeIo io, int n) {
        byte[] b = new byte[n];
        io.random().nextBytes(b);
        return b;
    }
}
