package dev.bastion.tls.conformance.hostile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hello the victim sent, parsed by the hostile peer's own reader (RFC 8446 §4.1.2, §4.1.3):
 * enough to answer it (session id to echo, key shares, the selected suite and share, cookie).
 */
final class HelloView {
    final byte[] encoding;
    final int legacyVersion;
    final byte[] random;
    final byte[] sessionId;
    final List<Integer> suites = new ArrayList<>();
    final Map<Integer, byte[]> extensions = new LinkedHashMap<>();

    private HelloView(byte[] encoding, boolean client) {
        this.encoding = encoding;
        In m = new In(encoding);
        m.u8();
        In body = m.vec24();
        legacyVersion = body.u16();
        random = body.bytes(32);
        sessionId = body.vec8().rest();
        if (client) {
            In s = body.vec16();
            while (s.more()) {
                suites.add(s.u16());
            }
            body.vec8();
        } else {
            suites.add(body.u16());
            body.u8();
        }
        if (body.more()) {
            In ext = body.vec16();
            while (ext.more()) {
                int code = ext.u16();
                extensions.put(code, ext.vec16().rest());
            }
        }
    }

    static HelloView client(byte[] encoding) {
        return new HelloView(encoding, true);
    }

    static HelloView server(byte[] encoding) {
        return new HelloView(encoding, false);
    }

    boolean isHelloRetryRequest() {
        return Arrays.equals(random, Tls.HRR_RANDOM);
    }

    int suite() {
        return suites.get(0);
    }

    /** ClientHello key_share: group to key_exchange, in order. */
    Map<Integer, byte[]> clientShares() {
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        byte[] data = extensions.get(Tls.EXT_KEY_SHARE);
        if (data != null) {
            In list = new In(data).vec16();
            while (list.more()) {
                int group = list.u16();
                out.put(group, list.vec16().rest());
            }
        }
        return out;
    }

    /** ClientHello supported_groups, in order. */
    List<Integer> supportedGroups() {
        List<Integer> out = new ArrayList<>();
        byte[] data = extensions.get(Tls.EXT_SUPPORTED_GROUPS);
        if (data != null) {
            In list = new In(data).vec16();
            while (list.more()) {
                out.add(list.u16());
            }
        }
        return out;
    }

    /** ServerHello key_share: the group and key_exchange. */
    Optional<Exts.Share> serverShare() {
        byte[] data = extensions.get(Tls.EXT_KEY_SHARE);
        if (data == null || data.length < 4) {
            return Optional.empty();
        }
        In in = new In(data);
        int group = in.u16();
        return Optional.of(new Exts.Share(group, in.vec16().rest()));
    }

    /** HelloRetryRequest key_share: the selected group. */
    Optional<Integer> selectedGroup() {
        byte[] data = extensions.get(Tls.EXT_KEY_SHARE);
        return data == null || data.length != 2 ? Optional.empty() : Optional.of(new In(data).u16());
    }

    /** The cookie extension's cookie (ClientHello or HelloRetryRequest). */
    Optional<byte[]> cookie() {
        byte[] data = extensions.get(Tls.EXT_COOKIE);
        return data == null ? Optional.empty() : Optional.of(new In(data).vec16().rest());
    }
}
