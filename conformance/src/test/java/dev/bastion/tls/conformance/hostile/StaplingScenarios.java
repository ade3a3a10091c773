package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.BAD_CERTIFICATE_STATUS_RESPONSE;
import static dev.bastion.tls.codec.AlertDescription.DECODE_ERROR;
import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.conformance.hostile.BaselineScenarios.PING;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;

import dev.bastion.tls.conformance.interop.OcspResponses;
import dev.bastion.tls.conformance.interop.TestPki;
import java.util.List;
import java.util.function.Function;

/**
 * OCSP stapling against a client, which asks for it (status_request, RFC 6066 §8) as SunJSSE's
 * does: in TLS 1.2 a ServerHello that answers status_request and a CertificateStatus message
 * after the Certificate (which the server may also leave out); in TLS 1.3 a CertificateStatus in
 * the status_request extension of a CertificateEntry (RFC 8446 §4.4.2.1). The response is a
 * good one from the test CA; revocation checking is off, so the client checks only that it is a
 * successful OCSP response (RFC 6066 §8: else bad_certificate_status_response). Malformed,
 * misplaced and unannounced statuses end the handshake with the alert the structure calls for.
 */
final class StaplingScenarios {
    private static final int STATUS_REQUEST = 5;
    private static final int CERTIFICATE_STATUS = 22;
    private static final byte[] RESPONSE = OcspResponses.about(TestPki.get(), TestPki.ServerKey.EC, false);

    private StaplingScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(tls12(), tls13(), againstStaplingServer());
    }

    /** Bastion servers made with {@code jdk.tls.server.enableStatusRequestExtension=true} (no responder is known: no staple). */
    private static final java.util.Map<String, String> STAPLING = java.util.Map.of("jdk.tls.server.enableStatusRequestExtension", "true");

    private static ClientPeer staplingServer13(String provider) {
        return ClientPeer.start(Victims.withProperties(provider, false, Victims.TLS13, STAPLING));
    }

    private static Client12Peer staplingServer12(String provider) {
        return Client12Peer.start(Victims.withProperties(provider, false, Peer12.TLS12, STAPLING));
    }

    /**
     * A server that staples reads the client's CertificateStatusRequest (RFC 6066 §8): a
     * malformed one is decode_error; another status_type is ignored; an ocsp request the server
     * cannot answer (its certificate names no responder) gets a handshake without a staple, and
     * in TLS 1.2 no status_request in ServerHello and no CertificateStatus.
     */
    private static List<Scenario> againstStaplingServer() {
        Ext truncated = Ext.of(STATUS_REQUEST, Bytes.hex("010000"));
        Ext overlong = Ext.of(STATUS_REQUEST, Bytes.hex("0100050000"));
        Ext otherType = Ext.of(STATUS_REQUEST, Bytes.hex("02abcdef"));
        return List.of(
                Scenario.of("O17", "RFC 6066 §8 (jdk.tls.server.enableStatusRequestExtension=true)",
                        "TLS 1.3: ClientHello status_request whose request_extensions is missing",
                        StaplingScenarios::staplingServer13, p -> p.hello(h -> h.put(truncated)),
                        handshakeAlert(DECODE_ERROR, "request_extensions")),
                Scenario.of("O18", "RFC 6066 §8 (jdk.tls.server.enableStatusRequestExtension=true)",
                        "TLS 1.2: ClientHello status_request whose responder_id_list overruns it",
                        StaplingScenarios::staplingServer12, p -> p.hello(h -> h.put(overlong)),
                        handshakeAlert(DECODE_ERROR, "responder_id_list")),
                Scenario.of("O19", "RFC 6066 §8", "TLS 1.3: ClientHello status_request of status_type 2, ignored",
                        StaplingScenarios::staplingServer13, p -> {
                            p.sendClientHello(p.clientHello().put(otherType));
                            p.finishHandshake();
                        }, completes()),
                Scenario.of("O20", "RFC 6066 §8", "TLS 1.2: ClientHello asking for OCSP from a server with no responder: no staple",
                        StaplingScenarios::staplingServer12, p -> {
                            p.sendClientHello(p.clientHello().put(Ext.of(STATUS_REQUEST, Bytes.hex("0100000000"))));
                            p.readServerHello();
                            p.readServerFlight(); // Certificate, then ServerKeyExchange: no CertificateStatus between
                            p.sendKeyExchangeAndFinished();
                            p.readServerFinished();
                        }, completes()));
    }

    /** CertificateStatus {ocsp(1), OCSPResponse<1..2^24-1>} as a body. */
    private static byte[] status(int type, byte[] response) {
        return new Bytes().u8(type).vec24("OCSPResponse", response).toArray();
    }

    private static byte[] certificateStatus(byte[] body) {
        return Msg.handshake(CERTIFICATE_STATUS, body);
    }

    /** A TLS 1.2 first flight whose ServerHello answers status_request, built by {@code flight}. */
    private static Scenario tls12(String id, String rfc, String title, Function<Server12Peer, List<byte[]>> flight,
            Expect expect) {
        return Tls12ClientScenarios.c(id, rfc, title, p -> {
            if (!p.offered(STATUS_REQUEST)) {
                p.note("the client did not offer status_request");
            }
            p.sendHandshake(flight.apply(p).toArray(new byte[0][]));
            if (expect.handshakeCompletes()) {
                p.readClientFlight();
                p.sendCcsAndFinished();
                p.sendApplicationData(PING);
            }
        }, expect);
    }

    private static byte[] helloWithStatus(Server12Peer p) {
        return p.hello(p.serverHello().add(Ext.of(STATUS_REQUEST, new byte[0])));
    }

    private static List<Scenario> tls12() {
        return List.of(
                tls12("O01", "RFC 6066 §8", "TLS 1.2: status_request answered and an OCSP response stapled",
                        p -> List.of(helloWithStatus(p), p.certificate(), certificateStatus(status(1, RESPONSE)),
                                p.serverKeyExchange(), Server12Peer.serverHelloDone()),
                        completes().and("client got ping", BaselineScenarios::gotPing).and("no notes", o -> o.notes().isEmpty())),
                tls12("O02", "RFC 6066 §8 (\"a server MAY also choose not to send\")",
                        "TLS 1.2: status_request answered, then no CertificateStatus",
                        p -> List.of(helloWithStatus(p), p.certificate(), p.serverKeyExchange(), Server12Peer.serverHelloDone()),
                        completes().and("client got ping", BaselineScenarios::gotPing)),
                tls12("O03", "RFC 6066 §8; RFC 5246 §7.3", "TLS 1.2: CertificateStatus without status_request in the ServerHello",
                        p -> List.of(p.hello(p.serverHello()), p.certificate(), certificateStatus(status(1, RESPONSE)),
                                p.serverKeyExchange(), Server12Peer.serverHelloDone()),
                        handshakeAlert(UNEXPECTED_MESSAGE, "CertificateStatus")),
                tls12("O04", "RFC 6066 §8 (extension_data empty)", "TLS 1.2: ServerHello status_request with data",
                        p -> List.of(p.hello(p.serverHello().add(Ext.of(STATUS_REQUEST, Bytes.hex("0100000000")))),
                                p.certificate(), p.serverKeyExchange(), Server12Peer.serverHelloDone()),
                        handshakeAlert(DECODE_ERROR, "status_request")),
                tls12("O05", "RFC 6066 §8", "TLS 1.2: CertificateStatus of status_type 2, which was not requested",
                        p -> List.of(helloWithStatus(p), p.certificate(), certificateStatus(status(2, RESPONSE)),
                                p.serverKeyExchange(), Server12Peer.serverHelloDone()),
                        handshakeAlert(ILLEGAL_PARAMETER, "status_type")),
                tls12("O06", "RFC 6066 §8 (OCSPResponse<1..2^24-1>)", "TLS 1.2: CertificateStatus with an empty response",
                        p -> List.of(helloWithStatus(p), p.certificate(), certificateStatus(status(1, new byte[0])),
                                p.serverKeyExchange(), Server12Peer.serverHelloDone()),
                        handshakeAlert(DECODE_ERROR, "OCSPResponse")),
                tls12("O07", "RFC 6066 §8; RFC 5246 §7.4", "TLS 1.2: CertificateStatus with a byte after the response",
                        p -> List.of(helloWithStatus(p), p.certificate(),
                                certificateStatus(new Bytes().raw(status(1, RESPONSE)).u8(0).toArray()),
                                p.serverKeyExchange(), Server12Peer.serverHelloDone()),
                        handshakeAlert(DECODE_ERROR, "CertificateStatus")),
                tls12("O08", "RFC 6066 §8; RFC 5246 §7.3", "TLS 1.2: two CertificateStatus messages",
                        p -> List.of(helloWithStatus(p), p.certificate(), certificateStatus(status(1, RESPONSE)),
                                certificateStatus(status(1, RESPONSE)), p.serverKeyExchange(), Server12Peer.serverHelloDone()),
                        handshakeAlert(UNEXPECTED_MESSAGE, "CertificateStatus")),
                tls12("O09", "RFC 6066 §8 (immediately after the Certificate)", "TLS 1.2: CertificateStatus after the ServerKeyExchange",
                        p -> List.of(helloWithStatus(p), p.certificate(), p.serverKeyExchange(),
                                certificateStatus(status(1, RESPONSE)), Server12Peer.serverHelloDone()),
                        handshakeAlert(UNEXPECTED_MESSAGE, "CertificateStatus")),
                tls12("O14", "RFC 6066 §8; RFC 6960 §4.2.1", "TLS 1.2: a stapled OCSP response saying tryLater",
                        p -> List.of(helloWithStatus(p), p.certificate(), certificateStatus(status(1, Bytes.hex("30030a0103"))),
                                p.serverKeyExchange(), Server12Peer.serverHelloDone()),
                        handshakeAlert(BAD_CERTIFICATE_STATUS_RESPONSE, "tryLater")),
                tls12("O15", "RFC 6066 §8; RFC 6960 §4.2.1", "TLS 1.2: a stapled OCSP response, successful but without responseBytes",
                        p -> List.of(helloWithStatus(p), p.certificate(), certificateStatus(status(1, Bytes.hex("30030a0100"))),
                                p.serverKeyExchange(), Server12Peer.serverHelloDone()),
                        handshakeAlert(BAD_CERTIFICATE_STATUS_RESPONSE, "responseBytes")));
    }

    /** A TLS 1.3 server flight whose Certificate's first entry carries {@code entryExtensions}. */
    private static Scenario tls13(String id, String rfc, String title, byte[] entryExtensions, Expect expect) {
        return Scenario.againstClient(id, rfc, title, Victims.TLS13, p -> {
            p.sendServerHello(p.serverHello());
            byte[] ee = p.ee();
            byte[] cert = Msg.certificate(new byte[0], ServerPeer.ders(TestPki.get().server(TestPki.ServerKey.EC).chain()),
                    entryExtensions);
            byte[] cv = p.certificateVerify(ee, cert);
            p.sendFlight(List.of(ee, cert, cv, p.finished(ee, cert, cv)));
            if (expect.handshakeCompletes()) {
                p.expect(Tls.FINISHED, "client Finished");
                p.sendApplicationData(PING);
            }
        }, expect);
    }

    private static byte[] statusExtension(byte[] data) {
        return new Bytes().u16(STATUS_REQUEST).vec16("ext:5", data).toArray();
    }

    private static List<Scenario> tls13() {
        return List.of(
                tls13("O10", "RFC 8446 §4.4.2.1", "TLS 1.3: an OCSP response stapled in the CertificateEntry",
                        statusExtension(status(1, RESPONSE)), completes().and("client got ping", BaselineScenarios::gotPing)),
                tls13("O11", "RFC 8446 §4.4.2.1; RFC 6066 §8", "TLS 1.3: CertificateEntry status of status_type 2",
                        statusExtension(status(2, RESPONSE)), handshakeAlert(ILLEGAL_PARAMETER, "status_type")),
                tls13("O12", "RFC 8446 §4.4.2.1, §6.2", "TLS 1.3: CertificateEntry status_request with no data",
                        statusExtension(new byte[0]), handshakeAlert(DECODE_ERROR, "CertificateStatus")),
                tls13("O16", "RFC 6066 §8; RFC 8446 §4.4.2.1", "TLS 1.3: a stapled OCSP response that is not DER",
                        statusExtension(status(1, Bytes.hex("0102"))), handshakeAlert(BAD_CERTIFICATE_STATUS_RESPONSE, "not a DER")),
                Scenario.againstClient("O13", "RFC 8446 §4.2 (status_request: CH, CR, CT only)",
                        "TLS 1.3: status_request in EncryptedExtensions", Victims.TLS13, p -> {
                            p.sendServerHello(p.serverHello());
                            p.sendFlight(List.of(p.ee(Ext.of(STATUS_REQUEST, new byte[0]))));
                        }, handshakeAlert(ILLEGAL_PARAMETER, "status_request")));
    }
}
