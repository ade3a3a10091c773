package dev.bastion.tls.conformance.hostile;

import static dev.bastion.tls.codec.AlertDescription.DECODE_ERROR;
import static dev.bastion.tls.codec.AlertDescription.HANDSHAKE_FAILURE;
import static dev.bastion.tls.codec.AlertDescription.ILLEGAL_PARAMETER;
import static dev.bastion.tls.codec.AlertDescription.MISSING_EXTENSION;
import static dev.bastion.tls.conformance.hostile.Expect.completes;
import static dev.bastion.tls.conformance.hostile.Expect.handshakeAlert;
import static dev.bastion.tls.conformance.hostile.Scenario.againstServer;

import dev.bastion.tls.conformance.hostile.Exts.Share;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ClientHello's extensions and what the server negotiates from them (RFC 8446 §4.1.1,
 * §4.2, §9.2): unknown and GREASE values ignored, duplicates and misplaced extensions refused,
 * mandatory extensions, invalid key shares, nothing in common, PSK offers the server cannot
 * match (ignored, full handshake) or that break the rules, and features Bastion does not have
 * (heartbeat, renegotiation, early data) offered.
 */
final class ClientHelloExtensionScenarios {
    private ClientHelloExtensionScenarios() {
    }

    static List<Scenario> all() {
        return Scenarios.concat(ignoredAndRefused(), keySharesAndNegotiation(), pskAndUnsupportedFeatures());
    }

    /** Unknown and GREASE values ignored; duplicate, misplaced and missing extensions refused. */
    private static List<Scenario> ignoredAndRefused() {
        return List.of(
                completing("X01", "RFC 8446 §4.2, §4.1.2", "unknown extension 0x7777 is ignored",
                        h -> h.add(Ext.of(0x7777, new byte[] {1, 2, 3, 4, 5}))),
                completing("X02", "RFC 8701 §3", "GREASE suite, group, key share, version, scheme and extension are ignored",
                        h -> {
                            h.suites.add(0, Tls.GREASE);
                            h.put(Exts.supportedGroups(Tls.GREASE, Tls.X25519, Tls.SECP256R1));
                            h.put(Exts.keyShares(new Share(Tls.GREASE, new byte[] {0}), new Share(Tls.X25519,
                                    x25519Of(h))));
                            h.put(Exts.supportedVersions(Tls.GREASE, Tls.TLS13));
                            h.put(Exts.signatureAlgorithms(Tls.GREASE, Tls.ECDSA_SECP256R1_SHA256));
                            h.extensions.add(0, Ext.of(Tls.GREASE, new byte[0]));
                        }),
                refusing("X03", "RFC 8446 §4.2", "supported_groups twice", ILLEGAL_PARAMETER, "appears twice",
                        h -> h.add(Exts.supportedGroups(Tls.X25519))),
                refusing("X04", "RFC 8446 §4.2", "an unknown extension twice", ILLEGAL_PARAMETER, "appears twice",
                        h -> h.add(Ext.of(0x7777, new byte[0])).add(Ext.of(0x7777, new byte[0]))),
                refusing("X05", "RFC 8446 §4.2", "oid_filters (CertificateRequest only) in a ClientHello", ILLEGAL_PARAMETER,
                        "oid_filters", h -> h.add(Ext.of(Tls.EXT_OID_FILTERS, Bytes.hex("0000")))),
                refusing("X06", "RFC 8446 §9.2, §4.2.3", "no signature_algorithms", MISSING_EXTENSION, "signature_algorithms",
                        h -> h.remove(Tls.EXT_SIGNATURE_ALGORITHMS)),
                refusing("X07", "RFC 8446 §9.2", "no supported_groups", MISSING_EXTENSION, "supported_groups",
                        h -> h.remove(Tls.EXT_SUPPORTED_GROUPS)),
                refusing("X08", "RFC 8446 §9.2", "no key_share", MISSING_EXTENSION, "key_share",
                        h -> h.remove(Tls.EXT_KEY_SHARE)),
                refusing("X09", "RFC 8446 §4.2.8", "key share for a group missing from supported_groups", ILLEGAL_PARAMETER,
                        "supported_groups", h -> h.put(Exts.supportedGroups(Tls.SECP256R1))),
                refusing("X10", "RFC 8446 §4.2.8", "two key shares for X25519", ILLEGAL_PARAMETER, "x25519",
                        h -> h.put(Exts.keyShares(new Share(Tls.X25519, x25519Of(h)), new Share(Tls.X25519, x25519Of(h))))));
    }

    /** Invalid key shares, and nothing in common. */
    private static List<Scenario> keySharesAndNegotiation() {
        return List.of(
                refusing("X11", "RFC 8446 §4.2.8.2", "X25519 key share of 31 bytes", ILLEGAL_PARAMETER, "31 bytes",
                        h -> h.put(Exts.keyShares(new Share(Tls.X25519, new byte[31])))),
                refusing("X12", "RFC 8446 §7.4.2; RFC 7748 §6.1", "all-zero X25519 key share", ILLEGAL_PARAMETER, "all-zero",
                        h -> h.put(Exts.keyShares(new Share(Tls.X25519, new byte[32])))),
                refusing("X13", "RFC 8446 §4.2.8.2", "secp256r1 key share not on the curve", ILLEGAL_PARAMETER, "not on the curve",
                        h -> h.put(Exts.keyShares(new Share(Tls.SECP256R1, offCurvePoint())))),
                refusing("X14", "RFC 8446 §4.2.8.2", "compressed secp256r1 key share", ILLEGAL_PARAMETER, "uncompressed",
                        h -> h.put(Exts.keyShares(new Share(Tls.SECP256R1, compressedPoint())))),
                refusing("X15", "RFC 8446 §4.2.8.2", "secp256r1 key share of 64 bytes", ILLEGAL_PARAMETER, "expected 65",
                        h -> h.put(Exts.keyShares(new Share(Tls.SECP256R1, new byte[64])))),
                refusing("X16", "RFC 8446 §4.1.1", "only a TLS 1.2 cipher suite", HANDSHAKE_FAILURE, "cipher suite",
                        h -> h.suites = List.of(Tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)),
                refusing("X17", "RFC 8446 §4.1.1", "only unknown cipher suites", HANDSHAKE_FAILURE, "cipher suite",
                        h -> h.suites = List.of(Tls.GREASE, 0x1399)),
                refusing("X18", "RFC 8446 §4.1.1", "no group in common (GREASE only, no share)", HANDSHAKE_FAILURE, "group",
                        h -> {
                            h.put(Exts.supportedGroups(Tls.GREASE));
                            h.put(Exts.keyShares());
                        }),
                refusing("X19", "RFC 8446 §4.4.2.2", "signature schemes that fit no server key (rsa_pss_rsae_sha256 only)",
                        HANDSHAKE_FAILURE, "no server certificate", h -> h.put(Exts.signatureAlgorithms(Tls.RSA_PSS_RSAE_SHA256))),
                refusing("X20", "RFC 8446 §4.2.3", "signature schemes ecdsa_sha1 and rsa_pkcs1_sha256 only", HANDSHAKE_FAILURE,
                        "signature scheme", h -> h.put(Exts.signatureAlgorithms(Tls.ECDSA_SHA1, Tls.RSA_PKCS1_SHA256))));
    }

    /** PSK offers the server cannot match or that break the rules; features Bastion lacks. */
    private static List<Scenario> pskAndUnsupportedFeatures() {
        return List.of(
                refusing("X21", "RFC 8446 §4.2.11", "pre_shared_key not the last extension", ILLEGAL_PARAMETER, "last",
                        h -> {
                            h.add(Exts.pskModes(1));
                            h.add(Exts.preSharedKey(new byte[16], 0, new byte[32]));
                            h.add(Ext.of(0x7777, new byte[0]));
                        }),
                againstServer("X22", "RFC 8446 §4.2.11", "PSK with an identity no ticket matches: ignored, full handshake",
                        p -> {
                            p.hello(h -> h.add(Exts.pskModes(1)).add(Exts.preSharedKey(new byte[16], 1000, new byte[32])));
                            p.finishHandshake();
                            if (p.serverHello.extensions.containsKey(Tls.EXT_PRE_SHARED_KEY)) {
                                p.note("ServerHello selected a PSK");
                            }
                        }, completes().and("no PSK selected", o -> o.notes().isEmpty())),
                againstServer("X23", "RFC 8446 §4.2.11.1, §8.3", "PSK with an absurd obfuscated_ticket_age: ignored, full handshake",
                        p -> {
                            p.hello(h -> h.add(Exts.pskModes(1)).add(Exts.preSharedKey(new byte[16], 0xFFFFFFFFL,
                                    new byte[48])));
                            p.finishHandshake();
                        }, completes()),
                refusing("X24", "RFC 8446 §4.2.9", "pre_shared_key without psk_key_exchange_modes", MISSING_EXTENSION,
                        "psk_key_exchange_modes", h -> h.add(Exts.preSharedKey(new byte[16], 0, new byte[32]))),
                refusing("X25", "RFC 8446 §4.2.11", "pre_shared_key with two identities and one binder", ILLEGAL_PARAMETER,
                        "binder", h -> h.add(Exts.pskModes(1)).add(Exts.preSharedKeyCounts(2, 1))),
                refusing("X26", "RFC 8446 §4.2.11, §6.2", "pre_shared_key binder of 31 bytes", DECODE_ERROR, "binders",
                        h -> h.add(Exts.pskModes(1)).add(Exts.preSharedKey(new byte[16], 0, new byte[31]))),
                againstServer("X27", "RFC 6520 §2", "heartbeat offered: not negotiated", p -> {
                    p.hello(h -> h.add(Exts.heartbeat()));
                    p.finishHandshake();
                    if (p.encryptedExtensionsHave(Tls.EXT_HEARTBEAT)) {
                        p.note("EE carries heartbeat");
                    }
                }, completes().and("no heartbeat in EncryptedExtensions", o -> o.notes().isEmpty())),
                completing("X28", "RFC 5746 §3.3; RFC 8446 §4.1.2", "renegotiation_info and the SCSV in a TLS 1.3 ClientHello",
                        h -> {
                            h.suites.add(Tls.TLS_EMPTY_RENEGOTIATION_INFO_SCSV);
                            h.add(Exts.renegotiationInfo());
                        }),
                againstServer("X29", "RFC 8446 §4.2.10", "early_data without a PSK: no early data accepted", p -> {
                    p.hello(h -> h.add(Exts.empty(Tls.EXT_EARLY_DATA)));
                    p.finishHandshake();
                    if (p.encryptedExtensionsHave(Tls.EXT_EARLY_DATA)) {
                        p.note("EE accepts early data");
                    }
                }, completes().and("no early_data in EncryptedExtensions", o -> o.notes().isEmpty())),
                refusing("X30", "RFC 6066 §3", "server_name with two host_names", ILLEGAL_PARAMETER, "more than one name",
                        h -> h.put(new Ext(Tls.EXT_SERVER_NAME, b -> b.vec16("server_name_list", v -> v
                                .u8(0).vec16("host_name", "a.example".getBytes()).u8(0).vec16("host_name",
                                        "b.example".getBytes()))))));
    }

    private static Scenario completing(String id, String rfc, String title, Consumer<Hello> edit) {
        return againstServer(id, rfc, title, p -> {
            p.hello(edit);
            p.finishHandshake();
        }, completes());
    }

    private static Scenario refusing(String id, String rfc, String title, dev.bastion.tls.codec.AlertDescription alert,
            String fragment, Consumer<Hello> edit) {
        return againstServer(id, rfc, title, p -> p.hello(edit), handshakeAlert(alert, fragment));
    }

    /** The X25519 public value already in the hello (the peer's real share). */
    private static byte[] x25519Of(Hello h) {
        return HelloView.client(h.encode()).clientShares().get(Tls.X25519);
    }

    /** 04 || x=1 || y=1: not on P-256. */
    private static byte[] offCurvePoint() {
        byte[] p = new byte[65];
        p[0] = 4;
        p[32] = 1;
        p[64] = 1;
        return p;
    }

    /** 02 || x of the P-256 generator: a valid compressed point, a form TLS 1.3 forbids. */
    private static byte[] compressedPoint() {
        return Bytes.hex("02 6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296");
    }
}
