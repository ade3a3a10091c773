package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.DECODE_ERROR;
import static dev.bastion.tls.codec.AlertDescription.DECRYPT_ERROR;
import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.codec.AlertDescription.UNSUPPORTED_CERTIFICATE;
import static dev.bastion.tls.conformance.hostile.BaselineScenarios.PING;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;

import dev.bastion.tls.conformance.interop.TestPki;
import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;

/**
 * TLS 1.2 certificates and signatures beyond the ECDHE baseline (RFC 5246 §7.4.2, §7.4.3,
 * §7.4.6, §7.4.8): client authentication against a server that requires it (a correct
 * CertificateVerify, a bad one, one with a scheme the server did not ask for, none at all), and
 * against a client: a CertificateRequest it must answer with an empty Certificate, a certificate
 * that does not fit the suite, a ServerKeyExchange with RSA key transport, a malformed ServerHello.
 */
final class Tls12AuthScenarios {
    private Tls12AuthScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(clientAuth(), againstClients());
    }

    private static final Consumer<SSLEngine> NEED = e -> e.setNeedClientAuth(true);

    /** The interop client key's signature over {@code content} with this JCA algorithm. */
    static byte[] clientSignature(String algorithm, byte[] content) {
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(TestPki.get().client().key());
            s.update(content);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Up to the ServerHelloDone (with a CertificateRequest), then Certificate and ClientKeyExchange. */
    private static void certificateAndKeyExchange(Client12Peer p) {
        p.sendClientHello(p.clientHello());
        p.readServerHello();
        p.readServerFlight();
        if (p.certificateRequest == null) {
            throw new ScriptStop("the server sent no CertificateRequest");
        }
        p.sendHandshake(Peer12.certificate12(ServerPeer.ders(TestPki.get().client().chain())));
        p.sendClientKeyExchange(p.clientKeyExchange(), p.preMaster());
    }

    private static Scenario verify(String id, String rfc, String title, java.util.function.Function<Client12Peer, byte[]> cv,
            Expect expect) {
        return Tls12ServerScenarios.s(id, rfc, title, NEED, p -> {
            certificateAndKeyExchange(p);
            p.sendHandshake(cv.apply(p));
            p.changeCipherSpec(new RecordCipher12(p.keys.clientWrite()));
            p.sendHandshake(p.finished());
            p.readServerFinished();
            p.sendApplicationData(PING);
        }, expect);
    }

    private static List<Scenario> clientAuth() {
        return List.of(
                verify("L38", "RFC 5246 §7.4.6, §7.4.8", "client authentication with a correct CertificateVerify",
                        p -> Msg.certificateVerify(Tls.ECDSA_SECP256R1_SHA256, clientSignature("SHA256withECDSA", p.messages())),
                        completes().and("server got ping", BaselineScenarios::gotPing)),
                verify("L39", "RFC 5246 §7.4.8, §7.2.2", "CertificateVerify whose signature does not verify", p -> {
                    byte[] sig = clientSignature("SHA256withECDSA", p.messages());
                    sig[sig.length - 1] ^= 1;
                    return Msg.certificateVerify(Tls.ECDSA_SECP256R1_SHA256, sig);
                }, handshakeAlert(DECRYPT_ERROR, "signature")),
                verify("L40", "RFC 5246 §7.4.8, §7.4.1.4.1", "CertificateVerify signed with ecdsa_sha1, not requested",
                        p -> Msg.certificateVerify(Tls.ECDSA_SHA1, clientSignature("SHA1withECDSA", p.messages())),
                        handshakeAlert(ILLEGAL_PARAMETER, "ecdsa_sha1")),
                Tls12ServerScenarios.s("L41", "RFC 5246 §7.3, §7.4.8", "client Certificate, then no CertificateVerify", NEED, p -> {
                    certificateAndKeyExchange(p);
                    p.changeCipherSpec(new RecordCipher12(p.keys.clientWrite()));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "change_cipher_spec")));
    }

    private static List<Scenario> againstClients() {
        return List.of(
                Tls12ClientScenarios.c("M33", "RFC 5246 §7.4.6, §7.4.4", "CertificateRequest: the client without a key answers an empty Certificate",
                        p -> {
                            p.sendHandshake(p.hello(p.serverHello()), p.certificate(), p.serverKeyExchange(),
                                    Server12Peer.certificateRequest(Tls.ECDSA_SECP256R1_SHA256), Server12Peer.serverHelloDone());
                            p.readClientFlight();
                            p.sendCcsAndFinished();
                            p.sendApplicationData(PING);
                        }, completes().and("client got ping", BaselineScenarios::gotPing)),
                Tls12ClientScenarios.c("M34", "RFC 5246 §7.4.1.3, §6.2 (session_id<0..32>)", "ServerHello with a 33-byte session id",
                        p -> {
                            Hello h = p.serverHello();
                            h.sessionId = new byte[33];
                            p.sendHandshake(p.hello(h), p.certificate(), p.serverKeyExchange(), Server12Peer.serverHelloDone());
                        }, handshakeAlert(DECODE_ERROR, "session")),
                Tls12ClientScenarios.c("M35", "RFC 5246 §7.4.2; RFC 8422 §5.3", "ECDHE_RSA suite, but an ECDSA certificate", p -> {
                    if (!p.clientHello.suites.contains(Tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)) {
                        p.note("the client does not offer ECDHE_RSA");
                    }
                    p.sendHandshake(p.hello(p.serverHello(Tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)), p.certificate(),
                            p.serverKeyExchange(), Server12Peer.serverHelloDone());
                }, handshakeAlert(UNSUPPORTED_CERTIFICATE, "cannot serve TLS_ECDHE_RSA")),
                Tls12ClientScenarios.c("M36", "RFC 5246 §7.4.3", "ServerKeyExchange with RSA key transport (TLS_RSA_WITH_AES_128_GCM_SHA256)",
                        p -> {
                            if (!p.clientHello.suites.contains(Tls.TLS_RSA_WITH_AES_128_GCM_SHA256)) {
                                p.note("the client does not offer TLS_RSA_WITH_AES_128_GCM_SHA256");
                            }
                            p.sendHandshake(p.hello(p.serverHello(Tls.TLS_RSA_WITH_AES_128_GCM_SHA256)),
                                    Server12Peer.certificate(ServerKey.RSA), p.serverKeyExchange(), Server12Peer.serverHelloDone());
                        }, handshakeAlert(UNEXPECTED_MESSAGE, "ServerKeyExchange")));
    }
}
