package dev.bastion.tls.conformance.hostile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ClientHello or ServerHello/HelloRetryRequest written by hand (RFC 8446 §4.1.2, §4.1.3),
 * every field open to the scenario: versions, random, session id, suites, compression methods,
 * the extension list in order (duplicates allowed), and length lies for any named vector
 * ({@code handshake}, {@code session_id}, {@code cipher_suites}, {@code compression},
 * {@code extensions}, {@code ext:<code>} and the names inside {@link Exts}).
 */
final class Hello {
    final boolean client;
    int legacyVersion = Tls.TLS12;
    byte[] random;
    byte[] sessionId;
    List<Integer> suites = new ArrayList<>();
    List<Integer> compression = new ArrayList<>(List.of(0));
    List<Ext> extensions = new ArrayList<>();
    boolean omitExtensions;
    /** Bytes appended inside the cipher_suites vector (an odd length, say). */
    byte[] suitesTail = new byte[0];
    /** Bytes appended to the body after the extensions block. */
    byte[] bodyTail = new byte[0];
    final Map<String, Integer> lies = new HashMap<>();

    Hello(boolean client, byte[] random, byte[] sessionId) {
        this.client = client;
        this.random = random;
        this.sessionId = sessionId;
    }

    /** Replaces the first extension of the same type, or appends. */
    Hello put(Ext e) {
        for (int i = 0; i < extensions.size(); i++) {
            if (extensions.get(i).code() == e.code()) {
                extensions.set(i, e);
                return this;
            }
        }
        extensions.add(e);
        return this;
    }

    Hello remove(int code) {
        extensions.removeIf(e -> e.code() == code);
        return this;
    }

    Hello add(Ext e) {
        extensions.add(e);
        return this;
    }

    Hello withSessionId(byte[] id) {
        sessionId = id;
        return this;
    }

    Hello lie(String vector, int delta) {
        lies.merge(vector, delta, Integer::sum);
        return this;
    }

    /** The whole handshake message, header included. */
    byte[] encode() {
        Bytes b = new Bytes().lies(lies);
        b.u8(client ? Tls.CLIENT_HELLO : Tls.SERVER_HELLO).vec24("handshake", m -> {
            m.u16(legacyVersion).raw(random).vec8("session_id", sessionId);
            if (client) {
                m.vec16("cipher_suites", s -> {
                    suites.forEach(s::u16);
                    s.raw(suitesTail);
                });
                m.vec8("compression", c -> compression.forEach(c::u8));
            } else {
                m.u16(suites.get(0)).u8(compression.get(0));
            }
            if (!omitExtensions) {
                m.vec16("extensions", e -> extensions.forEach(x -> x.encode(e)));
            }
            m.raw(bodyTail);
        });
        return b.toArray();
    }
}
