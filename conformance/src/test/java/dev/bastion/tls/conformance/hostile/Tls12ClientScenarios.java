package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.BAD_RECORD_MAC;
import static dev.bastion.tls.codec.AlertDescription.DECRYPT_ERROR;
import static dev.bastion.tls.codec.AlertDescription.HANDSHAKE_FAILURE;
import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.INSUFFICIENT_SECURITY;
import static dev.bastion.tls.codec.AlertDescription.NO_RENEGOTIATION;
import static dev.bastion.tls.codec.AlertDescription.PROTOCOL_VERSION;
import static dev.bastion.tls.codec.AlertDescription.RECORD_OVERFLOW;
import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.codec.AlertDescription.UNSUPPORTED_EXTENSION;
import static dev.bastion.tls.conformance.hostile.BaselineScenarios.PING;
import static dev.bastion.tls.conformance.hostile.Expect.alert;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.completesWarning;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;
import static dev.bastion.tls.conformance.hostile.Expect.protocolAlert;

import dev.bastion.tls.conformance.interop.TestPki.ServerKey;
import dev.bastion.tls.crypto.DhParameters;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS 1.2 against a client engine that enables TLS 1.2 only (RFC 5246, RFC 5288, RFC 7627,
 * RFC 5746, RFC 8422, RFC 7919, RFC 5077), and the TLS 1.3 downgrade sentinel against a client
 * that enables both (RFC 8446 §4.1.3): a hostile ServerHello, ServerKeyExchange (ECDHE and
 * DHE), a first flight with a message missing, a wrong server Finished, damaged records,
 * HelloRequest and an unasked NewSessionTicket.
 */
final class Tls12ClientScenarios {
    /** The 1024-bit MODP prime of RFC 2409 §6.2 (Oakley group 2). */
    static final BigInteger MODP_1024 = new BigInteger("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
            + "29024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E"
            + "485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381"
            + "FFFFFFFFFFFFFFFF", 16);

    private Tls12ClientScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(hellos(), keyExchanges(), flights(), records());
    }

    static Scenario c(String id, String rfc, String title, Consumer<Server12Peer> body, Expect expect) {
        return Scenario.of(id, rfc, title, pr -> Server12Peer.connect(pr), body, expect);
    }

    /** A first flight whose ServerHello {@code edit} changed (the rest correct). */
    private static Scenario hello(String id, String rfc, String title, Consumer<Hello> edit, Expect expect) {
        return c(id, rfc, title, p -> {
            Hello h = p.serverHello();
            edit.accept(h);
            p.sendHandshake(p.hello(h), p.certificate(), p.serverKeyExchange(), Server12Peer.serverHelloDone());
        }, expect);
    }

    private static List<Scenario> hellos() {
        return List.of(
                c("M01", "RFC 5246 §7.3; RFC 5288 §3; RFC 7627 §4", "correct TLS 1.2 handshake and data, peer is the server", p -> {
                    p.handshake();
                    p.sendApplicationData(PING);
                    p.victim.write(PING);
                    if (!Arrays.equals(p.applicationDataFromVictim(), PING)) {
                        p.note("peer did not read the client's ping");
                    }
                }, completes().and("client got ping", BaselineScenarios::gotPing).and("no notes", o -> o.notes().isEmpty())),
                c("M02", "RFC 7905 §2; RFC 5246 §7.3", "correct TLS 1.2 handshake with ECDHE_ECDSA_CHACHA20_POLY1305", p -> {
                    p.sendHandshake(p.hello(p.serverHello(Tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)), p.certificate(),
                            p.serverKeyExchange(), Server12Peer.serverHelloDone());
                    p.readClientFlight();
                    p.sendCcsAndFinished();
                    p.sendApplicationData(PING);
                }, completes().and("client got ping", BaselineScenarios::gotPing)),
                hello("M03", "RFC 5246 §7.4.1.3", "ServerHello choosing a suite the client did not offer (RSA_AES_128_CBC_SHA256)",
                        h -> h.suites.set(0, 0x003C), handshakeAlert(ILLEGAL_PARAMETER, "suite")),
                hello("M04", "RFC 5246 §7.4.1.3, §E.1", "ServerHello with server_version TLS 1.1",
                        h -> h.legacyVersion = Tls.TLS11, handshakeAlert(PROTOCOL_VERSION, "server chose TLSv1.1")),
                hello("M05", "RFC 5246 §7.4.1.3", "ServerHello choosing compression method 1 (not offered)",
                        h -> h.compression = List.of(1), handshakeAlert(ILLEGAL_PARAMETER, "compression")),
                c("M06", "RFC 7627 §5.3 (jdk.tls.allowLegacyMasterSecret, default true)",
                        "ServerHello without extended_master_secret", p -> {
                            Hello h = p.serverHello().remove(Tls.EXT_EXTENDED_MASTER_SECRET);
                            p.sendHandshake(p.hello(h), p.certificate(), p.serverKeyExchange(), Server12Peer.serverHelloDone());
                            p.readClientFlight();
                            p.sendCcsAndFinished();
                        }, completes()),
                hello("M07", "RFC 5246 §7.4.1.4", "ServerHello with an extension the client did not offer (heartbeat)",
                        h -> h.add(Exts.heartbeat()), handshakeAlert(UNSUPPORTED_EXTENSION, "heartbeat")),
                hello("M08", "RFC 5746 §3.4", "ServerHello renegotiation_info with renegotiated_connection data",
                        h -> h.put(new Ext(Tls.EXT_RENEGOTIATION_INFO, b -> b.vec8("rc", new byte[24]))),
                        handshakeAlert(HANDSHAKE_FAILURE, "renegotiation_info")),
                c("M09", "RFC 5746 §3.4 (Bastion continues, as SunJSSE by default)", "ServerHello without renegotiation_info", p -> {
                    Hello h = p.serverHello().remove(Tls.EXT_RENEGOTIATION_INFO);
                    p.sendHandshake(p.hello(h), p.certificate(), p.serverKeyExchange(), Server12Peer.serverHelloDone());
                    p.readClientFlight();
                    p.sendCcsAndFinished();
                }, completes()),
                Scenario.of("M10", "RFC 8446 §4.1.3", "TLS 1.2 ServerHello with DOWNGRD\\x01 to a client that offered TLS 1.3",
                        pr -> Server12Peer.connect(pr, Victims.DEFAULTS, e -> { }), p -> {
                            Hello h = p.serverHello();
                            System.arraycopy(Tls.DOWNGRADE_TLS12, 0, h.random, 24, 8);
                            p.sendHandshake(p.hello(h), p.certificate(), p.serverKeyExchange(), Server12Peer.serverHelloDone());
                        }, handshakeAlert(ILLEGAL_PARAMETER, "downgrade")),
                Scenario.of("M11", "RFC 8446 §4.1.3, §D.1", "TLS 1.2 ServerHello without the sentinel to a client that offered TLS 1.3",
                        pr -> Server12Peer.connect(pr, Victims.DEFAULTS, e -> { }), p -> {
                            p.handshake();
                            p.sendApplicationData(PING);
                        }, completes().and("client got ping", BaselineScenarios::gotPing)));
    }

    /** A first flight with {@code ske} as the ServerKeyExchange, then the client's flight if any. */
    private static Scenario ske(String id, String rfc, String title, java.util.function.Function<Server12Peer, byte[]> ske,
            Expect expect) {
        return c(id, rfc, title, p -> p.sendHandshake(p.hello(p.serverHello()), p.certificate(), ske.apply(p),
                Server12Peer.serverHelloDone()), expect);
    }

    /** A DHE_RSA first flight (RSA certificate) with {@code params}. */
    private static Scenario dhe(String id, String rfc, String title, BigInteger prime, BigInteger ys, Expect expect) {
        return c(id, rfc, title, p -> {
            if (!p.clientHello.suites.contains(Tls.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256)) {
                p.note("the client offers no DHE suite");
            }
            byte[] params = Server12Peer.dhParams(prime, BigInteger.TWO, ys);
            p.sendHandshake(p.hello(p.serverHello(Tls.TLS_DHE_RSA_WITH_AES_128_GCM_SHA256)), Server12Peer.certificate(ServerKey.RSA),
                    p.dheServerKeyExchange(params), Server12Peer.serverHelloDone());
        }, expect);
    }

    private static List<Scenario> keyExchanges() {
        BigInteger p2048 = DhParameters.FFDHE2048.p();
        return List.of(
                ske("M12", "RFC 8422 §5.4, §5.1.1", "ServerKeyExchange with a group the client did not offer (brainpoolP256r1)", p -> {
                    byte[] params = Server12Peer.ecParams(0x001A, Bytes.concat(new byte[] {4}, Bytes.filled(64, 0x22)));
                    return p.serverKeyExchange(params, Tls.ECDSA_SECP256R1_SHA256, p.sign(params));
                }, handshakeAlert(ILLEGAL_PARAMETER, "which the client did not offer")),
                ske("M13", "RFC 5246 §7.4.3, §7.2.2", "ServerKeyExchange with a bad signature", p -> {
                    byte[] params = Server12Peer.ecParams(Tls.X25519, p.x25519.publicValue());
                    byte[] sig = p.sign(params);
                    sig[sig.length - 1] ^= 1;
                    return p.serverKeyExchange(params, Tls.ECDSA_SECP256R1_SHA256, sig);
                }, handshakeAlert(DECRYPT_ERROR, "signature")),
                ske("M14", "RFC 5246 §7.4.1.4.1, §7.4.3", "ServerKeyExchange signed with a scheme the client did not offer (ecdsa_sha1)",
                        p -> {
                            byte[] params = Server12Peer.ecParams(Tls.X25519, p.x25519.publicValue());
                            return p.serverKeyExchange(params, Tls.ECDSA_SHA1, p.sign(params, "SHA1withECDSA",
                                    dev.bastion.tls.conformance.interop.TestPki.get().server(ServerKey.EC).key()));
                        }, handshakeAlert(ILLEGAL_PARAMETER, "ecdsa_sha1")),
                ske("M15", "RFC 8422 §5.11; RFC 7748 §6.1", "ServerKeyExchange with the all-zero X25519 point", p -> {
                    byte[] params = Server12Peer.ecParams(Tls.X25519, new byte[32]);
                    return p.serverKeyExchange(params, Tls.ECDSA_SECP256R1_SHA256, p.sign(params));
                }, handshakeAlert(ILLEGAL_PARAMETER, "zero")),
                dhe("M16", "RFC 7919 §3, §5; RFC 5246 §7.4.3", "DHE ServerKeyExchange with a 1024-bit prime", MODP_1024,
                        BigInteger.TWO, handshakeAlert(INSUFFICIENT_SECURITY, "1024")),
                dhe("M17", "RFC 7919 §3 (1 < dh_Ys < p-1)", "DHE ServerKeyExchange with dh_Ys = 1", p2048, BigInteger.ONE,
                        handshakeAlert(ILLEGAL_PARAMETER, "not in [2, p-2]")),
                dhe("M18", "RFC 7919 §3 (1 < dh_Ys < p-1)", "DHE ServerKeyExchange with dh_Ys = p - 1", p2048,
                        p2048.subtract(BigInteger.ONE), handshakeAlert(ILLEGAL_PARAMETER, "not in [2, p-2]")));
    }

    private static List<Scenario> flights() {
        return List.of(
                c("M19", "RFC 5246 §7.3, §7.4.2", "first flight without the Certificate", p -> p.sendHandshake(p.hello(p.serverHello()),
                        p.serverKeyExchange(), Server12Peer.serverHelloDone()), handshakeAlert(UNEXPECTED_MESSAGE, "ServerKeyExchange")),
                c("M20", "RFC 5246 §7.3, §7.4.5", "first flight without the ServerHelloDone: the client waits", p -> p.sendHandshake(
                        p.hello(p.serverHello()), p.certificate(), p.serverKeyExchange()), Expect.waits()),
                c("M21", "RFC 5246 §7.3, §7.4.5", "first flight without the ServerHelloDone, then the server's ChangeCipherSpec", p -> {
                    p.sendHandshake(p.hello(p.serverHello()), p.certificate(), p.serverKeyExchange());
                    p.sendCcs();
                }, handshakeAlert(UNEXPECTED_MESSAGE, "change_cipher_spec")),
                c("M22", "RFC 5246 §7.4.1.1", "HelloRequest between ServerHello and Certificate is ignored", p -> {
                    p.sendHandshake(p.hello(p.serverHello()));
                    p.sendRaw(Rec.plain(Tls.HANDSHAKE, Msg.handshake(Tls.HELLO_REQUEST, new byte[0])));
                    p.sendHandshake(p.certificate(), p.serverKeyExchange(), Server12Peer.serverHelloDone());
                    p.readClientFlight();
                    p.sendCcsAndFinished();
                    p.sendApplicationData(PING);
                }, completes().and("client got ping", BaselineScenarios::gotPing)),
                c("M31", "RFC 5246 §7.4.1.1", "HelloRequest before the ServerHello is ignored (client enables TLS 1.2 only)", p -> {
                    p.sendRaw(Rec.plain(Tls.HANDSHAKE, Msg.handshake(Tls.HELLO_REQUEST, new byte[0])));
                    p.handshake();
                    p.sendApplicationData(PING);
                }, completes().and("client got ping", BaselineScenarios::gotPing)),
                Scenario.of("M32", "RFC 8446 §4 (no HelloRequest in TLS 1.3); RFC 5246 §7.4.1.1",
                        "HelloRequest before the ServerHello to a client that offered TLS 1.3: refused",
                        pr -> Server12Peer.connect(pr, Victims.DEFAULTS, e -> { }),
                        p -> p.sendRaw(Rec.plain(Tls.HANDSHAKE, Msg.handshake(Tls.HELLO_REQUEST, new byte[0]))),
                        handshakeAlert(UNEXPECTED_MESSAGE, "HelloRequest")),
                c("M23", "RFC 5246 §7.4.1.1; RFC 5746 §4.2", "HelloRequest after the handshake", p -> {
                    p.handshake();
                    p.send(Tls.HANDSHAKE, Msg.handshake(Tls.HELLO_REQUEST, new byte[0]));
                    p.sendApplicationData(PING);
                }, completesWarning(NO_RENEGOTIATION).and("ping delivered after the refusal", BaselineScenarios::gotPing)),
                c("M24", "RFC 5077 §3.3, §3.2", "NewSessionTicket though the ServerHello had no session_ticket", p -> {
                    p.sendFirstFlight();
                    p.readClientFlight();
                    p.sendHandshake(Msg.handshake(Tls.NEW_SESSION_TICKET, new Bytes().u16(0).u16(3600).vec16("ticket", Bytes.filled(32, 7))
                            .toArray()));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "NewSessionTicket")),
                c("M25", "RFC 5246 §7.4.9, §7.2.2", "wrong server Finished", p -> {
                    p.sendFirstFlight();
                    p.readClientFlight();
                    p.changeCipherSpec(new RecordCipher12(p.keys.serverWrite()));
                    p.sendHandshake(Peer12.finishedMessage(new byte[12]));
                }, handshakeAlert(DECRYPT_ERROR, "Finished")),
                c("M26", "RFC 5246 §7.1, §7.4.9", "server Finished in the clear without ChangeCipherSpec", p -> {
                    p.sendFirstFlight();
                    p.readClientFlight();
                    p.sendHandshake(p.finished());
                }, handshakeAlert(UNEXPECTED_MESSAGE, "Finished")),
                c("M27", "RFC 5246 §7.3, §7.4.9", "protected application data before the server Finished", p -> {
                    p.sendFirstFlight();
                    p.readClientFlight();
                    p.changeCipherSpec(new RecordCipher12(p.keys.serverWrite()));
                    p.sendApplicationData(PING);
                }, handshakeAlert(UNEXPECTED_MESSAGE, "application_data")));
    }

    private static List<Scenario> records() {
        return List.of(
                c("M28", "RFC 5288 §3; RFC 5246 §6.2.3.3", "server Finished record with a wrong explicit nonce", p -> {
                    p.sendFirstFlight();
                    p.readClientFlight();
                    RecordCipher12 w = new RecordCipher12(p.keys.serverWrite());
                    p.changeCipherSpec(w);
                    w.explicitNonce = Bytes.filled(8, 0x5A);
                    p.sendHandshake(p.finished());
                }, alert(BAD_RECORD_MAC, SSLHandshakeException.class, "failed authentication")),
                c("M29", "RFC 5246 §6.2.3.3", "application data record with a flipped ciphertext bit", p -> {
                    p.handshake();
                    byte[] r = p.writer12.seal(Tls.APPLICATION_DATA, PING);
                    r[5 + 8] ^= 1;
                    p.sendRaw(r);
                }, alert(BAD_RECORD_MAC, SSLException.class, "failed authentication")),
                c("M30", "RFC 5246 §6.2.3", "protected record of 2^14 + 2049 bytes", p -> {
                    p.handshake();
                    p.sendRaw(new Rec(Tls.APPLICATION_DATA, Tls.TLS12, new byte[(1 << 14) + 2049]).encode());
                }, protocolAlert(RECORD_OVERFLOW, "exceeds")));
    }
}
