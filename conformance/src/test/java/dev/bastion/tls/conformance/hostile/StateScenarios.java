package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;
import static dev.bastion.tls.conformance.hostile.Scenario.againstClient;
import static dev.bastion.tls.conformance.hostile.Scenario.againstServer;

import java.util.List;

/**
 * A well-formed message in a state that does not expect it, for the handshake states no other
 * catalog reaches (RFC 8446 §4, §2: the message flow; unexpected_message, §6.2): the server
 * waiting for its first and second ClientHello or for a client Certificate, the client waiting
 * for a ServerHello, for a Certificate after a CertificateRequest, and for Finished.
 */
final class StateScenarios {
    private StateScenarios() {
    }

    static List<Scenario> all() {
        return List.of(
                againstServer("U01", "RFC 8446 §4.1.2, §2", "Finished instead of a ClientHello",
                        p -> p.sendRaw(Rec.plain(Tls.HANDSHAKE, Msg.finished(new byte[32]))),
                        handshakeAlert(UNEXPECTED_MESSAGE, "Finished")),
                againstServer("U02", "RFC 8446 §4.1.2, §2", "KeyUpdate instead of a ClientHello",
                        p -> p.sendRaw(Rec.plain(Tls.HANDSHAKE, Msg.keyUpdate(0))),
                        handshakeAlert(UNEXPECTED_MESSAGE, "KeyUpdate")),
                againstServer("U03", "RFC 8446 §4", "ServerHello sent to a server",
                        p -> p.sendRaw(Rec.plain(Tls.HANDSHAKE, Msg.handshake(Tls.SERVER_HELLO, new byte[38]))),
                        handshakeAlert(UNEXPECTED_MESSAGE, "ServerHello")),
                againstServer("U04", "RFC 8446 §4.1.4, §2", "Finished instead of the second ClientHello", p -> {
                    Hello h = p.clientHello();
                    h.put(Exts.keyShares());
                    p.sendClientHello(h);
                    HelloView hrr = p.readServerHello();
                    // a Finished of the right length, so that only its place is wrong
                    p.sendRaw(Rec.plain(Tls.HANDSHAKE, Msg.finished(new byte[new Schedule(hrr.suite()).hash.length()])));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "Finished")),
                Scenario.of("U05", "RFC 8446 §4.4.2, §4.3.2", "Finished instead of the requested client Certificate",
                        provider -> ClientPeer.connect(provider, Victims.TLS13, e -> e.setNeedClientAuth(true)), p -> {
                            p.upToClientFinished();
                            p.sendFinished(p.finished());
                        }, handshakeAlert(UNEXPECTED_MESSAGE, "Certificate")),
                againstClient("U06", "RFC 8446 §4", "ClientHello sent to a client",
                        p -> p.sendRaw(Rec.plain(Tls.HANDSHAKE, p.clientHello.encoding)),
                        handshakeAlert(UNEXPECTED_MESSAGE, "ClientHello")),
                againstClient("U07", "RFC 8446 §4.1.3, §2", "EncryptedExtensions in the clear instead of a ServerHello",
                        p -> p.sendRaw(Rec.plain(Tls.HANDSHAKE, p.ee())),
                        handshakeAlert(UNEXPECTED_MESSAGE, "EncryptedExtensions")),
                againstClient("U08", "RFC 8446 §4.4.2, §4.3.2", "Finished instead of the Certificate after a CertificateRequest",
                        p -> {
                            p.sendServerHello(p.serverHello());
                            byte[] ee = p.ee();
                            byte[] cr = Msg.certificateRequest(new byte[0], Tls.ECDSA_SECP256R1_SHA256);
                            p.sendFlight(List.of(ee, cr, p.finished(ee, cr)));
                        }, handshakeAlert(UNEXPECTED_MESSAGE, "Certificate")),
                againstClient("U09", "RFC 8446 §4.4.4, §2", "a second CertificateVerify instead of Finished", p -> {
                    p.sendServerHello(p.serverHello());
                    byte[] ee = p.ee();
                    byte[] cert = p.certificate();
                    byte[] cv = p.certificateVerify(ee, cert);
                    p.sendFlight(List.of(ee, cert, cv, cv));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "Finished")));
    }
}
