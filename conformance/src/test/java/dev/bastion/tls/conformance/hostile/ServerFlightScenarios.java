package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.DECODE_ERROR;
import static dev.bastion.tls.codec.AlertDescription.DECRYPT_ERROR;
import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.codec.AlertDescription.UNSUPPORTED_EXTENSION;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;
import static dev.bastion.tls.conformance.hostile.Scenario.againstClient;

import dev.bastion.tls.conformance.interop.TestPki;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The server's encrypted flight, as a client must judge it (RFC 8446 §4.3–§4.4, §4.2): order
 * (EncryptedExtensions, [CertificateRequest], Certificate, CertificateVerify, Finished), the
 * extensions EncryptedExtensions may carry, the certificate, the signature and the Finished, and
 * messages that have no place in the handshake. Also a CertificateRequest the client answers
 * without a certificate.
 */
final class ServerFlightScenarios {
    private ServerFlightScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(encryptedExtensions(), certificates(), finishedAndStrays());
    }

    /** Order and EncryptedExtensions. */
    private static List<Scenario> encryptedExtensions() {
        return List.of(
                flight("F01", "RFC 8446 §4.3.1, §2", "Certificate before EncryptedExtensions", p -> {
                    byte[] cert = p.certificate();
                    return List.of(cert, p.ee());
                }, handshakeAlert(UNEXPECTED_MESSAGE, "Certificate")),
                withEe("F02", "RFC 8446 §4.2", "key_share in EncryptedExtensions",
                        p -> p.ee(Exts.serverShare(Tls.X25519, new byte[32])), handshakeAlert(ILLEGAL_PARAMETER, "key_share")),
                withEe("F03", "RFC 8446 §4.2; RFC 7301 §3.1", "ALPN answer the client never asked for",
                        p -> p.ee(Exts.alpn("h2")), handshakeAlert(UNSUPPORTED_EXTENSION, "not offered")),
                Scenario.of("F04", "RFC 7301 §3.2", "ALPN answer naming a protocol the client did not offer",
                        provider -> ServerPeer.connect(provider, Victims.TLS13, ServerFlightScenarios::offerH2),
                        p -> sendFlight(p, q -> List.of(q.ee(Exts.alpn("spdy/1")))),
                        handshakeAlert(ILLEGAL_PARAMETER, "not offered")),
                Scenario.of("F05", "RFC 7301 §3.1", "ALPN answer with two protocols",
                        provider -> ServerPeer.connect(provider, Victims.TLS13, ServerFlightScenarios::offerH2),
                        p -> sendFlight(p, q -> List.of(q.ee(Exts.alpn("h2", "h2")))),
                        handshakeAlert(DECODE_ERROR, "protocol")),
                withEe("F06", "RFC 8446 §4.2", "the same extension twice in EncryptedExtensions",
                        p -> p.ee(Ext.of(0x7777, new byte[0]), Ext.of(0x7777, new byte[0])),
                        handshakeAlert(ILLEGAL_PARAMETER, "appears twice")),
                withEe("F07", "RFC 8446 §4.2", "an unknown extension in EncryptedExtensions",
                        p -> p.ee(Ext.of(0x7777, new byte[0])), handshakeAlert(UNSUPPORTED_EXTENSION, "not offered")),
                withEe("F08", "RFC 8446 §4.3.1, §6.2", "EncryptedExtensions extensions block one byte long",
                        p -> Msg.handshake(Tls.ENCRYPTED_EXTENSIONS, Bytes.hex("0001")),
                        handshakeAlert(DECODE_ERROR, "extensions")),
                withEe("F09", "RFC 8446 §4.2", "supported_versions in EncryptedExtensions",
                        p -> p.ee(Exts.selectedVersion(Tls.TLS13)), handshakeAlert(ILLEGAL_PARAMETER, "supported_versions")),
                withEe("F10", "RFC 8446 §4.3.1, §6.2", "EncryptedExtensions with a byte after its extensions block",
                        p -> Msg.handshake(Tls.ENCRYPTED_EXTENSIONS, Bytes.hex("0000 00")),
                        handshakeAlert(DECODE_ERROR, "trailing")));
    }

    /** The server's Certificate and CertificateVerify. */
    private static List<Scenario> certificates() {
        return List.of(
                withCert("F11", "RFC 8446 §4.4.2", "server Certificate with a non-empty certificate_request_context",
                        p -> Msg.certificate(new byte[] {1}, ServerPeer.ders(TestPki.get().server(
                                TestPki.ServerKey.EC).chain())), handshakeAlert(ILLEGAL_PARAMETER, "context")),
                withCert("F12", "RFC 8446 §4.4.2.4", "empty server Certificate", p -> Msg.certificate(new byte[0], List.of()),
                        handshakeAlert(DECODE_ERROR, "empty")),
                withCert("F13", "RFC 8446 §4.4.2.4, §6.2", "server certificate that is not DER",
                        p -> Msg.certificate(new byte[0], List.of(Bytes.hex("3003010203"))),
                        handshakeAlert(dev.bastion.tls.codec.AlertDescription.BAD_CERTIFICATE, "certificate")),
                withCert("F14", "RFC 8446 §4.4.2.4", "server certificate issued for client authentication only",
                        p -> Msg.certificate(new byte[0], ServerPeer.ders(TestPki.get().client().chain())),
                        handshakeAlert(dev.bastion.tls.codec.AlertDescription.CERTIFICATE_UNKNOWN, "server authentication")),
                withCert("F15", "RFC 8446 §4.4.2, §4.2", "unsolicited extension in a CertificateEntry",
                        p -> Msg.certificate(new byte[0], ServerPeer.ders(TestPki.get().server(TestPki.ServerKey.EC).chain()),
                                Bytes.hex("7777 0000")), handshakeAlert(UNSUPPORTED_EXTENSION, "not offered")),
                withCert("F16", "RFC 8446 §4.4.2, §6.2", "certificate_list length one byte long",
                        p -> Msg.lieU24(p.certificate(), 5, 1), handshakeAlert(DECODE_ERROR, "certificate_list")),
                withCert("F17", "RFC 8446 §4.4.2, §6.2", "cert_data length one byte short",
                        p -> Msg.lieU24(p.certificate(), 8, -1), handshakeAlert(DECODE_ERROR, "certificate_list")),
                withVerify("F18", "RFC 8446 §4.4.3", "CertificateVerify with a wrong signature", (p, hash) -> {
                    byte[] sig = ServerPeer.sign(hash);
                    sig[sig.length - 1] ^= 1;
                    return Msg.certificateVerify(Tls.ECDSA_SECP256R1_SHA256, sig);
                }, handshakeAlert(DECRYPT_ERROR, "signature")),
                withVerify("F19", "RFC 8446 §4.4.3", "CertificateVerify signed with the client's context string",
                        (p, hash) -> Msg.certificateVerify(Tls.ECDSA_SECP256R1_SHA256, ServerPeer.sign(hash, false)),
                        handshakeAlert(DECRYPT_ERROR, "signature")),
                withVerify("F20", "RFC 8446 §4.4.3, §4.2.3", "CertificateVerify with ecdsa_sha1, which the client did not offer",
                        (p, hash) -> Msg.certificateVerify(Tls.ECDSA_SHA1, ServerPeer.sign(hash)),
                        handshakeAlert(ILLEGAL_PARAMETER, "ecdsa_sha1")),
                withVerify("F21", "RFC 8446 §4.4.3", "CertificateVerify with rsa_pss_rsae_sha256 for an ECDSA key",
                        (p, hash) -> Msg.certificateVerify(Tls.RSA_PSS_RSAE_SHA256, ServerPeer.sign(hash)),
                        handshakeAlert(ILLEGAL_PARAMETER, "rsa_pss_rsae_sha256")));
    }

    /** The Finished, messages with no place in the flight, CertificateRequest. */
    private static List<Scenario> finishedAndStrays() {
        return List.of(
                flight("F22", "RFC 8446 §4.4.4", "wrong server Finished", p -> {
                    byte[] ee = p.ee();
                    byte[] cert = p.certificate();
                    byte[] cv = p.certificateVerify(ee, cert);
                    return List.of(ee, cert, cv, Msg.finished(new byte[32]));
                }, handshakeAlert(DECRYPT_ERROR, "Finished")),
                flight("F23", "RFC 8446 §4.4.4, §6.2", "server Finished of 31 bytes", p -> {
                    byte[] ee = p.ee();
                    byte[] cert = p.certificate();
                    byte[] cv = p.certificateVerify(ee, cert);
                    return List.of(ee, cert, cv, Msg.finished(new byte[31]));
                }, handshakeAlert(DECODE_ERROR, "Finished")),
                flight("F24", "RFC 8446 §4.4.3, §2", "Finished without CertificateVerify", p -> {
                    byte[] ee = p.ee();
                    byte[] cert = p.certificate();
                    return List.of(ee, cert, p.finished(ee, cert));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "CertificateVerify")),
                flight("F25", "RFC 8446 §4.4.2, §2", "Finished right after EncryptedExtensions (no certificate, no PSK)", p -> {
                    byte[] ee = p.ee();
                    return List.of(ee, p.finished(ee));
                }, handshakeAlert(UNEXPECTED_MESSAGE, "Finished")),
                inFlight("F26", "RFC 8446 §4.6.1", "NewSessionTicket inside the handshake",
                        Msg.newSessionTicket(3600, new byte[] {1}, new byte[] {1, 2, 3}), "NewSessionTicket"),
                inFlight("F27", "RFC 8446 §4.6.3", "KeyUpdate inside the handshake", Msg.keyUpdate(0), "KeyUpdate"),
                inFlight("F28", "RFC 8446 §4, §2", "a second ServerHello, encrypted, after EncryptedExtensions",
                        Msg.handshake(Tls.SERVER_HELLO, new byte[38]), "ServerHello"),
                inFlight("F29", "RFC 8446 §4; RFC 5246 §7.4.1.1", "HelloRequest inside the handshake",
                        Msg.handshake(Tls.HELLO_REQUEST, new byte[0]), "HelloRequest"),
                flight("F30", "RFC 8446 §4.3.2", "CertificateRequest with a non-empty context in the handshake",
                        p -> List.of(p.ee(), Msg.certificateRequest(new byte[] {7}, Tls.ECDSA_SECP256R1_SHA256)),
                        handshakeAlert(ILLEGAL_PARAMETER, "certificate_request_context")),
                flight("F31", "RFC 8446 §4.3.2, §6.2", "CertificateRequest with an empty extensions block (minimum 2 bytes)",
                        p -> List.of(p.ee(), Msg.handshake(Tls.CERTIFICATE_REQUEST, Bytes.hex("00 0000"))),
                        handshakeAlert(DECODE_ERROR, "extensions")),
                againstClient("F32", "RFC 8446 §2, §5", "application data under the handshake key before Finished", p -> {
                    p.sendServerHello(p.serverHello());
                    p.sendFlight(List.of(p.ee()));
                    p.sendApplicationData(BaselineScenarios.PING);
                }, handshakeAlert(UNEXPECTED_MESSAGE, "application_data")),
                againstClient("F33", "RFC 8446 §4.3.2, §4.4.2", "CertificateRequest: a client without a certificate answers an empty one",
                        p -> {
                            p.sendServerHello(p.serverHello());
                            byte[] ee = p.ee();
                            byte[] cr = Msg.certificateRequest(new byte[0], Tls.ECDSA_SECP256R1_SHA256);
                            byte[] cert = p.certificate();
                            byte[] cv = p.certificateVerify(ee, cr, cert);
                            p.sendFlight(List.of(ee, cr, cert, cv, p.finished(ee, cr, cert, cv)));
                            byte[] clientCert = p.expect(Tls.CERTIFICATE, "client Certificate");
                            if (!Bytes.hex(clientCert).equals("0b00000400000000")) {
                                p.note("client Certificate is not empty: " + Bytes.hex(clientCert));
                            }
                            p.expect(Tls.FINISHED, "client Finished");
                        }, completes().and("empty client Certificate", o -> o.notes().isEmpty())),
                flight("F34", "RFC 8446 §4.3.2", "CertificateRequest without signature_algorithms",
                        p -> List.of(p.ee(), Msg.handshake(Tls.CERTIFICATE_REQUEST, Bytes.hex("00 0004 7777 0000"))),
                        handshakeAlert(dev.bastion.tls.codec.AlertDescription.MISSING_EXTENSION, "signature_algorithms")));
    }

    private static void offerH2(SSLEngine e) {
        SSLParameters sp = e.getSSLParameters();
        sp.setApplicationProtocols(new String[] {"h2"});
        e.setSSLParameters(sp);
    }

    /** ServerHello, then these encrypted messages in one record. */
    private static Scenario flight(String id, String rfc, String title, Function<ServerPeer, List<byte[]>> messages,
            Expect expect) {
        return againstClient(id, rfc, title, p -> sendFlight(p, messages), expect);
    }

    /** ServerHello, then the messages built over its transcript. */
    private static void sendFlight(ServerPeer p, Function<ServerPeer, List<byte[]>> messages) {
        p.sendServerHello(p.serverHello());
        p.sendFlight(messages.apply(p));
    }

    /** The whole flight with this EncryptedExtensions. */
    private static Scenario withEe(String id, String rfc, String title, Function<ServerPeer, byte[]> ee, Expect expect) {
        return flight(id, rfc, title, p -> {
            byte[] e = ee.apply(p);
            byte[] cert = p.certificate();
            byte[] cv = p.certificateVerify(e, cert);
            return List.of(e, cert, cv, p.finished(e, cert, cv));
        }, expect);
    }

    /** The whole flight with this Certificate (CertificateVerify still signed with the real key). */
    private static Scenario withCert(String id, String rfc, String title, Function<ServerPeer, byte[]> cert, Expect expect) {
        return flight(id, rfc, title, p -> {
            byte[] ee = p.ee();
            byte[] c = cert.apply(p);
            byte[] cv = p.certificateVerify(ee, c);
            return List.of(ee, c, cv, p.finished(ee, c, cv));
        }, expect);
    }

    private interface Verify {
        byte[] make(ServerPeer p, byte[] transcriptHash);
    }

    /** The whole flight with this CertificateVerify over the hash through Certificate. */
    private static Scenario withVerify(String id, String rfc, String title, Verify verify, Expect expect) {
        return flight(id, rfc, title, p -> {
            byte[] ee = p.ee();
            byte[] cert = p.certificate();
            byte[] cv = verify.make(p, p.hashWith(ee, cert));
            return List.of(ee, cert, cv, p.finished(ee, cert, cv));
        }, expect);
    }

    /** EncryptedExtensions, then {@code message} where the Certificate belongs. */
    private static Scenario inFlight(String id, String rfc, String title, byte[] message, String fragment) {
        return flight(id, rfc, title, p -> List.of(p.ee(), message), handshakeAlert(UNEXPECTED_MESSAGE, fragment));
    }
}
