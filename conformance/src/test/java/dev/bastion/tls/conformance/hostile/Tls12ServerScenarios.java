package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.BAD_RECORD_MAC;
import static dev.bastion.tls.codec.AlertDescription.DECODE_ERROR;
import static dev.bastion.tls.codec.AlertDescription.DECRYPT_ERROR;
import static dev.bastion.tls.codec.AlertDescription.HANDSHAKE_FAILURE;
import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.INAPPROPRIATE_FALLBACK;
import static dev.bastion.tls.codec.AlertDescription.NO_RENEGOTIATION;
import static dev.bastion.tls.codec.AlertDescription.RECORD_OVERFLOW;
import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.conformance.hostile.BaselineScenarios.PING;
import static dev.bastion.tls.conformance.hostile.Expect.alert;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.completesWarning;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;
import static dev.bastion.tls.conformance.hostile.Expect.protocolAlert;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * TLS 1.2 against a server engine that enables TLS 1.2 only (RFC 5246, RFC 5288, RFC 7627,
 * RFC 5746, RFC 8422, RFC 7905): a correct handshake per AEAD, then a hostile
 * ClientKeyExchange, second flight out of order, a wrong or unprotected Finished, damaged
 * records, renegotiation, the extended master secret and session-id resumption.
 */
final class Tls12ServerScenarios {
    private Tls12ServerScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(baselines(), keyExchange(), secondFlight(), records(), hellosAndAfter(), downgrade());
    }

    static Scenario s(String id, String rfc, String title, Consumer<Client12Peer> body, Expect expect) {
        return Scenario.of(id, rfc, title, pr -> Client12Peer.connect(pr), body, expect);
    }

    static Scenario s(String id, String rfc, String title, Consumer<SSLEngine> configure, Consumer<Client12Peer> body,
            Expect expect) {
        return Scenario.of(id, rfc, title, pr -> Client12Peer.connect(pr, configure), body, expect);
    }

    /** A correct handshake with {@code suite} offered alone, then data both ways. */
    private static Scenario baseline(String id, String rfc, int suite, String name) {
        return s(id, rfc, "correct TLS 1.2 handshake and data with " + name, p -> {
            p.hello(h -> {
                h.suites.clear();
                h.suites.add(suite);
            });
            p.readServerHello();
            p.readServerFlight();
            p.sendKeyExchangeAndFinished();
            p.readServerFinished();
            p.sendApplicationData(PING);
            p.victim.write(PING);
            if (!Arrays.equals(p.applicationDataFromVictim(), PING)) {
                p.note("peer did not read the server's ping");
            }
        }, completes().and("server got ping", BaselineScenarios::gotPing).and("no notes", o -> o.notes().isEmpty()));
    }

    private static List<Scenario> baselines() {
        return List.of(
                baseline("L01", "RFC 5246 §7.3; RFC 5288 §3; RFC 7627 §4", Tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                        "ECDHE_ECDSA_AES_128_GCM_SHA256"),
                baseline("L02", "RFC 5246 §7.3; RFC 5289 §3.2 (SHA-384 PRF)", Tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
                        "ECDHE_ECDSA_AES_256_GCM_SHA384"),
                baseline("L03", "RFC 5246 §7.3; RFC 7905 §2", Tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
                        "ECDHE_ECDSA_CHACHA20_POLY1305"));
    }

    /** Up to the ServerHelloDone, then {@code cke} as the ClientKeyExchange. */
    private static Scenario cke(String id, String rfc, String title, byte[] point, Expect expect) {
        return s(id, rfc, title, p -> {
            p.sendClientHello(p.clientHello());
            p.readServerHello();
            p.readServerFlight();
            p.send(Tls.HANDSHAKE, Client12Peer.clientKeyExchange(point));
        }, expect);
    }

    private static List<Scenario> keyExchange() {
        byte[] one = new byte[32];
        one[0] = 1;
        return List.of(
                cke("L04", "RFC 8422 §5.11; RFC 7748 §6.1", "ClientKeyExchange with the all-zero X25519 point", new byte[32],
                        handshakeAlert(ILLEGAL_PARAMETER, "zero")),
                cke("L05", "RFC 8422 §5.11; RFC 7748 §6.1", "ClientKeyExchange with the low-order X25519 point u = 1", one,
                        handshakeAlert(ILLEGAL_PARAMETER, "zero")),
                cke("L06", "RFC 8422 §5.7, §5.11", "ClientKeyExchange with a 31-byte X25519 point", new byte[31],
                        handshakeAlert(ILLEGAL_PARAMETER, "X25519")),
                cke("L07", "RFC 8422 §5.7 (point<1..2^8-1>)", "ClientKeyExchange with an empty point", new byte[0],
                        handshakeAlert(DECODE_ERROR, "ClientKeyExchange")),
                cke("L08", "RFC 8422 §5.7, §5.11", "ClientKeyExchange with a 65-byte uncompressed P-256 point for X25519",
                        Bytes.concat(new byte[] {4}, Bytes.filled(64, 0x11)), handshakeAlert(ILLEGAL_PARAMETER, "X25519")),
                s("L09", "RFC 5246 §7.4.7, §6.2 (decode_error)", "ClientKeyExchange with a trailing byte", p -> {
                    p.sendClientHello(p.clientHello());
                    p.readServerHello();
                    p.readServerFlight();
                    p.send(Tls.HANDSHAKE, Msg.handshake(Tls.CLIENT_KEY_EXCHANGE,
                            b -> b.vec8("point", p.x25519.publicValue()).u8(0)));
                }, handshakeAlert(DECODE_ERROR, "ClientKeyExchange")));
    }

    /** Up to the ServerHelloDone. */
    private static void toDone(Client12Peer p) {
        p.sendClientHello(p.clientHello());
        p.readServerHello();
        p.readServerFlight();
    }

    private static List<Scenario> secondFlight() {
        return List.of(
                s("L10", "RFC 5246 §7.1, §7.3", "ChangeCipherSpec before the ClientKeyExchange", p -> {
                    toDone(p);
                    p.sendCcs();
                }, handshakeAlert(UNEXPECTED_MESSAGE, "change_cipher_spec received in state AwaitClientKeyExchange")),
                s("L11", "RFC 5246 §7.4.9, §7.2.2", "client Finished with wrong verify_data", p -> {
                    toDone(p);
                    p.sendClientKeyExchange(p.clientKeyExchange(), p.preMaster());
                    p.changeCipherSpec(new RecordCipher12(p.keys.clientWrite()));
                    p.sendHandshake(Peer12.finishedMessage(new byte[12]));
                }, handshakeAlert(DECRYPT_ERROR, "Finished")),
                s("L12", "RFC 5246 §7.4.9", "client Finished of 11 bytes", p -> {
                    toDone(p);
                    p.sendClientKeyExchange(p.clientKeyExchange(), p.preMaster());
                    p.changeCipherSpec(new RecordCipher12(p.keys.clientWrite()));
                    p.sendHandshake(Peer12.finishedMessage(new byte[11]));
                }, handshakeAlert(DECODE_ERROR, "Finished")),
                s("L13", "RFC 5246 §7.1, §7.4.9", "client Finished in the clear without ChangeCipherSpec", p -> {
                    toDone(p);
                    p.sendClientKeyExchange(p.clientKeyExchange(), p.preMaster());
                    p.sendHandshake(p.finished());
                }, handshakeAlert(UNEXPECTED_MESSAGE, "Finished")),
                s("L14", "RFC 5246 §7.1, §6.2.3.3", "client Finished in the clear after the ChangeCipherSpec", p -> {
                    toDone(p);
                    p.sendClientKeyExchange(p.clientKeyExchange(), p.preMaster());
                    p.sendCcs();
                    p.sendHandshake(p.finished());
                }, alert(BAD_RECORD_MAC, SSLHandshakeException.class, "shorter than its 24 bytes of nonce and tag")),
                s("L15", "RFC 5246 §7.4.9, §7.3", "protected application data before the client Finished", p -> {
                    toDone(p);
                    p.sendClientKeyExchange(p.clientKeyExchange(), p.preMaster());
                    p.changeCipherSpec(new RecordCipher12(p.keys.clientWrite()));
                    p.sendApplicationData(PING);
                }, handshakeAlert(UNEXPECTED_MESSAGE, "application_data record received before the handshake completed")),
                s("L16", "RFC 5246 §7.3", "application data in the clear before the ClientKeyExchange", p -> {
                    toDone(p);
                    p.sendApplicationData(PING);
                }, handshakeAlert(UNEXPECTED_MESSAGE, "application_data record received before any keys")),
                s("L17", "RFC 5246 §7.4.6, §7.3", "ClientKeyExchange without the Certificate a requiring server asked for",
                        e -> e.setNeedClientAuth(true), p -> {
                            toDone(p);
                            p.sendClientKeyExchange(p.clientKeyExchange(), p.preMaster());
                        }, handshakeAlert(UNEXPECTED_MESSAGE, "ClientKeyExchange")),
                s("L18", "RFC 5246 §7.4.6", "empty client Certificate to a server that requires one",
                        e -> e.setNeedClientAuth(true), p -> {
                            toDone(p);
                            p.sendHandshake(Peer12.certificate12(List.of()));
                        }, handshakeAlert(HANDSHAKE_FAILURE, "certificate")),
                s("L19", "RFC 5246 §7.4.8", "CertificateVerify without a client Certificate", p -> {
                    toDone(p);
                    p.sendClientKeyExchange(p.clientKeyExchange(), p.preMaster());
                    p.sendHandshake(Msg.certificateVerify(Tls.ECDSA_SECP256R1_SHA256, new byte[70]));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "CertificateVerify")));
    }

    /** A correct handshake, then {@code record} (built from the peer's state). */
    private static Scenario after(String id, String rfc, String title, java.util.function.Function<Client12Peer, byte[]> record,
            Expect expect) {
        return s(id, rfc, title, p -> {
            p.handshake();
            p.sendRaw(record.apply(p));
        }, expect);
    }

    private static List<Scenario> records() {
        return List.of(
                s("L20", "RFC 5288 §3; RFC 5246 §6.2.3.3", "client Finished record with a wrong explicit nonce", p -> {
                    toDone(p);
                    p.sendClientKeyExchange(p.clientKeyExchange(), p.preMaster());
                    RecordCipher12 w = new RecordCipher12(p.keys.clientWrite());
                    p.changeCipherSpec(w);
                    w.explicitNonce = Bytes.filled(8, 0x5A);
                    p.sendHandshake(p.finished());
                }, alert(BAD_RECORD_MAC, SSLHandshakeException.class, "failed authentication")),
                after("L21", "RFC 5246 §6.2.3.3", "application data record with a flipped tag bit", p -> {
                    byte[] r = p.writer12.seal(Tls.APPLICATION_DATA, PING);
                    r[r.length - 1] ^= 1;
                    return r;
                }, alert(BAD_RECORD_MAC, SSLException.class, "authentication")),
                after("L22", "RFC 5246 §6.2.3", "protected record of 2^14 + 2049 bytes",
                        p -> new Rec(Tls.APPLICATION_DATA, Tls.TLS12, new byte[(1 << 14) + 2049]).encode(),
                        protocolAlert(RECORD_OVERFLOW, "exceeds")),
                after("L23", "RFC 5246 §6.2.1; RFC 6520 not negotiated", "heartbeat record after the handshake",
                        p -> p.writer12.seal(Tls.HEARTBEAT, new byte[] {1, 0, 16}),
                        protocolAlert(UNEXPECTED_MESSAGE, "heartbeat")),
                after("L24", "RFC 5246 §7.1", "a second (protected) ChangeCipherSpec after the handshake",
                        p -> p.writer12.seal(Tls.CHANGE_CIPHER_SPEC, new byte[] {1}),
                        protocolAlert(UNEXPECTED_MESSAGE, "change_cipher_spec")),
                after("L35", "RFC 5246 §6.2.3.3, §7.1", "a ChangeCipherSpec in the clear after the handshake (read as ciphertext)",
                        p -> Rec.plain(Tls.CHANGE_CIPHER_SPEC, new byte[] {1}),
                        alert(BAD_RECORD_MAC, SSLException.class, "shorter than its 24 bytes of nonce and tag")),
                after("L25", "RFC 5246 §6.2.3.3, §6.1 (implicit sequence number)", "application data record replayed", p -> {
                    byte[] r = p.writer12.seal(Tls.APPLICATION_DATA, PING);
                    return Bytes.concat(r, r);
                }, alert(BAD_RECORD_MAC, SSLException.class, "failed authentication")
                        .and("the first copy delivered", BaselineScenarios::gotPing)));
    }

    private static List<Scenario> hellosAndAfter() {
        return List.of(
                s("L26", "RFC 5746 §3.5, §4.4; RFC 5246 §7.2.2", "secure renegotiation ClientHello after the handshake", p -> {
                    p.handshake();
                    p.send(Tls.HANDSHAKE, p.clientHello().put(new Ext(Tls.EXT_RENEGOTIATION_INFO,
                            b -> b.vec8("renegotiated_connection", p.clientVerifyData))).encode());
                    p.sendApplicationData(PING);
                }, completesWarning(NO_RENEGOTIATION).and("ping delivered after the refusal", BaselineScenarios::gotPing)),
                s("L27", "RFC 7627 §5.3 (jdk.tls.allowLegacyMasterSecret, default true)",
                        "ClientHello without extended_master_secret", p -> {
                            p.hello(h -> h.remove(Tls.EXT_EXTENDED_MASTER_SECRET));
                            p.readServerHello();
                            if (p.ems) {
                                p.note("the server echoed extended_master_secret");
                            }
                            p.readServerFlight();
                            p.sendKeyExchangeAndFinished();
                            p.readServerFinished();
                        }, completes().and("legacy master secret used", o -> o.notes().isEmpty())),
                s("L28", "RFC 5746 §3.6", "renegotiation_info with renegotiated_connection data in an initial ClientHello",
                        p -> p.hello(h -> h.put(new Ext(Tls.EXT_RENEGOTIATION_INFO, b -> b.vec8("rc", new byte[12])))),
                        handshakeAlert(HANDSHAKE_FAILURE, "renegotiation_info")),
                s("L29", "RFC 5246 §7.4.1.2", "compression_methods without null", p -> p.hello(h -> h.compression = List.of(1)),
                        handshakeAlert(ILLEGAL_PARAMETER, "compression")),
                s("L30", "RFC 8422 §5.1.2", "ec_point_formats without uncompressed", p -> p.hello(
                        h -> h.put(Ext.of(Tls.EXT_EC_POINT_FORMATS, new byte[] {1, 1}))),
                        handshakeAlert(ILLEGAL_PARAMETER, "ec_point_formats")),
                s("L31", "RFC 5246 §7.4.1.3", "only suites the server cannot serve (ECDHE_RSA with an EC certificate)",
                        p -> p.hello(h -> {
                            h.suites.clear();
                            h.suites.add(Tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
                        }), handshakeAlert(HANDSHAKE_FAILURE, "suite")),
                s("L32", "RFC 5246 §7.4.1.2, §7.4.1.3", "resumption attempt with an unknown session id: full handshake", p -> {
                    byte[] id = Bytes.filled(32, 0x42);
                    p.hello(h -> h.sessionId = id);
                    p.readServerHello();
                    if (Arrays.equals(p.serverHello.sessionId, id)) {
                        p.note("the server echoed the unknown session id");
                    }
                    p.readServerFlight();
                    p.sendKeyExchangeAndFinished();
                    p.readServerFinished();
                }, completes().and("a new session id", o -> o.notes().isEmpty())),
                Tls12ResumptionScenarios.resumes(), Tls12ResumptionScenarios.otherSuite(),
                Tls12ResumptionScenarios.ticket(false), Tls12ResumptionScenarios.ticket(true));
    }

    /** A server that also enables TLS 1.3, facing a TLS 1.2 client (RFC 8446 §4.1.3, RFC 7507). */
    private static List<Scenario> downgrade() {
        return List.of(
                Scenario.of("L36", "RFC 8446 §4.1.3", "TLS 1.2 ClientHello to a server that also enables TLS 1.3: "
                        + "DOWNGRD\\x01 in the server random", pr -> Client12Peer.connect(pr, Victims.DEFAULTS, e -> { }), p -> {
                            p.handshake();
                            if (!Arrays.equals(Arrays.copyOfRange(p.serverRandom, 24, 32), Tls.DOWNGRADE_TLS12)) {
                                p.note("no downgrade sentinel in the server random");
                            }
                        }, completes().and("the sentinel is there", o -> o.notes().isEmpty())),
                Scenario.of("L37", "RFC 7507 §3 (SunJSSE ignores the SCSV)",
                        "TLS_FALLBACK_SCSV in a TLS 1.2 ClientHello to a server that also enables TLS 1.3: a downgrade",
                        pr -> Client12Peer.connect(pr, Victims.DEFAULTS, e -> { }),
                        p -> p.hello(h -> h.suites.add(0x5600)),
                        handshakeAlert(INAPPROPRIATE_FALLBACK, "TLS_FALLBACK_SCSV")),
                s("L46", "RFC 7507 §3", "TLS_FALLBACK_SCSV in a TLS 1.2 ClientHello to a TLS 1.2-only server: served", p -> {
                    p.hello(h -> h.suites.add(0x5600));
                    p.readServerHello();
                    p.readServerFlight();
                    p.sendKeyExchangeAndFinished();
                    p.readServerFinished();
                }, completes()));
    }
}
