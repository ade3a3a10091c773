package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.DECODE_ERROR;
import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.conformance.hostile.Expect.closesQuietly;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;
import static dev.bastion.tls.conformance.hostile.Expect.peerAlert;
import static dev.bastion.tls.conformance.hostile.Expect.protocolAlert;
import static dev.bastion.tls.conformance.hostile.Scenario.againstClient;
import static dev.bastion.tls.conformance.hostile.Scenario.againstServer;

import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Alerts from the peer at every stage (RFC 8446 §6): in TLS 1.3 every alert but close_notify
 * and user_canceled is an error alert whatever its level, and so is an unknown description
 * (§6); the victim fails and sends nothing back (§6.2: "MUST NOT send any more messages").
 * close_notify during the handshake ends it without success; the victim reports
 * unexpected_message as SunJSSE does (the RFC names no alert). Warning user_canceled records
 * that carry nothing are bounded like empty records.
 */
final class AlertScenarios {
    private static final int UNKNOWN = 0xC8;

    private AlertScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(clientsDuringHandshake(), clientsAfterHandshake(), fromServers());
    }

    /** Alerts from a hostile client during the handshake, in the clear and protected. */
    private static List<Scenario> clientsDuringHandshake() {
        return List.of(
                againstServer("A01", "RFC 8446 §6, §6.2", "plaintext fatal handshake_failure after the server's flight", p -> {
                    p.upToClientFinished();
                    p.sendAlert(Alert.FATAL, 40);
                }, peerAlert(SSLHandshakeException.class, "Received fatal alert: handshake_failure")),
                againstServer("A02", "RFC 8446 §6", "warning alert with an unknown description (200) during the handshake",
                        p -> {
                            p.upToClientFinished();
                            p.sendAlert(Alert.WARNING, UNKNOWN);
                        }, peerAlert(SSLHandshakeException.class, "unknown(200)")),
                againstServer("A03", "RFC 8446 §6.2", "warning unrecognized_name (an error alert in TLS 1.3) during the handshake",
                        p -> {
                            p.upToClientFinished();
                            p.sendAlert(Alert.WARNING, 112);
                        }, peerAlert(SSLHandshakeException.class, "unrecognized_name")),
                againstServer("A04", "RFC 8446 §6.1", "close_notify during the handshake", p -> {
                    p.upToClientFinished();
                    p.sendAlert(Alert.WARNING, 0);
                }, handshakeAlert(UNEXPECTED_MESSAGE, "close_notify during handshake")),
                againstServer("A05", "RFC 8446 §6.1; SunJSSE's Alert consumer", "user_canceled, then close_notify, during the handshake:"
                        + " a cancelled handshake, both sides close", p -> {
                    p.upToClientFinished();
                    p.sendAlert(Alert.WARNING, 90);
                    p.sendAlert(Alert.WARNING, 0);
                }, closesQuietly()),
                againstServer("A06", "RFC 8446 §6", "fatal alert with an unknown description (200) before any hello",
                        p -> p.sendAlert(Alert.FATAL, UNKNOWN),
                        peerAlert(SSLHandshakeException.class, "unknown(200)")),
                againstServer("A07", "RFC 8446 §6, §6.2", "encrypted fatal decrypt_error in the client's second flight", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    p.sendAlert(Alert.FATAL, 51);
                }, peerAlert(SSLHandshakeException.class, "decrypt_error")),
                againstServer("A18", "RFC 8446 §5, §6", "plaintext alert after the client's first protected record", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    p.sendAlert(Alert.WARNING, 90);
                    p.sendRaw(Rec.plain(Tls.ALERT, Alert.bytes(Alert.FATAL, 40)));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "unprotected alert")));
    }

    /** Alerts from a hostile client after the handshake. */
    private static List<Scenario> clientsAfterHandshake() {
        return List.of(
                againstServer("A08", "RFC 8446 §6.2", "fatal internal_error after the handshake", p -> {
                    p.handshake();
                    p.sendAlert(Alert.FATAL, 80);
                }, peerAlert(SSLException.class, "Received fatal alert: internal_error")),
                againstServer("A09", "RFC 8446 §6", "warning alert with an unknown description after the handshake", p -> {
                    p.handshake();
                    p.sendAlert(Alert.WARNING, UNKNOWN);
                }, peerAlert(SSLException.class, "unknown(200)")),
                againstServer("A10", "RFC 8446 §6.1", "close_notify after the handshake closes the read side", p -> {
                    p.handshake();
                    p.sendAlert(Alert.WARNING, 0);
                }, completes().and("the read side is closed", Outcome::inboundClosed)),
                againstServer("A11", "RFC 8446 §6.1; bound: 32 records without content",
                        "33 user_canceled warnings in a row after the handshake", p -> {
                            p.handshake();
                            for (int i = 0; i < 33; i++) {
                                p.sendAlert(Alert.WARNING, 90);
                            }
                        }, protocolAlert(UNEXPECTED_MESSAGE, "too many records without content")),
                againstServer("A12", "RFC 8446 §5.1, §6", "encrypted alert record of 3 bytes after the handshake", p -> {
                    p.handshake();
                    p.send(Tls.ALERT, new byte[] {2, 40, 0});
                }, protocolAlert(DECODE_ERROR, "alert record of 3")),
                againstServer("A17", "RFC 8446 §5, §6", "plaintext alert after the handshake", p -> {
                    p.handshake();
                    p.sendRaw(Rec.plain(Tls.ALERT, Alert.bytes(Alert.FATAL, 40)));
                }, protocolAlert(UNEXPECTED_MESSAGE, "unprotected alert")));
    }

    /** Alerts from a hostile server. */
    private static List<Scenario> fromServers() {
        return List.of(
                againstClient("A13", "RFC 8446 §6.2", "fatal protocol_version instead of a ServerHello",
                        p -> p.sendAlert(Alert.FATAL, 70),
                        peerAlert(SSLHandshakeException.class, "Received fatal alert: protocol_version")),
                againstClient("A14", "RFC 8446 §6.2", "encrypted fatal bad_certificate in the server flight", p -> {
                    p.sendServerHello(p.serverHello());
                    p.sendAlert(Alert.FATAL, 42);
                }, peerAlert(SSLHandshakeException.class, "bad_certificate")),
                againstClient("A15", "RFC 8446 §6", "warning alert with an unknown description after the handshake", p -> {
                    p.handshake();
                    p.sendAlert(Alert.WARNING, UNKNOWN);
                }, peerAlert(SSLException.class, "unknown(200)")),
                againstClient("A16", "RFC 8446 §6.1", "user_canceled warning during the handshake is not an error alert",
                        p -> {
                            p.sendServerHello(p.serverHello());
                            p.sendAlert(Alert.WARNING, 90);
                            p.sendFlight(p.flight());
                            p.expect(Tls.FINISHED, "client Finished");
                        }, completes()));
    }
}
