package dev.bastion.tls.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The server's TLS 1.2 session cache (RFC 5246 §7.4.1.2): session id to encoded session
 * ({@link SessionCodec}), least recently used first out when it is full.
 *
 * <p>Compact by construction: one cached session is one {@code byte[]} holding the id, the
 * peer's host and port (what {@code getSession(id)} shows, as SunJSSE's cached session does)
 * and the encoding, wrapped in a small object that is both key and value of a
 * {@link LinkedHashMap} entry; about 220 bytes for a TLS 1.2 session without client
 * authentication from a peer named by an IPv4 address (the {@code SessionCacheFootprint}
 * benchmark measures it).
 *
 * <p>Thread-safe: every method holds the cache's lock (handshakes take it briefly, once to look
 * up and once to store).
 */
final class ServerSessionCache {
    /** The peer a session was made with: the host as the application gave it (or null) and the port (or -1). */
    record Peer(String host, int port) {
        static final Peer NONE = new Peer(null, -1);
    }

    /** The longest host (in UTF-8 bytes) kept with a session; a longer one is kept as none. */
    static final int MAX_HOST_BYTES = 254;

    /**
     * One cached session: {@code id_length(1) || id || host_code(1) || host || port(4) ||
     * encoding}, where {@code host_code} is 0 for no host, else the host's UTF-8 length plus one;
     * equal when the ids are equal.
     */
    private static final class Entry {
        final byte[] data;
        private final int hash;

        Entry(byte[] data) {
            this.data = data;
            int h = 1;
            for (int i = 1; i <= idLength(); i++) {
                h = 31 * h + data[i];
            }
            this.hash = h;
        }

        int idLength() {
            return data[0] & 0xFF;
        }

        byte[] id() {
            return Arrays.copyOfRange(data, 1, 1 + idLength());
        }

        private int hostLength() {
            int code = data[1 + idLength()] & 0xFF;
            return code == 0 ? 0 : code - 1;
        }

        /** Where the encoding starts. */
        private int encodingOffset() {
            return 1 + idLength() + 1 + hostLength() + 4;
        }

        byte[] encoding() {
            return Arrays.copyOfRange(data, encodingOffset(), data.length);
        }

        Peer peer() {
            int at = 1 + idLength();
            String host = data[at] == 0 ? null : new String(data, at + 1, hostLength(), StandardCharsets.UTF_8);
            int p = at + 1 + hostLength();
            int port = (data[p] & 0xFF) << 24 | (data[p + 1] & 0xFF) << 16 | (data[p + 2] & 0xFF) << 8 | (data[p + 3] & 0xFF);
            return new Peer(host, port);
        }

        long creationTime() {
            int at = encodingOffset() + SessionCodec.CREATION_TIME_OFFSET;
            long v = 0;
            for (int i = 0; i < 8 && at + i < data.length; i++) {
                v = (v << 8) | (data[at + i] & 0xFF);
            }
            return v;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Entry)) {
                return false;
            }
            Entry e = (Entry) o;
            return hash == e.hash && Arrays.equals(data, 1, 1 + idLength(), e.data, 1, 1 + e.idLength());
        }

        @Override
        public int hashCode() {
            return hash;
        }

        static Entry of(byte[] id, Peer peer, byte[] encoding) {
            byte[] host = peer.host() == null ? null : peer.host().getBytes(StandardCharsets.UTF_8);
            if (host != null && host.length > MAX_HOST_BYTES) {
                host = null;
            }
            int hostLength = host == null ? 0 : host.length;
            byte[] d = new byte[1 + id.length + 1 + hostLength + 4 + encoding.length];
            d[0] = (byte) id.length;
            System.arraycopy(id, 0, d, 1, id.length);
            int at = 1 + id.length;
            d[at++] = (byte) (host == null ? 0 : hostLength + 1);
            if (host != null) {
                System.arraycopy(host, 0, d, at, hostLength);
                at += hostLength;
            }
            int port = peer.port();
            d[at++] = (byte) (port >>> 24);
            d[at++] = (byte) (port >>> 16);
            d[at++] = (byte) (port >>> 8);
            d[at++] = (byte) port;
            System.arraycopy(encoding, 0, d, at, encoding.length);
            return new Entry(d);
        }

        static Entry probe(byte[] id) {
            return of(id, Peer.NONE, new byte[0]);
        }
    }

    private final LinkedHashMap<Entry, Entry> map = new LinkedHashMap<>(16, 0.75f, true);
    private int maxSize;

    /** @param maxSize the most sessions kept; 0 for no limit */
    ServerSessionCache(int maxSize) {
        this.maxSize = maxSize;
    }

    /**
     * Keeps a session, replacing one with the same id. Makes room first by dropping sessions
     * {@code expired} says are over (from the least recently used end), then the least recently
     * used ones.
     */
    synchronized void put(byte[] id, Peer peer, byte[] encoding, LongPredicate expired) {
        Entry e = Entry.of(id, peer, encoding);
        map.remove(e);
        for (Iterator<Entry> it = map.keySet().iterator(); it.hasNext();) {
            if (!expired.test(it.next().creationTime())) {
                break;
            }
            it.remove();
        }
        map.put(e, e);
        trim();
    }

    /** The encoding cached under {@code id} (now the most recently used), or null. */
    synchronized byte[] get(byte[] id) {
        if (id.length == 0 || id.length > 255) {
            return null;
        }
        Entry e = map.get(Entry.probe(id));
        return e == null ? null : e.encoding();
    }

    /** The peer of the session cached under {@code id} (now the most recently used), or null when none is. */
    synchronized Peer peer(byte[] id) {
        if (id.length == 0 || id.length > 255) {
            return null;
        }
        Entry e = map.get(Entry.probe(id));
        return e == null ? null : e.peer();
    }

    /** Whether a session is cached under {@code id} (the order of use is not changed). */
    synchronized boolean contains(byte[] id) {
        return id.length > 0 && id.length <= 255 && map.containsKey(Entry.probe(id));
    }

    synchronized void remove(byte[] id) {
        if (id.length > 0 && id.length <= 255) {
            map.remove(Entry.probe(id));
        }
    }

    /** The ids of the sessions {@code expired} does not reject, least recently used first; drops the others. */
    synchronized List<byte[]> ids(LongPredicate expired) {
        List<byte[]> out = new ArrayList<>(map.size());
        for (Iterator<Entry> it = map.keySet().iterator(); it.hasNext();) {
            Entry e = it.next();
            if (expired.test(e.creationTime())) {
                it.remove();
            } else {
                out.add(e.id());
            }
        }
        return out;
    }

    synchronized void setMaxSize(int size) {
        maxSize = size;
        trim();
    }

    synchronized int size() {
        return map.size();
    }

    private void trim() {
        if (maxSize <= 0) {
            return;
        }
        for (Iterator<Map.Entry<Entry, Entry>> it = map.entrySet().iterator(); map.size() > maxSize && it.hasNext();) {
            it.next();
            it.remove();
        }
    }
}
