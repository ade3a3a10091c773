package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.DECODE_ERROR;
import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.PROTOCOL_VERSION;
import static dev.bastion.tls.codec.AlertDescription.UNEXPECTED_MESSAGE;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;
import static dev.bastion.tls.conformance.hostile.Expect.waits;
import static dev.bastion.tls.conformance.hostile.Scenario.againstServer;

import java.util.List;
import java.util.function.Consumer;

/**
 * The ClientHello's version and framing (RFC 8446 §4.1.2, §4.2.1; RFC 8996; RFC 7568): legacy
 * and pre-TLS 1.2 hellos, compression offers, and wrong lengths at every nesting level (handshake
 * header, session id, cipher suites, compression methods, extensions block, one extension,
 * vectors inside an extension). Every syntax error is decode_error (RFC 8446 §6.2).
 */
final class ClientHelloScenarios {
    private ClientHelloScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(versions(), lengths(), extensionLengths());
    }

    /** Legacy versions and compression offers. */
    private static List<Scenario> versions() {
        return List.of(
                legacy("H01", "RFC 8446 §D.5, §D.2; RFC 7568 §3", "SSL 3.0-only ClientHello", "SSLv3", h -> {
                    h.legacyVersion = Tls.SSL3;
                    h.remove(Tls.EXT_SUPPORTED_VERSIONS);
                }),
                legacy("H02", "RFC 8446 §4.2.1, §D.2; RFC 8996 §5", "TLS 1.0-only ClientHello", "TLSv1(0x0301)", h -> {
                    h.legacyVersion = Tls.TLS10;
                    h.remove(Tls.EXT_SUPPORTED_VERSIONS);
                }),
                legacy("H03", "RFC 8446 §4.2.1, §D.2; RFC 8996 §5", "TLS 1.1-only ClientHello", "TLSv1.1", h -> {
                    h.legacyVersion = Tls.TLS11;
                    h.remove(Tls.EXT_SUPPORTED_VERSIONS);
                }),
                legacy("H04", "RFC 8446 §4.2.1; RFC 8996 §5", "supported_versions offers only TLS 1.1 and 1.0",
                        "TLSv1.1", h -> h.put(Exts.supportedVersions(Tls.TLS11, Tls.TLS10))),
                againstServer("H05", "RFC 8446 §4.2.1, §D.2", "TLS 1.2-only ClientHello to a TLS 1.3-only server",
                        p -> p.hello(h -> h.remove(Tls.EXT_SUPPORTED_VERSIONS)),
                        handshakeAlert(PROTOCOL_VERSION, "TLS 1.3")),
                againstServer("H06", "RFC 8446 §D.5", "legacy_version 0x0300 even with supported_versions offering TLS 1.3",
                        p -> p.hello(h -> h.legacyVersion = Tls.SSL3),
                        handshakeAlert(PROTOCOL_VERSION, "§D.5")),
                againstServer("H07", "RFC 8446 §4.1.2", "compression methods [deflate, null] offered",
                        p -> p.hello(h -> h.compression = List.of(1, 0)),
                        handshakeAlert(ILLEGAL_PARAMETER, "compression")),
                againstServer("H08", "RFC 8446 §4.1.2; RFC 5246 §7.4.1.2", "compression methods [deflate] without null",
                        p -> p.hello(h -> h.compression = List.of(1)),
                        handshakeAlert(ILLEGAL_PARAMETER, "compression")),
                againstServer("H09", "RFC 8446 §4.1.2, §6.2", "empty compression methods",
                        p -> p.hello(h -> h.compression = List.of()),
                        handshakeAlert(DECODE_ERROR, "legacy_compression_methods")),
                againstServer("H35", "RFC 8446 §4.2.1", "legacy_version 0x0301 with supported_versions TLS 1.3: the extension decides",
                        p -> {
                            p.hello(h -> h.legacyVersion = Tls.TLS10);
                            p.finishHandshake();
                        }, completes()));
    }

    /** Wrong lengths at every nesting level of the ClientHello. */
    private static List<Scenario> lengths() {
        return List.of(
                againstServer("H10", "RFC 8446 §4, §6.2", "handshake length one byte short",
                        p -> p.hello(h -> h.lie("handshake", -1)),
                        handshakeAlert(DECODE_ERROR, "ClientHello")),
                againstServer("H11", "RFC 8446 §5.1", "handshake length one byte long: the server waits for the rest",
                        p -> p.hello(h -> h.lie("handshake", 1)), waits()),
                againstServer("H12", "RFC 8446 §5.1", "handshake length one byte long, then change_cipher_spec", p -> {
                    p.hello(h -> h.lie("handshake", 1));
                    p.sendCcs();
                }, handshakeAlert(UNEXPECTED_MESSAGE, "pending")),
                againstServer("H13", "RFC 8446 §4.1.2, §6.2", "legacy_session_id of 33 bytes",
                        p -> p.hello(h -> h.sessionId = new byte[33]),
                        handshakeAlert(DECODE_ERROR, "legacy_session_id")),
                againstServer("H14", "RFC 8446 §4.1.2, §6.2", "legacy_session_id length runs past the body",
                        p -> p.hello(h -> h.lie("session_id", 200)),
                        handshakeAlert(DECODE_ERROR, "ClientHello")),
                againstServer("H15", "RFC 8446 §4.1.2, §6.2", "cipher_suites of odd length",
                        p -> p.hello(h -> h.suitesTail = new byte[] {0x13}),
                        handshakeAlert(DECODE_ERROR, "cipher_suites")),
                againstServer("H16", "RFC 8446 §4.1.2, §6.2", "empty cipher_suites",
                        p -> p.hello(h -> h.suites.clear()),
                        handshakeAlert(DECODE_ERROR, "cipher_suites")),
                againstServer("H17", "RFC 8446 §4.1.2, §6.2", "cipher_suites length runs past the body",
                        p -> p.hello(h -> h.lie("cipher_suites", 300)),
                        handshakeAlert(DECODE_ERROR, "ClientHello")),
                againstServer("H18", "RFC 8446 §4.1.2, §6.2", "extensions block one byte longer than the body",
                        p -> p.hello(h -> h.lie("extensions", 1)),
                        handshakeAlert(DECODE_ERROR, "extensions")),
                againstServer("H19", "RFC 8446 §4.1.2, §6.2", "extensions block one byte shorter than its content",
                        p -> p.hello(h -> h.lie("extensions", -1)),
                        handshakeAlert(DECODE_ERROR, "remain")),
                againstServer("H20", "RFC 8446 §4.1.2, §6.2", "a byte after the extensions block",
                        p -> p.hello(h -> h.bodyTail = new byte[] {0}),
                        handshakeAlert(DECODE_ERROR, "trailing")),
                againstServer("H21", "RFC 8446 §4.2, §6.2", "supported_versions extension_data one byte long",
                        p -> p.hello(h -> h.lie(Ext.lengthName(Tls.EXT_SUPPORTED_VERSIONS), 1)),
                        handshakeAlert(DECODE_ERROR, "remain")),
                againstServer("H22", "RFC 8446 §4.2.8, §6.2", "key_share client_shares length one byte short",
                        p -> p.hello(h -> h.lie("client_shares", -1)),
                        handshakeAlert(DECODE_ERROR, "key_exchange")),
                againstServer("H23", "RFC 8446 §4.2.8, §6.2", "key_exchange length runs past client_shares",
                        p -> p.hello(h -> h.lie("key_exchange", 1)),
                        handshakeAlert(DECODE_ERROR, "key_exchange")));
    }

    /** Wrong lengths inside extensions, and the hello's records. */
    private static List<Scenario> extensionLengths() {
        return List.of(
                againstServer("H24", "RFC 8446 §4.2.1, §6.2", "empty supported_versions list",
                        p -> p.hello(h -> h.put(Exts.supportedVersions())),
                        handshakeAlert(DECODE_ERROR, "versions")),
                againstServer("H25", "RFC 8446 §4.2.1, §6.2", "supported_versions list of odd length",
                        p -> p.hello(h -> h.put(Ext.of(Tls.EXT_SUPPORTED_VERSIONS, Bytes.hex("03 0304 03")))),
                        handshakeAlert(DECODE_ERROR, "versions")),
                againstServer("H26", "RFC 8446 §4.2.7, §6.2", "supported_groups list of odd length",
                        p -> p.hello(h -> h.put(Ext.of(Tls.EXT_SUPPORTED_GROUPS, Bytes.hex("0003 001d 00")))),
                        handshakeAlert(DECODE_ERROR, "named_group_list")),
                againstServer("H27", "RFC 8446 §4.2.3, §6.2", "empty signature_algorithms list",
                        p -> p.hello(h -> h.put(Exts.signatureAlgorithms())),
                        handshakeAlert(DECODE_ERROR, "supported_signature_algorithms")),
                againstServer("H28", "RFC 6066 §3; RFC 8446 §6.2", "server_name host_name length runs past the list",
                        p -> p.hello(h -> h.put(Exts.serverName("example.com")).lie("host_name", 5)),
                        handshakeAlert(DECODE_ERROR, "host_name")),
                againstServer("H29", "RFC 6066 §3", "server_name with an empty host_name",
                        p -> p.hello(h -> h.put(Exts.serverName(""))),
                        handshakeAlert(DECODE_ERROR, "host_name")),
                againstServer("H30", "RFC 7301 §3.1", "ALPN list with an empty protocol name",
                        p -> p.hello(h -> h.put(Exts.alpn("h2", ""))),
                        handshakeAlert(DECODE_ERROR, "ProtocolName")),
                againstServer("H31", "RFC 8446 §5.1, §4.1.2", "ClientHello and a Finished in one record (spans the key change)",
                        p -> p.sendClientHello(Bytes.concat(p.clientHello().encode(), Msg.finished(new byte[32]))),
                        handshakeAlert(UNEXPECTED_MESSAGE, "key change")),
                againstServer("H32", "RFC 8446 §4.1.2; RFC 7685", "ClientHello of 17 KB (padding) across two records", p -> {
                    p.sendClientHello(p.clientHello().add(Ext.of(21, new byte[17000])).encode(), Tls.TLS10, 1 << 14);
                    p.finishHandshake();
                }, completes()),
                againstServer("H33", "RFC 8446 §4; bound: jdk.tls.maxHandshakeMessageSize", "ClientHello header announcing 16 MiB",
                        p -> p.sendRaw(Rec.plain(Tls.HANDSHAKE, Bytes.hex("01 ffffff 0303"))),
                        handshakeAlert(ILLEGAL_PARAMETER, "over the limit")),
                againstServer("H34", "RFC 8446 §4.1.2, §D.4", "empty legacy_session_id: no compatibility change_cipher_spec", p -> {
                    p.sendClientHello(p.clientHello().withSessionId(new byte[0]));
                    p.finishHandshake();
                    if (p.ccsReceived() > 0) {
                        p.note("server sent change_cipher_spec");
                    }
                }, completes().and("no change_cipher_spec from the server", o -> o.notes().isEmpty())));
    }

    /** A legacy hello to a server with the provider's default protocols: protocol_version whatever it enables. */
    private static Scenario legacy(String id, String rfc, String title, String fragment, Consumer<Hello> edit) {
        return againstServer(id, rfc, title, Victims.DEFAULTS, p -> p.hello(edit),
                handshakeAlert(PROTOCOL_VERSION, fragment));
    }
}
