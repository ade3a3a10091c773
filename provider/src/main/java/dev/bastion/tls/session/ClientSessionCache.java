package dev.bastion.tls.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The client's sessions, by the peer's host and port as the application named them
 * ({@code createSSLEngine(host, port)}, the socket's address): per peer the last TLS 1.2
 * session (with its RFC 5077 ticket, if the server gave one) and up to {@link #TICKETS_PER_PEER}
 * TLS 1.3 tickets, each used at most once (RFC 8446 §C.4, "clients SHOULD NOT reuse a ticket").
 * Peers least recently used go first when the cache is full.
 *
 * <p>Thread-safe: every method holds the cache's lock.
 */
final class ClientSessionCache {
    /** TLS 1.3 tickets kept per peer; the oldest go first. */
    static final int TICKETS_PER_PEER = 8;

    /** What is kept for one peer. */
    static final class Peer {
        SessionState tls12;
        byte[] ticket12;
        final ArrayDeque<ClientTicket> tickets13 = new ArrayDeque<>(2);

        boolean isEmpty() {
            return tls12 == null && tickets13.isEmpty();
        }
    }

    private final LinkedHashMap<String, Peer> peers = new LinkedHashMap<>(16, 0.75f, true);
    private int maxSize;

    /** @param maxSize the most peers kept; 0 for no limit */
    ClientSessionCache(int maxSize) {
        this.maxSize = maxSize;
    }

    static String key(String host, int port) {
        int slot = (host.hashCode() * 31 + port) & (KEYS.length - 1);
        Key k = KEYS[slot];
        if (k != null && k.port == port && k.host.equals(host)) {
            return k.key;
        }
        String key = host.toLowerCase(Locale.ROOT) + ":" + port;
        KEYS[slot] = new Key(host, port, key);
        return key;
    }

    /**
     * {@link #key} for the last few peers: a client mostly connects to the same few, and the
     * key is built several times per handshake. Racy by design: an entry is immutable, a lost
     * write costs a rebuild.
     */
    private static final Key[] KEYS = new Key[8];

    private record Key(String host, int port, String key) {
    }

    synchronized void putTls12(String key, SessionState state, byte[] ticket) {
        Peer p = peers.computeIfAbsent(key, k -> new Peer());
        if (p.tls12 != null && p.tls12 != state) {
            p.tls12.wipe();
        }
        p.tls12 = state;
        p.ticket12 = ticket == null ? new byte[0] : ticket.clone();
        trim();
    }

    synchronized void addTicket(String key, ClientTicket ticket) {
        Peer p = peers.computeIfAbsent(key, k -> new Peer());
        while (p.tickets13.size() >= TICKETS_PER_PEER) {
            p.tickets13.pollFirst().state().wipe();
        }
        p.tickets13.addLast(ticket);
        trim();
    }

    /** The newest ticket {@code usable} accepts, taken out of the cache; unusable ones are dropped. */
    synchronized Optional<ClientTicket> takeTicket(String key, Predicate<ClientTicket> usable) {
        Peer p = peers.get(key);
        if (p == null) {
            return Optional.empty();
        }
        ClientTicket found = null;
        for (Iterator<ClientTicket> it = p.tickets13.descendingIterator(); it.hasNext();) {
            ClientTicket t = it.next();
            if (found == null && usable.test(t)) {
                found = t;
                it.remove();
            }
        }
        dropIfEmpty(key, p);
        return Optional.ofNullable(found);
    }

    /** The TLS 1.2 session for {@code key} if {@code usable} accepts it (it stays cached). */
    synchronized Optional<Tls12Session> tls12(String key, Predicate<SessionState> usable) {
        Peer p = peers.get(key);
        if (p == null || p.tls12 == null || !usable.test(p.tls12)) {
            return Optional.empty();
        }
        // a copy: a handshake may use it while another one replaces (and wipes) the cached state
        return Optional.of(new Tls12Session(p.tls12.withId(p.tls12.id()), p.ticket12));
    }

    /** Removes the sessions {@code matches} accepts (given the peer's key and the session), for every peer. */
    synchronized void removeIf(BiPredicate<String, SessionState> matches) {
        for (Iterator<Map.Entry<String, Peer>> it = peers.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Peer> entry = it.next();
            String key = entry.getKey();
            Peer p = entry.getValue();
            if (p.tls12 != null && matches.test(key, p.tls12)) {
                p.tls12.wipe();
                p.tls12 = null;
                p.ticket12 = null;
            }
            p.tickets13.removeIf(t -> {
                boolean gone = matches.test(key, t.state());
                if (gone) {
                    t.state().wipe();
                }
                return gone;
            });
            if (p.isEmpty()) {
                it.remove();
            }
        }
    }

    /** Every cached session with the key of its peer, least recently used peer first. */
    synchronized List<Map.Entry<String, SessionState>> sessions() {
        List<Map.Entry<String, SessionState>> out = new ArrayList<>();
        for (Map.Entry<String, Peer> e : peers.entrySet()) {
            if (e.getValue().tls12 != null) {
                out.add(Map.entry(e.getKey(), e.getValue().tls12));
            }
            ClientTicket newest = e.getValue().tickets13.peekLast();
            if (newest != null) {
                out.add(Map.entry(e.getKey(), newest.state()));
            }
        }
        return out;
    }

    synchronized void setMaxSize(int size) {
        maxSize = size;
        trim();
    }

    synchronized int size() {
        return peers.size();
    }

    private void dropIfEmpty(String key, Peer p) {
        if (p.isEmpty()) {
            peers.remove(key);
        }
    }

    private void trim() {
        if (maxSize <= 0) {
            return;
        }
        for (Iterator<Map.Entry<String, Peer>> it = peers.entrySet().iterator(); peers.size() > maxSize && it.hasNext();) {
            Peer p = it.next().getValue();
            if (p.tls12 != null) {
                p.tls12.wipe();
            }
            p.tickets13.forEach(t -> t.state().wipe());
            it.remove();
        }
    }
}
