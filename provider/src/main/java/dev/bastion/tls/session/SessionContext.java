package dev.bastion.tls.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The client or server session context of an {@code SSLContext}: its session cache, its
 * settings and, on a server, its ticket keys. Handshakes look sessions up and store them here;
 * applications see the cached sessions through {@link SSLSessionContext}.
 *
 * <ul>
 * <li><b>Server.</b> TLS 1.2 sessions of full handshakes without a ticket are cached by session
 *     id ({@link #find}, {@link #cache}), compactly encoded ({@link SessionCodec}); tickets
 *     (TLS 1.2 RFC 5077 and every TLS 1.3 one) carry the encoded session sealed by the
 *     {@link TicketSealer}, so nothing is kept for them ({@link #seal}, {@link #open}).</li>
 * <li><b>Client.</b> Sessions and TLS 1.3 tickets by the peer's host and port
 *     ({@link ClientSessionCache}).</li>
 * <li>Defaults as SunJSSE: timeout 86400 s, 20480 entries (server sessions, client peers);
 *     0 means no limit for either, as {@link SSLSessionContext} says. Changes apply to sessions
 *     already cached: every look-up checks the timeout in force.</li>
 * <li>{@link #getSession} and {@link #getIds} show the cached sessions (not TLS 1.3 ones on a
 *     server, which keeps none), through the {@link SessionViews} the {@code SSLContext} sets;
 *     a session's {@link BastionSession#invalidate()} removes it, so it is never resumed.</li>
 * </ul>
 * Thread-safe.
 */
public final class SessionContext implements SSLSessionContext {
    /** SunJSSE's default session timeout, in seconds. */
    public static final int DEFAULT_TIMEOUT = 86400;
    /** SunJSSE's default session cache size. */
    public static final int DEFAULT_CACHE_SIZE = 20480;

    private final boolean client;
    private final LongSupplier clock;
    private final SessionCodec codec = new SessionCodec(new LocalChains());
    private final ServerSessionCache serverCache;
    private final ClientSessionCache clientCache;
    private volatile int timeout = DEFAULT_TIMEOUT;
    private volatile int cacheSize = DEFAULT_CACHE_SIZE;
    private volatile ResumptionSettings settings = ResumptionSettings.DEFAULT;
    private volatile TicketSealer sealer;
    private volatile SessionViews views = SessionContext::plainView;
    /**
     * Client: the sessions invalidated lately (id, peer, creation time), newest last, at most
     * {@link #RECENT_INVALIDATIONS}: TLS 1.3 tickets arrive after the handshake, so a session can
     * be invalidated before its tickets come, and those must not resume it either.
     */
    private final ArrayDeque<Invalidated> invalidated = new ArrayDeque<>();
    private static final int RECENT_INVALIDATIONS = 64;

    /**
     * The application values of sessions ({@code SSLSession.putValue}), by session (peer and id
     * on a client, id on a server), least recently used first: every object showing one session
     * (the connection's, a resumed connection's, one found by id) shows the same values, as
     * SunJSSE's do. Only sessions an application put values into are here, at most twice the
     * cache size of them; the least recently used go, and those past the session timeout, as
     * others come.
     */
    private final LinkedHashMap<String, Shared> shared = new LinkedHashMap<>(16, 0.75f, true);

    /** Sessions invalidated through one of their objects, which the others must show (see {@link BastionSession#isValid()}). */
    private final InvalidatedSessions invalidatedSessions = new InvalidatedSessions();

    private record Shared(Map<String, Object> values, long created) {
    }

    private record Invalidated(byte[] id, String peer, long created) {
        boolean covers(String peer, SessionState s) {
            return s.hasId(id) || (peer.equals(this.peer) && s.creationTime() == created);
        }
    }

    private SessionContext(boolean client, LongSupplier clock) {
        this.client = client;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serverCache = client ? null : new ServerSessionCache(DEFAULT_CACHE_SIZE);
        this.clientCache = client ? new ClientSessionCache(DEFAULT_CACHE_SIZE) : null;
    }

    /** A client context on the system clock. */
    public static SessionContext client() {
        return new SessionContext(true, System::currentTimeMillis);
    }

    /** A server context on the system clock (no tickets until {@link #setTicketSealer}). */
    public static SessionContext server() {
        return new SessionContext(false, System::currentTimeMillis);
    }

    /** A context on {@code clock} (epoch milliseconds), for tests. */
    public static SessionContext withClock(boolean client, LongSupplier clock) {
        return new SessionContext(client, clock);
    }

    public boolean isClient() {
        return client;
    }

    /** The time, in epoch milliseconds, by this context's clock. */
    public long now() {
        return clock.getAsLong();
    }

    public ResumptionSettings settings() {
        return settings;
    }

    public void configure(ResumptionSettings next) {
        settings = Objects.requireNonNull(next, "settings");
    }

    /** Server: what seals and opens tickets; null for none (no tickets are issued or accepted). */
    public void setTicketSealer(TicketSealer next) {
        sealer = next;
    }

    /** How cached sessions are shown to applications. */
    public void setViews(SessionViews next) {
        views = Objects.requireNonNull(next, "views");
    }

    // ---- server ----------------------------------------------------------------------------

    /** The TLS 1.2 session cached under {@code id}, unless it has expired. */
    public Optional<SessionState> find(byte[] id) {
        byte[] encoding = requireServer().get(id);
        if (encoding == null) {
            return Optional.empty();
        }
        Optional<SessionState> s = codec.decode(encoding, id);
        if (s.isEmpty() || s.get().expired(now(), timeout)) {
            serverCache.remove(id);
            return Optional.empty();
        }
        return s;
    }

    /** Caches a TLS 1.2 session made with no known peer under its id (nothing when the id is empty). */
    public void cache(SessionState state) {
        cache(state, null, -1);
    }

    /**
     * Caches a TLS 1.2 session under its id (nothing when the id is empty), with the peer's host
     * (as the application gave it, or null) and port (or -1), which {@link #getSession} shows.
     */
    public void cache(SessionState state, String peerHost, int peerPort) {
        byte[] id = state.id();
        if (id.length > 0) {
            int t = timeout;
            long now = now();
            requireServer().put(id, new ServerSessionCache.Peer(peerHost, peerPort), codec.encode(state),
                    created -> t > 0 && now - created >= t * 1000L);
        }
    }

    /** Whether tickets can be issued and accepted. */
    public boolean ticketsEnabled() {
        return !client && sealer != null;
    }

    /**
     * A ticket carrying {@code state} (RFC 5077 §4, RFC 8446 §4.6.1); empty when tickets are off.
     *
     * @param ageAdd TLS 1.3 ticket_age_add (0 for TLS 1.2)
     * @param issuedAt epoch milliseconds when the ticket is issued
     */
    public Optional<byte[]> seal(SessionState state, long ageAdd, long issuedAt) {
        TicketSealer s = sealer;
        if (client || s == null) {
            return Optional.empty();
        }
        return Optional.of(s.seal(codec.encodeTicket(state, ageAdd, issuedAt)));
    }

    /**
     * The contents of a ticket this server issued; empty when it does not open, does not decode,
     * or its session has outlived the timeout (RFC 5077 §3.4: then a full handshake follows).
     */
    public Optional<SessionCodec.Ticket> open(byte[] ticket) {
        TicketSealer s = sealer;
        if (client || s == null || ticket.length == 0) {
            return Optional.empty();
        }
        Optional<SessionCodec.Ticket> t = s.open(ticket).flatMap(codec::decodeTicket);
        return t.filter(x -> !x.state().expired(now(), timeout));
    }

    /**
     * The ticket_lifetime for a ticket of {@code state} issued now: the session's remaining
     * time, at most 7 days (RFC 8446 §4.6.1), in seconds.
     */
    public long ticketLifetimeSeconds(SessionState state) {
        long max = ClientTicket.MAX_LIFETIME_SECONDS;
        int t = timeout;
        if (t == 0) {
            return max;
        }
        long left = (state.creationTime() + t * 1000L - now()) / 1000;
        return Math.max(0, Math.min(max, left));
    }

    // ---- client ----------------------------------------------------------------------------

    /**
     * Takes the newest live TLS 1.3 ticket for {@code host:port} that {@code usable} accepts out
     * of the cache (a ticket is used once); empty without a host.
     */
    public Optional<ClientTicket> takeTicket(String host, int port, Predicate<ClientTicket> usable) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        long now = now();
        int t = timeout;
        return requireClient().takeTicket(ClientSessionCache.key(host, port),
                x -> x.live(now) && !x.state().expired(now, t) && usable.test(x));
    }

    /** The cached TLS 1.2 session for {@code host:port} that {@code usable} accepts, and its ticket (empty: none). */
    public Optional<Tls12Session> tls12(String host, int port, Predicate<SessionState> usable) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        long now = now();
        int t = timeout;
        return requireClient().tls12(ClientSessionCache.key(host, port), s -> !s.expired(now, t) && usable.test(s));
    }

    /** Keeps a TLS 1.2 session (and its RFC 5077 ticket, or null) for {@code host:port}. */
    public void saveTls12(String host, int port, SessionState state, byte[] ticket) {
        if (host != null && !host.isEmpty()) {
            requireClient().putTls12(ClientSessionCache.key(host, port), state, ticket);
        }
    }

    /** Keeps a TLS 1.3 ticket for {@code host:port}, unless its session was invalidated meanwhile. */
    public void saveTicket(String host, int port, ClientTicket ticket) {
        String key = host == null || host.isEmpty() ? null : ClientSessionCache.key(host, port);
        if (key != null && !invalidatedLately(key, ticket.state())) {
            requireClient().addTicket(key, ticket);
        } else {
            ticket.state().wipe();
        }
    }

    private boolean invalidatedLately(String peer, SessionState state) {
        synchronized (invalidated) {
            for (Invalidated i : invalidated) {
                if (i.covers(peer, state)) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---- JSSE ------------------------------------------------------------------------------

    /** Forgets {@code session}: neither its id nor its tickets resume it any more. */
    public void invalidate(BastionSession session) {
        byte[] id = session.getId();
        // A server's session not in its cache (a ticket's, a TLS 1.3 one) stays resumable through its
        // tickets, so the other objects showing it stay valid, as SunJSSE's separate objects do.
        String sessionKey = client || serverCache.contains(id) ? sessionKey(session) : null;
        if (sessionKey != null) {
            int size = cacheSize;
            invalidatedSessions.add(sessionKey, session.getCreationTime(), now(), timeout,
                    2 * (size == 0 ? DEFAULT_CACHE_SIZE : Math.max(size, RECENT_INVALIDATIONS)));
        }
        if (!client) {
            serverCache.remove(id);
            return;
        }
        String key = session.getPeerHost() == null ? null
                : ClientSessionCache.key(session.getPeerHost(), session.getPeerPort());
        Invalidated gone = new Invalidated(id, key, session.getCreationTime());
        synchronized (invalidated) {
            invalidated.addLast(gone);
            if (invalidated.size() > RECENT_INVALIDATIONS) {
                invalidated.removeFirst();
            }
        }
        clientCache.removeIf(gone::covers);
    }

    /**
     * The values shared by the objects showing {@code session}, made when {@code create} (the
     * first {@code putValue}); null when there are none yet, or when this context never resumes
     * the session: a server's sessions that are not in its cache (a ticket's, TLS 1.3 ones), a
     * client's without a peer or id. As SunJSSE: its client resumes and finds by id the session
     * object itself, and so does its server for a TLS 1.2 session id.
     */
    Map<String, Object> sharedValues(BastionSession session, boolean create) {
        if (!create) {
            synchronized (shared) {
                if (shared.isEmpty()) {
                    return null;
                }
            }
        }
        String key = sessionKey(session);
        if (key == null) {
            return null;
        }
        byte[] id = session.getId();
        synchronized (shared) {
            Shared s = shared.get(key);
            if (s != null || !create || (!client && !serverCache.contains(id))) {
                return s == null ? null : s.values();
            }
            int t = timeout;
            long now = now();
            int max = cacheSize == 0 ? Integer.MAX_VALUE : 2 * cacheSize;
            for (Iterator<Shared> it = shared.values().iterator(); it.hasNext();) {
                Shared old = it.next();
                if (shared.size() < max && (t == 0 || now - old.created() < t * 1000L)) {
                    break;
                }
                it.remove();
            }
            s = new Shared(new ConcurrentHashMap<>(), session.getCreationTime());
            shared.put(key, s);
            return s.values();
        }
    }

    /**
     * What identifies {@code session} among the objects that show it: its id on a server, its
     * peer and id on a client; null when it has none (no id, or a client's without a peer).
     */
    String sessionKey(BastionSession session) {
        byte[] id = session.getId();
        String peer = session.getPeerHost();
        if (id.length == 0 || (client && peer == null)) {
            return null;
        }
        return (client ? ClientSessionCache.key(peer, session.getPeerPort()) + "/" : "") + HexFormat.of().formatHex(id);
    }

    /** Changes whenever a session of this context is invalidated. */
    int invalidations() {
        return invalidatedSessions.generation();
    }

    /** Whether {@code session} was invalidated through another object showing it. */
    boolean invalidatedElsewhere(BastionSession session) {
        String key = sessionKey(session);
        return key != null && invalidatedSessions.contains(key);
    }

    /** The cached session with this id, or null (expired ones are not shown). */
    @Override
    public SSLSession getSession(byte[] sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        if (!client) {
            Optional<SessionState> found = find(sessionId);
            ServerSessionCache.Peer peer = found.isEmpty() ? null : serverCache.peer(sessionId);
            return found.map(s -> view(peer == null ? null : peer.host(), peer == null ? -1 : peer.port(), s)).orElse(null);
        }
        for (Map.Entry<String, SessionState> e : liveClientSessions()) {
            if (e.getValue().hasId(sessionId)) {
                return view(e.getKey(), e.getValue());
            }
        }
        return null;
    }

    @Override
    public Enumeration<byte[]> getIds() {
        List<byte[]> ids = new ArrayList<>();
        if (!client) {
            int t = timeout;
            long now = now();
            ids.addAll(serverCache.ids(created -> t > 0 && now - created >= t * 1000L));
        } else {
            for (Map.Entry<String, SessionState> e : liveClientSessions()) {
                byte[] id = e.getValue().id();
                if (id.length > 0 && ids.stream().noneMatch(x -> Arrays.equals(x, id))) {
                    ids.add(id);
                }
            }
        }
        return Collections.enumeration(ids);
    }

    @Override
    public void setSessionTimeout(int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("session timeout must not be negative: " + seconds);
        }
        timeout = seconds;
    }

    @Override
    public int getSessionTimeout() {
        return timeout;
    }

    @Override
    public void setSessionCacheSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("session cache size must not be negative: " + size);
        }
        cacheSize = size;
        if (client) {
            clientCache.setMaxSize(size);
        } else {
            serverCache.setMaxSize(size);
        }
    }

    @Override
    public int getSessionCacheSize() {
        return cacheSize;
    }

    /** Sessions cached now (server: by id; client: peers), for tests and the footprint benchmark. */
    public int cachedCount() {
        return client ? clientCache.size() : serverCache.size();
    }

    @Override
    public String toString() {
        return "SessionContext(" + (client ? "client" : "server") + ", timeout " + timeout + " s, size " + cacheSize + ")";
    }

    private List<Map.Entry<String, SessionState>> liveClientSessions() {
        long now = now();
        int t = timeout;
        return clientCache.sessions().stream().filter(e -> !e.getValue().expired(now, t)).toList();
    }

    private BastionSession view(String peerKey, SessionState s) {
        int colon = peerKey.lastIndexOf(':');
        return view(peerKey.substring(0, colon), Integer.parseInt(peerKey.substring(colon + 1)), s);
    }

    private BastionSession view(String host, int port, SessionState s) {
        return new BastionSession(s.id(), host, port, this, views.parameters(s), s.creationTime());
    }

    private ServerSessionCache requireServer() {
        if (client) {
            throw new IllegalStateException("a client session context has no server session cache");
        }
        return serverCache;
    }

    private ClientSessionCache requireClient() {
        if (!client) {
            throw new IllegalStateException("a server session context keeps no client sessions");
        }
        return clientCache;
    }

    private static SessionParameters plainView(SessionState s) {
        return new SessionParameters(s.version() == SessionState.TLS13 ? "TLSv1.3" : "TLSv1.2",
                String.format("0x%04X", s.cipherSuite()), "", s.localCertificates(), s.peerCertificates(), List.of(),
                s.localSignatureSchemes(), s.peerSignatureSchemes(), SessionParameters.DEFAULT_PACKET_BUFFER_SIZE,
                SessionParameters.DEFAULT_APPLICATION_BUFFER_SIZE, true);
    }
}
