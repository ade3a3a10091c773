package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.DECODE_ERROR;
import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.MISSING_EXTENSION;
import static dev.bastion.tls.codec.AlertDescription.PROTOCOL_VERSION;
import static dev.bastion.tls.codec.AlertDescription.UNSUPPORTED_EXTENSION;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;
import static dev.bastion.tls.conformance.hostile.Scenario.againstClient;

import dev.bastion.tls.codec.AlertDescription;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ServerHello a client must refuse (RFC 8446 §4.1.3, §4.2, §4.2.1, §4.2.8, §9.2): suites,
 * versions and groups it never offered, downgrades (the sentinels), a wrong session id echo,
 * compression, invalid key shares, unsolicited, misplaced and duplicate extensions and broken
 * lengths; and the TLS 1.3 suites it must accept.
 */
final class ServerHelloScenarios {
    /** TLS 1.3 and TLS 1.2 enabled, so that a TLS 1.2 ServerHello is a possible answer (RFC 8446 §4.1.3). */
    private static final String[] TLS13_AND_12 = {"TLSv1.3", "TLSv1.2"};

    private ServerHelloScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(versionsAndSuites(), keySharesAndExtensions());
    }

    /** Versions, downgrade sentinels, suites and the echo. */
    private static List<Scenario> versionsAndSuites() {
        return List.of(
                refused("S01", "RFC 8446 §4.1.3", "cipher suite not offered (TLS_AES_128_CCM_SHA256)", ILLEGAL_PARAMETER,
                        "not offered", h -> h.suites.set(0, Tls.TLS_AES_128_CCM_SHA256)),
                refused("S02", "RFC 8446 §4.1.3", "a TLS 1.2 cipher suite in a TLS 1.3 ServerHello", ILLEGAL_PARAMETER,
                        "cipher suite", h -> h.suites.set(0, Tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)),
                refused("S03", "RFC 8446 §4.2.1", "supported_versions selects TLS 1.2", ILLEGAL_PARAMETER,
                        "supported_versions", h -> h.put(Exts.selectedVersion(Tls.TLS12))),
                refused("S04", "RFC 8446 §4.2.1", "supported_versions selects an unknown version 0x0305", ILLEGAL_PARAMETER,
                        "supported_versions", h -> h.put(Exts.selectedVersion(0x0305))),
                againstClient("S05", "RFC 8446 §4.1.3, §4.2.1", "TLS 1.2 ServerHello to a TLS 1.3-only client",
                        p -> p.sendServerHello(tls12(p, Tls.TLS12, new byte[8])),
                        handshakeAlert(PROTOCOL_VERSION, "TLSv1.2")),
                againstClient("S06", "RFC 8446 §4.1.3", "TLS 1.2 ServerHello with the TLS 1.2 downgrade sentinel", TLS13_AND_12,
                        p -> p.sendServerHello(tls12(p, Tls.TLS12, Tls.DOWNGRADE_TLS12)),
                        handshakeAlert(ILLEGAL_PARAMETER, "downgrade")),
                againstClient("S07", "RFC 8446 §4.1.3", "TLS 1.1 ServerHello with the TLS 1.1 downgrade sentinel", TLS13_AND_12,
                        p -> p.sendServerHello(tls12(p, Tls.TLS11, Tls.DOWNGRADE_TLS11)),
                        handshakeAlert(ILLEGAL_PARAMETER, "downgrade")),
                refused("S08", "RFC 8446 §4.1.3", "legacy_session_id_echo differs from the client's", ILLEGAL_PARAMETER,
                        "legacy_session_id", h -> h.sessionId = Bytes.filled(32, 0xEE)),
                refused("S09", "RFC 8446 §4.1.3", "legacy_compression_method 1", ILLEGAL_PARAMETER, "compression",
                        h -> h.compression.set(0, 1)),
                suite("S24", "TLS_AES_256_GCM_SHA384", Tls.TLS_AES_256_GCM_SHA384),
                suite("S25", "TLS_CHACHA20_POLY1305_SHA256", Tls.TLS_CHACHA20_POLY1305_SHA256),
                refused("S26", "RFC 8446 §D.5", "legacy_version 0x0300 in a ServerHello selecting TLS 1.3", PROTOCOL_VERSION,
                        "§D.5", h -> h.legacyVersion = Tls.SSL3));
    }

    /** Key shares, extensions and lengths. */
    private static List<Scenario> keySharesAndExtensions() {
        return List.of(
                refused("S10", "RFC 8446 §4.2.8", "key share for a group the client sent none for (secp384r1)",
                        ILLEGAL_PARAMETER, "key share", h -> h.put(Exts.serverShare(Tls.SECP384R1, new byte[97]))),
                refused("S11", "RFC 8446 §7.4.2; RFC 7748 §6.1", "all-zero X25519 key share", ILLEGAL_PARAMETER, "all-zero",
                        h -> h.put(Exts.serverShare(Tls.X25519, new byte[32]))),
                refused("S12", "RFC 8446 §4.2.8.2", "X25519 key share of 33 bytes", ILLEGAL_PARAMETER, "33 bytes",
                        h -> h.put(Exts.serverShare(Tls.X25519, new byte[33]))),
                refused("S13", "RFC 8446 §9.2, §4.2.8", "no key_share", MISSING_EXTENSION, "key_share",
                        h -> h.remove(Tls.EXT_KEY_SHARE)),
                refused("S14", "RFC 8446 §4.2, §4.2.11", "pre_shared_key the client never offered", UNSUPPORTED_EXTENSION,
                        "pre_shared_key", h -> h.add(Ext.of(Tls.EXT_PRE_SHARED_KEY, new byte[] {0, 0}))),
                refused("S15", "RFC 8446 §4.2", "an unknown extension", UNSUPPORTED_EXTENSION, "not offered",
                        h -> h.add(Ext.of(0x7777, new byte[0]))),
                refused("S16", "RFC 8446 §4.2", "server_name (EncryptedExtensions only) in the ServerHello", ILLEGAL_PARAMETER,
                        "server_name", h -> h.add(Exts.empty(Tls.EXT_SERVER_NAME))),
                refused("S17", "RFC 8446 §4.2", "cookie (HelloRetryRequest only) in the ServerHello", ILLEGAL_PARAMETER,
                        "cookie", h -> h.add(Exts.cookie(new byte[] {1}))),
                refused("S18", "RFC 8446 §4.2", "early_data in the ServerHello", ILLEGAL_PARAMETER, "early_data",
                        h -> h.add(Exts.empty(Tls.EXT_EARLY_DATA))),
                refused("S19", "RFC 8446 §4.2", "key_share twice", ILLEGAL_PARAMETER, "appears twice",
                        h -> h.add(h.extensions.get(1))),
                refused("S20", "RFC 8446 §4.1.3, §6.2", "extensions block one byte longer than the body", DECODE_ERROR,
                        "extensions", h -> h.lie("extensions", 1)),
                refused("S21", "RFC 8446 §4, §6.2", "handshake length two bytes short", DECODE_ERROR, "remain",
                        h -> h.lie("handshake", -2)),
                refused("S22", "RFC 8446 §4.2.1, §6.2", "supported_versions extension_data of 3 bytes", DECODE_ERROR,
                        "supported_versions", h -> h.put(Ext.of(Tls.EXT_SUPPORTED_VERSIONS, Bytes.hex("030403")))),
                refused("S23", "RFC 8446 §4.2.8, §6.2", "key_exchange length runs past the extension", DECODE_ERROR,
                        "key_exchange", h -> h.lie("key_exchange", 4)));
    }

    private static Scenario refused(String id, String rfc, String title, AlertDescription alert, String fragment,
            Consumer<Hello> edit) {
        return againstClient(id, rfc, title, p -> p.hello(edit), handshakeAlert(alert, fragment));
    }

    private static Scenario suite(String id, String name, int suite) {
        return againstClient(id, "RFC 8446 §4.1.3, §B.4", "ServerHello selecting " + name + ", then a full handshake", p -> {
            Hello h = p.serverHello();
            h.suites.set(0, suite);
            p.sendServerHello(h);
            p.sendFlight(p.flight());
            p.expect(Tls.FINISHED, "client Finished");
        }, completes());
    }

    /** A TLS 1.2-style ServerHello (no supported_versions, no key_share) whose random ends with {@code tail}. */
    private static Hello tls12(ServerPeer p, int version, byte[] tail) {
        byte[] random = Bytes.filled(32, 0x42);
        System.arraycopy(tail, 0, random, 24, 8);
        Hello h = new Hello(false, random, p.clientHello.sessionId);
        h.legacyVersion = version;
        h.suites.add(Tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256);
        h.add(Exts.renegotiationInfo());
        return h;
    }
}
