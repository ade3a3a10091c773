package dev.bastion.tls.conformance.hostile;

import java.nio.charset.StandardCharsets;

/** Hand-built extension bodies (RFC 8446 §4.2; RFC 6066 §3; RFC 7301 §3.1; RFC 5746 §3.2). */
final class Exts {
    private Exts() {
    }

    /** ClientHello supported_versions: {@code ProtocolVersion versions<2..254>} (§4.2.1). */
    static Ext supportedVersions(int... versions) {
        return new Ext(Tls.EXT_SUPPORTED_VERSIONS, b -> b.vec8("versions", v -> {
            for (int x : versions) {
                v.u16(x);
            }
        }));
    }

    /** ServerHello / HelloRetryRequest supported_versions: {@code selected_version} (§4.2.1). */
    static Ext selectedVersion(int version) {
        return new Ext(Tls.EXT_SUPPORTED_VERSIONS, b -> b.u16(version));
    }

    /** {@code NamedGroup named_group_list<2..2^16-1>} (§4.2.7). */
    static Ext supportedGroups(int... groups) {
        return new Ext(Tls.EXT_SUPPORTED_GROUPS, b -> b.vec16("named_group_list", v -> {
            for (int g : groups) {
                v.u16(g);
            }
        }));
    }

    /** {@code SignatureScheme supported_signature_algorithms<2..2^16-2>} (§4.2.3). */
    static Ext signatureAlgorithms(int... schemes) {
        return new Ext(Tls.EXT_SIGNATURE_ALGORITHMS, b -> b.vec16("supported_signature_algorithms", v -> {
            for (int s : schemes) {
                v.u16(s);
            }
        }));
    }

    /** ClientHello key_share: {@code KeyShareEntry client_shares<0..2^16-1>} (§4.2.8). */
    static Ext keyShares(Share... shares) {
        return new Ext(Tls.EXT_KEY_SHARE, b -> b.vec16("client_shares", v -> {
            for (Share s : shares) {
                v.u16(s.group()).vec16("key_exchange", s.keyExchange());
            }
        }));
    }

    /** ServerHello key_share: one {@code KeyShareEntry server_share} (§4.2.8). */
    static Ext serverShare(int group, byte[] keyExchange) {
        return new Ext(Tls.EXT_KEY_SHARE, b -> b.u16(group).vec16("key_exchange", keyExchange));
    }

    /** HelloRetryRequest key_share: {@code NamedGroup selected_group} (§4.2.8). */
    static Ext selectedGroup(int group) {
        return new Ext(Tls.EXT_KEY_SHARE, b -> b.u16(group));
    }

    /** {@code opaque cookie<1..2^16-1>} (§4.2.2). */
    static Ext cookie(byte[] cookie) {
        return new Ext(Tls.EXT_COOKIE, b -> b.vec16("cookie", cookie));
    }

    /** {@code PskKeyExchangeMode ke_modes<1..255>} (§4.2.9); 1 = psk_dhe_ke. */
    static Ext pskModes(int... modes) {
        return new Ext(Tls.EXT_PSK_KEY_EXCHANGE_MODES, b -> b.vec8("ke_modes", v -> {
            for (int m : modes) {
                v.u8(m);
            }
        }));
    }

    /** ClientHello pre_shared_key with one identity and one binder (§4.2.11). */
    static Ext preSharedKey(byte[] identity, long obfuscatedAge, byte[] binder) {
        return new Ext(Tls.EXT_PRE_SHARED_KEY, b -> {
            b.vec16("identities", v -> v.vec16("identity", identity).u16((int) (obfuscatedAge >>> 16))
                    .u16((int) obfuscatedAge));
            b.vec16("binders", v -> v.vec8("binder", binder));
        });
    }

    /** ClientHello pre_shared_key with {@code identities} identities and {@code binders} binders (§4.2.11). */
    static Ext preSharedKeyCounts(int identities, int binders) {
        return new Ext(Tls.EXT_PRE_SHARED_KEY, b -> {
            b.vec16("identities", v -> {
                for (int i = 0; i < identities; i++) {
                    v.vec16("identity", Bytes.filled(16, 0x40 + i)).u16(0).u16(1000);
                }
            });
            b.vec16("binders", v -> {
                for (int i = 0; i < binders; i++) {
                    v.vec8("binder", Bytes.filled(32, 0x11));
                }
            });
        });
    }

    /** server_name with one host_name (RFC 6066 §3). */
    static Ext serverName(String host) {
        byte[] name = host.getBytes(StandardCharsets.US_ASCII);
        return new Ext(Tls.EXT_SERVER_NAME, b -> b.vec16("server_name_list", v -> v.u8(0).vec16("host_name", name)));
    }

    /** application_layer_protocol_negotiation (RFC 7301 §3.1). */
    static Ext alpn(String... protocols) {
        return new Ext(Tls.EXT_ALPN, b -> b.vec16("protocol_name_list", v -> {
            for (String p : protocols) {
                v.vec8("protocol_name", p.getBytes(StandardCharsets.US_ASCII));
            }
        }));
    }

    /** An empty extension_data of this type (early_data, post_handshake_auth, ...). */
    static Ext empty(int code) {
        return Ext.of(code, new byte[0]);
    }

    /** renegotiation_info with an empty renegotiated_connection (RFC 5746 §3.2). */
    static Ext renegotiationInfo() {
        return new Ext(Tls.EXT_RENEGOTIATION_INFO, b -> b.vec8("renegotiated_connection", new byte[0]));
    }

    /** heartbeat, mode peer_allowed_to_send (RFC 6520 §2). */
    static Ext heartbeat() {
        return Ext.of(Tls.EXT_HEARTBEAT, new byte[] {1});
    }

    /** One KeyShareEntry. */
    record Share(int group, byte[] keyExchange) {
    }
}
