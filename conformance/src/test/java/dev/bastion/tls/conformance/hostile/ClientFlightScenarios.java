package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.BAD_RECORD_MAC;
import static dev.bastion.tls.codec.AlertDescription.CERTIFICATE_REQUIRED;
import static dev.bastion.tls.codec.AlertDescription.DECODE_ERROR;
import static dev.bastion.tls.codec.AlertDescription.DECRYPT_ERROR;
import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;
import static dev.bastion.tls.conformance.hostile.Expect.protocolAlert;
import static dev.bastion.tls.conformance.hostile.Scenario.againstServer;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;

/**
 * The client's second flight, as a server must judge it (RFC 8446 §4.4, §4.5, §4.6, §5.1): the
 * Finished, messages that do not belong there, what may share a record with the Finished, and
 * client authentication (required and wanted; missing, unsigned, badly signed, coalesced and
 * fragmented certificates).
 */
final class ClientFlightScenarios {
    private ClientFlightScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(finishedAndMisplaced(), recordsAroundFinished(), clientAuthentication());
    }

    /** The Finished, and messages that have no place in the client's second flight. */
    private static List<Scenario> finishedAndMisplaced() {
        return List.of(
                second("E01", "RFC 8446 §4.4.4", "wrong client Finished (zeros of the right length)",
                        p -> List.of(Msg.finished(new byte[p.schedule.hash.length()])),
                        handshakeAlert(DECRYPT_ERROR, "Finished")),
                second("E02", "RFC 8446 §4.4.4, §6.2", "client Finished one byte short",
                        p -> List.of(Msg.finished(new byte[p.schedule.hash.length() - 1])),
                        handshakeAlert(DECODE_ERROR, "Finished")),
                second("E03", "RFC 8446 §4.4.4, §6.2", "client Finished one byte long",
                        p -> List.of(Msg.finished(new byte[p.schedule.hash.length() + 1])),
                        handshakeAlert(DECODE_ERROR, "Finished")),
                unexpected("E04", "RFC 8446 §4.4.2", "Certificate the server did not ask for",
                        p -> p.clientCertificate(), "Certificate"),
                unexpected("E05", "RFC 8446 §4.4.3", "CertificateVerify without a Certificate",
                        p -> p.certificateVerify(), "CertificateVerify"),
                unexpected("E06", "RFC 8446 §4.5", "EndOfEarlyData without early data",
                        p -> Msg.handshake(Tls.END_OF_EARLY_DATA, new byte[0]), "EndOfEarlyData"),
                unexpected("E07", "RFC 8446 §4.6.3", "KeyUpdate before the client's Finished",
                        p -> Msg.keyUpdate(0), "KeyUpdate"),
                unexpected("E08", "RFC 8446 §4, §B.3", "unknown handshake message type 99",
                        p -> Msg.handshake(99, new byte[3]), "unknown handshake message type"),
                unexpected("E09", "RFC 8446 §4.4.1", "message_hash (254) on the wire",
                        p -> Msg.handshake(Tls.MESSAGE_HASH, new byte[32]), "message_hash"),
                unexpected("E10", "RFC 8446 §4.6.1", "NewSessionTicket from the client",
                        p -> Msg.newSessionTicket(60, new byte[] {1}, new byte[] {1}), "NewSessionTicket"),
                unexpected("E11", "RFC 8446 §4", "ServerHello from the client", p -> Msg.handshake(Tls.SERVER_HELLO, new byte[38]),
                        "ServerHello"),
                unexpected("E12", "RFC 8446 §4.3.1", "EncryptedExtensions from the client",
                        p -> Msg.encryptedExtensions(List.of()), "EncryptedExtensions"));
    }

    /** What may share or split the records of the Finished. */
    private static List<Scenario> recordsAroundFinished() {
        return List.of(
                againstServer("E13", "RFC 8446 §5.1", "client Finished one byte per record", p -> {
                    p.upToClientFinished();
                    p.useHandshakeKey();
                    p.sendHandshakeFragmented(1, p.finished());
                }, completes()),
                againstServer("E14", "RFC 8446 §5.1", "Finished and KeyUpdate in one record (spans the key change)", p -> {
                    p.upToClientFinished();
                    p.sendFinished(p.finished(), Msg.keyUpdate(0));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "key change")),
                againstServer("E15", "RFC 8446 §5", "change_cipher_spec after the client's Finished", p -> {
                    p.upToClientFinished();
                    p.sendFinished(p.finished());
                    p.sendCcs();
                }, protocolAlert(UNEXPECTED_MESSAGE, "change_cipher_spec")),
                againstServer("E16", "RFC 8446 §4; bound: jdk.tls.maxHandshakeMessageSize", "encrypted handshake header announcing 16 MiB",
                        p -> {
                            p.upToClientFinished();
                            p.useHandshakeKey();
                            p.send(Tls.HANDSHAKE, Bytes.hex("14 ffffff 00"));
                        }, handshakeAlert(ILLEGAL_PARAMETER, "over the limit")),
                againstServer("E17", "RFC 8446 §5.2, §7.3", "client Finished under the application key", p -> {
                    p.upToClientFinished();
                    p.sendCcs();
                    p.writer = p.schedule.cipher(p.schedule.clientApplication);
                    p.send(Tls.HANDSHAKE, p.finished());
                }, handshakeAlert(BAD_RECORD_MAC, "authentication")));
    }

    /** Client authentication: missing, unsigned, badly signed, coalesced and fragmented. */
    private static List<Scenario> clientAuthentication() {
        return List.of(
                auth("E18", "RFC 8446 §4.4.2.4", "client authentication required, empty Certificate", true,
                        p -> {
                            byte[] empty = Msg.certificate(new byte[0], List.of());
                            return List.of(empty, p.finished(empty));
                        }, handshakeAlert(CERTIFICATE_REQUIRED, "certificate")),
                auth("E19", "RFC 8446 §4.4.2.4", "client authentication wanted, empty Certificate", false,
                        p -> {
                            byte[] empty = Msg.certificate(new byte[0], List.of());
                            return List.of(empty, p.finished(empty));
                        }, completes()),
                auth("E20", "RFC 8446 §4.4.3", "client Certificate, then Finished without CertificateVerify", true,
                        p -> {
                            byte[] cert = p.clientCertificate();
                            return List.of(cert, p.finished(cert));
                        }, handshakeAlert(UNEXPECTED_MESSAGE, "CertificateVerify")),
                auth("E21", "RFC 8446 §4.4.3", "client CertificateVerify with a wrong signature", true,
                        p -> {
                            byte[] cert = p.clientCertificate();
                            byte[] cv = p.certificateVerify(cert);
                            cv[cv.length - 1] ^= 1;
                            return List.of(cert, cv, p.finished(cert, cv));
                        }, handshakeAlert(DECRYPT_ERROR, "signature")),
                auth("E22", "RFC 8446 §4.4.3", "client CertificateVerify with ecdsa_sha1, which the server did not offer",
                        true, p -> {
                            byte[] cert = p.clientCertificate();
                            byte[] cv = p.certificateVerify(cert);
                            cv[4] = 0x02; // scheme 0x0403 -> 0x0203
                            return List.of(cert, cv, p.finished(cert, cv));
                        }, handshakeAlert(ILLEGAL_PARAMETER, "ecdsa_sha1")),
                auth("E23", "RFC 8446 §4.4.2", "client Certificate with a context the CertificateRequest did not have", true,
                        p -> {
                            byte[] cert = Msg.certificate(new byte[] {9}, ServerPeer.ders(
                                    dev.bastion.tls.conformance.interop.TestPki.get().client().chain()));
                            byte[] cv = p.certificateVerify(cert);
                            return List.of(cert, cv, p.finished(cert, cv));
                        }, handshakeAlert(ILLEGAL_PARAMETER, "context")),
                auth("E24", "RFC 8446 §4.4, §5.1", "client Certificate, CertificateVerify and Finished coalesced in one record",
                        true, ClientFlightScenarios::authenticated, completes()),
                Scenario.of("E25", "RFC 8446 §5.1", "client Certificate, CertificateVerify and Finished one byte per record",
                        provider -> ClientPeer.connect(provider, Victims.TLS13, e -> e.setNeedClientAuth(true)), p -> {
                            p.upToClientFinished();
                            p.useHandshakeKey();
                            p.sendHandshakeFragmented(1, authenticated(p).toArray(new byte[0][]));
                        }, completes()));
    }

    private static List<byte[]> authenticated(ClientPeer p) {
        byte[] cert = p.clientCertificate();
        byte[] cv = p.certificateVerify(cert);
        return List.of(cert, cv, p.finished(cert, cv));
    }

    /** Up to the client's second flight, then these messages under the client handshake key. */
    private static Scenario second(String id, String rfc, String title, Function<ClientPeer, List<byte[]>> messages,
            Expect expect) {
        return againstServer(id, rfc, title, p -> {
            p.upToClientFinished();
            p.sendFinished(messages.apply(p).toArray(new byte[0][]));
        }, expect);
    }

    private static Scenario unexpected(String id, String rfc, String title, Function<ClientPeer, byte[]> message,
            String fragment) {
        return second(id, rfc, title, p -> List.of(message.apply(p)), handshakeAlert(UNEXPECTED_MESSAGE, fragment));
    }

    /** A server asking for a client certificate ({@code need} or want); the second flight from {@code messages}. */
    private static Scenario auth(String id, String rfc, String title, boolean need,
            Function<ClientPeer, List<byte[]>> messages, Expect expect) {
        Consumer<SSLEngine> ask = need ? e -> e.setNeedClientAuth(true) : e -> e.setWantClientAuth(true);
        return Scenario.of(id, rfc, title, provider -> ClientPeer.connect(provider, Victims.TLS13, ask), p -> {
            p.upToClientFinished();
            if (p.certificateRequest == null) {
                throw new ScriptStop("the server sent no CertificateRequest");
            }
            p.sendFinished(messages.apply(p).toArray(new byte[0][]));
        }, expect);
    }
}
