package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.BAD_RECORD_MAC;
import static dev.bastion.tls.codec.AlertDescription.DECODE_ERROR;
import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.conformance.hostile.BaselineScenarios.PING;
import static dev.bastion.tls.conformance.hostile.Expect.alert;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.protocolAlert;
import static dev.bastion.tls.conformance.hostile.Scenario.againstClient;
import static dev.bastion.tls.conformance.hostile.Scenario.againstServer;

import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * After the handshake (RFC 8446 §4.6, §5.1): KeyUpdate done right, wrong and in floods (bounded
 * at 32 in a row without data, as BoringSSL), renegotiation attempts (a ClientHello, a
 * HelloRequest), tickets, and handshake messages that have no post-handshake meaning. After the
 * handshake an error is an {@link javax.net.ssl.SSLProtocolException} (bad_record_mac: a plain
 * {@link SSLException}, as SunJSSE).
 */
final class PostHandshakeScenarios {
    private PostHandshakeScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(keyUpdates(), renegotiationAndStrays(), fromServers());
    }

    /** KeyUpdate done right, wrong and in floods, against a server. */
    private static List<Scenario> keyUpdates() {
        return List.of(
                againstServer("P01", "RFC 8446 §4.6.3", "KeyUpdate, then data under the next key", p -> {
                    p.handshake();
                    p.sendKeyUpdate(0);
                    p.sendApplicationData(PING);
                }, completes().and("ping delivered", BaselineScenarios::gotPing)),
                againstServer("P02", "RFC 8446 §4.6.3", "KeyUpdate with update_requested: the server updates too", p -> {
                    p.handshake();
                    p.sendKeyUpdate(1);
                    byte[] reply = p.expect(Tls.KEY_UPDATE, "KeyUpdate reply");
                    if (reply[4] != 0) {
                        p.note("the reply requests an update too");
                    }
                    p.victim.write(PING);
                    if (!Arrays.equals(p.applicationDataFromVictim(), PING)) {
                        p.note("the server's data was not readable under its next key");
                    }
                }, completes().and("answered with update_not_requested, then wrote under the next key",
                        o -> o.notes().isEmpty())),
                keyUpdate("P03", "RFC 8446 §4.6.3", "KeyUpdate with request_update 2", Msg.keyUpdate(2),
                        protocolAlert(ILLEGAL_PARAMETER, "request_update")),
                keyUpdate("P04", "RFC 8446 §4.6.3, §6.2", "KeyUpdate with a 2-byte body",
                        Msg.handshake(Tls.KEY_UPDATE, new byte[] {0, 0}), protocolAlert(DECODE_ERROR, "KeyUpdate")),
                keyUpdate("P05", "RFC 8446 §4.6.3, §6.2", "KeyUpdate with an empty body",
                        Msg.handshake(Tls.KEY_UPDATE, new byte[0]), protocolAlert(DECODE_ERROR, "KeyUpdate")),
                againstServer("P06", "RFC 8446 §4.6.3; bound: 32 KeyUpdates without data", "33 KeyUpdates in a row", p -> {
                    p.handshake();
                    for (int i = 0; i < 33; i++) {
                        p.sendKeyUpdate(0);
                    }
                }, protocolAlert(UNEXPECTED_MESSAGE, "KeyUpdate")),
                againstServer("P07", "RFC 8446 §4.6.3; bound: 32 KeyUpdates without data", "32 KeyUpdates, then data", p -> {
                    p.handshake();
                    for (int i = 0; i < 32; i++) {
                        p.sendKeyUpdate(0);
                    }
                    p.sendApplicationData(PING);
                }, completes().and("ping delivered", BaselineScenarios::gotPing)),
                againstServer("P08", "RFC 8446 §4.6.3, §5.2", "data still under the old key after a KeyUpdate", p -> {
                    p.handshake();
                    RecordCipher old = p.writer;
                    p.sendKeyUpdate(0);
                    p.sendRaw(old.seal(Tls.APPLICATION_DATA, PING));
                }, alert(BAD_RECORD_MAC, SSLException.class, "authentication")),
                againstServer("P12", "RFC 8446 §5.1", "two KeyUpdates in one record (the second spans the key change)", p -> {
                    p.handshake();
                    p.send(Tls.HANDSHAKE, Bytes.concat(Msg.keyUpdate(0), Msg.keyUpdate(0)));
                }, protocolAlert(UNEXPECTED_MESSAGE, "key change")),
                againstServer("P13", "RFC 8446 §5, §4.6.3", "KeyUpdate in a plaintext record", p -> {
                    p.handshake();
                    p.sendRaw(Rec.plain(Tls.HANDSHAKE, Msg.keyUpdate(0)));
                }, protocolAlert(UNEXPECTED_MESSAGE, "unprotected")));
    }

    /** Renegotiation attempts and handshake messages with no post-handshake meaning, against a server. */
    private static List<Scenario> renegotiationAndStrays() {
        return List.of(
                againstServer("P09", "RFC 8446 §4.1.2, §4.6", "ClientHello after the handshake (renegotiation)", p -> {
                    p.handshake();
                    p.send(Tls.HANDSHAKE, p.clientHello().encode());
                }, protocolAlert(UNEXPECTED_MESSAGE, "ClientHello")),
                againstServer("P10", "RFC 8446 §4.6.2", "unsolicited client Certificate after the handshake", p -> {
                    p.handshake();
                    p.send(Tls.HANDSHAKE, p.clientCertificate());
                }, protocolAlert(UNEXPECTED_MESSAGE, "Certificate")),
                againstServer("P11", "RFC 8446 §4.4.4, §4.6", "a second client Finished after the handshake", p -> {
                    p.handshake();
                    p.send(Tls.HANDSHAKE, Msg.finished(new byte[p.schedule.hash.length()]));
                }, protocolAlert(UNEXPECTED_MESSAGE, "Finished")),
                againstServer("P14", "RFC 8446 §4.5", "EndOfEarlyData after the handshake", p -> {
                    p.handshake();
                    p.send(Tls.HANDSHAKE, Msg.handshake(Tls.END_OF_EARLY_DATA, new byte[0]));
                }, protocolAlert(UNEXPECTED_MESSAGE, "EndOfEarlyData")));
    }

    /** Tickets, renegotiation attempts, stray messages and KeyUpdates from a server. */
    private static List<Scenario> fromServers() {
        return List.of(
                againstClient("T01", "RFC 8446 §4.6.1", "NewSessionTicket is accepted", p -> {
                    p.handshake();
                    p.send(Tls.HANDSHAKE, Msg.newSessionTicket(3600, new byte[] {1}, Bytes.filled(40, 0x77)));
                    p.sendApplicationData(PING);
                }, completes().and("ping delivered", BaselineScenarios::gotPing)),
                againstClient("T02", "RFC 8446 §4.6.1", "NewSessionTicket with an unknown extension (ignored)", p -> {
                    p.handshake();
                    p.send(Tls.HANDSHAKE, Msg.handshake(Tls.NEW_SESSION_TICKET, Bytes.hex(
                            "00000e10 00000001 01 01 0003 aabbcc 0004 7777 0000")));
                    p.sendApplicationData(PING);
                }, completes().and("ping delivered", BaselineScenarios::gotPing)),
                ticket("T03", "RFC 8446 §4.6.1, §6.2", "NewSessionTicket with an empty ticket",
                        Bytes.hex("00000e10 00000001 01 01 0000 0000"), DECODE_ERROR, "ticket"),
                ticket("T04", "RFC 8446 §4.6.1, §6.2", "NewSessionTicket whose nonce runs past the message",
                        Bytes.hex("00000e10 00000001 ff 01"), DECODE_ERROR, "ticket_nonce"),
                serverSends("T05", "RFC 8446 §4; RFC 5246 §7.4.1.1", "HelloRequest after the handshake (renegotiation)",
                        Msg.handshake(Tls.HELLO_REQUEST, new byte[0]), "HelloRequest"),
                serverSends("T06", "RFC 8446 §4.6.2", "post-handshake CertificateRequest without post_handshake_auth",
                        Msg.certificateRequest(new byte[] {1}, Tls.ECDSA_SECP256R1_SHA256), "CertificateRequest"),
                serverSends("T07", "RFC 8446 §4.1.3, §4.6", "ServerHello after the handshake",
                        Msg.handshake(Tls.SERVER_HELLO, new byte[38]), "ServerHello"),
                serverSends("T08", "RFC 8446 §4.3.1, §4.6", "EncryptedExtensions after the handshake",
                        Msg.encryptedExtensions(List.of()), "EncryptedExtensions"),
                againstClient("T09", "RFC 8446 §4.6.3; bound: 32 KeyUpdates without data", "33 KeyUpdates in a row from the server",
                        p -> {
                            p.handshake();
                            for (int i = 0; i < 33; i++) {
                                p.sendKeyUpdate(0);
                            }
                        }, protocolAlert(UNEXPECTED_MESSAGE, "KeyUpdate")),
                againstClient("T10", "RFC 8446 §4.6.3", "KeyUpdate with update_requested from the server: the client updates too",
                        p -> {
                            p.handshake();
                            p.sendKeyUpdate(1);
                            p.expect(Tls.KEY_UPDATE, "KeyUpdate reply");
                            p.victim.write(PING);
                            if (!Arrays.equals(p.applicationDataFromVictim(), PING)) {
                                p.note("the client's data was not readable under its next key");
                            }
                        }, completes().and("client wrote under its next key", o -> o.notes().isEmpty())));
    }

    private static Scenario keyUpdate(String id, String rfc, String title, byte[] message, Expect expect) {
        return againstServer(id, rfc, title, p -> {
            p.handshake();
            p.send(Tls.HANDSHAKE, message);
        }, expect);
    }

    private static Scenario ticket(String id, String rfc, String title, byte[] body,
            dev.bastion.tls.codec.AlertDescription alert, String fragment) {
        return againstClient(id, rfc, title, p -> {
            p.handshake();
            p.send(Tls.HANDSHAKE, Msg.handshake(Tls.NEW_SESSION_TICKET, body));
        }, protocolAlert(alert, fragment));
    }

    private static Scenario serverSends(String id, String rfc, String title, byte[] message, String fragment) {
        return againstClient(id, rfc, title, p -> {
            p.handshake();
            p.send(Tls.HANDSHAKE, message);
        }, protocolAlert(UNEXPECTED_MESSAGE, fragment));
    }
}
