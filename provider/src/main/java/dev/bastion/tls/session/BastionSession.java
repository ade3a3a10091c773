package dev.bastion.tls.session;

import java.security.Principal;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.ExtendedSSLSession;
import javax.crypto.SecretKey;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLKeyException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSessionBindingEvent;
import javax.net.ssl.SSLSessionBindingListener;
import javax.net.ssl.SSLSessionContext;

/**
 * An {@link ExtendedSSLSession}: the identity of a connection's session (id, peer, times)
 * plus a {@link SessionParameters} snapshot that the connection replaces as the handshake
 * learns more (the handshake session) and once more when it completes.
 *
 * <p>Thread-safe: applications read sessions from any thread. Answers follow SunJSSE where
 * the JSSE specification leaves room: before negotiation the protocol is {@code "NONE"} and
 * the suite {@code "SSL_NULL_WITH_NULL_NULL"}, such a session is not valid, and
 * {@link #getPeerCertificates()} throws {@link SSLPeerUnverifiedException} ("peer not
 * authenticated") while the peer has presented no certificate.
 */
public final class BastionSession extends ExtendedSSLSession {
    private static final byte[] NO_ID = new byte[0];
    // the id (byte[]), or the SecureRandom its 32 bytes are drawn from when first asked (see withRandomId)
    private volatile Object id;
    private final String peerHost;
    private final int peerPort;
    private final SSLSessionContext context;
    private volatile long creationTime;
    /**
     * Application values ({@code putValue}), found or made at the first use: most sessions never
     * get any. Shared with the other objects showing the same session (see
     * {@link SessionContext#sharedValues}), as SunJSSE's resumed sessions share them.
     */
    private volatile Map<String, Object> values;
    private volatile SessionParameters parameters;
    private volatile long lastAccessedTime;
    private volatile boolean invalidated;
    /** The context's invalidation generation when this object last found itself valid there (see {@link #isValid()}). */
    private volatile int invalidationsSeen;
    /** The connection's exporter once its handshake completed; null before, and in sessions the cache hands out. */
    private volatile KeyingMaterial exporter;
    /** The secret bytes {@link #exporter} works on. */
    private volatile byte[] exporterMaterial;

    /**
     * @param id the session id (copied); empty for none
     * @param peerHost the peer's host as the application gave it, or null
     * @param peerPort the peer's port, or -1
     * @param context the session context, or null (the null session has none)
     */
    public BastionSession(byte[] id, String peerHost, int peerPort, SSLSessionContext context, SessionParameters parameters) {
        this(id, peerHost, peerPort, context, parameters, System.currentTimeMillis());
    }

    /** A session created at {@code creationTime} (epoch ms): a resumed one keeps its first handshake's time. */
    public BastionSession(byte[] id, String peerHost, int peerPort, SSLSessionContext context, SessionParameters parameters,
            long creationTime) {
        this.id = Arrays.copyOf(id, id.length);
        this.peerHost = peerHost;
        this.peerPort = peerPort;
        this.context = context;
        this.parameters = Objects.requireNonNull(parameters, "parameters");
        this.creationTime = creationTime;
        this.lastAccessedTime = Math.max(creationTime, System.currentTimeMillis());
    }

    /**
     * A handshake session whose 32-byte id is drawn from {@code random} only when first asked
     * for: a TLS 1.2 handshake replaces it by the ServerHello's session_id before anyone asks,
     * so only sessions that keep it (TLS 1.3, a TLS 1.2 server that caches nothing) pay for the
     * random bytes.
     */
    public static BastionSession withRandomId(SecureRandom random, String peerHost, int peerPort, SSLSessionContext context,
            SessionParameters parameters) {
        BastionSession s = new BastionSession(NO_ID, peerHost, peerPort, context, parameters);
        s.id = Objects.requireNonNull(random, "random");
        return s;
    }

    /** A session with nothing negotiated (what {@code getSession()} returns before a handshake). */
    public static BastionSession nullSession() {
        return new BastionSession(new byte[0], null, -1, null, SessionParameters.NONE);
    }

    /** Whether the handshake that produced this session resumed it. */
    public boolean resumed() {
        return parameters.resumed();
    }

    /** The current snapshot. */
    public SessionParameters parameters() {
        return parameters;
    }

    /** Replaces the snapshot (the handshake learned more, or completed). */
    public void update(SessionParameters next) {
        parameters = Objects.requireNonNull(next, "parameters");
    }

    /** Records a use of the session. */
    public void touch() {
        lastAccessedTime = System.currentTimeMillis();
    }

    /**
     * The handshake says when the session began: when it started, or for a resumed session
     * when the full handshake that made it did (creation times survive resumption).
     */
    public void setCreationTime(long time) {
        creationTime = time;
    }

    @Override
    public byte[] getId() {
        byte[] i = id();
        return Arrays.copyOf(i, i.length);
    }

    /** Whether this session's id is {@code other}; a random id not drawn yet is nobody's. */
    public boolean hasId(byte[] other) {
        Object i = id;
        return i instanceof byte[] && Arrays.equals((byte[]) i, other);
    }

    private byte[] id() {
        Object i = id;
        if (i instanceof byte[]) {
            return (byte[]) i;
        }
        synchronized (this) {
            if (id instanceof SecureRandom) {
                byte[] drawn = new byte[32];
                ((SecureRandom) id).nextBytes(drawn);
                id = drawn;
            }
            return (byte[]) id;
        }
    }

    @Override
    public SSLSessionContext getSessionContext() {
        return context;
    }

    @Override
    public long getCreationTime() {
        return creationTime;
    }

    @Override
    public long getLastAccessedTime() {
        return lastAccessedTime;
    }

    /** Marks the session invalid and removes it from its context's cache, so it is never resumed. */
    @Override
    public void invalidate() {
        invalidated = true;
        if (context instanceof SessionContext) {
            ((SessionContext) context).invalidate(this);
        }
    }

    /**
     * Negotiated, not invalidated, and not older than the context's timeout (0 means no limit).
     * Invalidated through any object showing this session counts, as in SunJSSE, whose
     * connections and {@code getSession(id)} share one object per session.
     */
    @Override
    public boolean isValid() {
        if (invalidated || !parameters.negotiated()) {
            return false;
        }
        if (context instanceof SessionContext) {
            SessionContext sc = (SessionContext) context;
            int generation = sc.invalidations();
            if (generation != invalidationsSeen) {
                if (sc.invalidatedElsewhere(this)) {
                    invalidated = true;
                    return false;
                }
                invalidationsSeen = generation;
            }
        }
        int timeout = context == null ? 0 : context.getSessionTimeout();
        long now = context instanceof SessionContext ? ((SessionContext) context).now() : System.currentTimeMillis();
        return timeout == 0 || now - creationTime < timeout * 1000L;
    }

    @Override
    public void putValue(String name, Object value) {
        if (name == null || value == null) {
            throw new IllegalArgumentException("session value name and value must not be null");
        }
        Object old = values(true).put(name, value);
        unbound(name, old); // the same object again too: unbound, then bound, as SunJSSE (and servlet sessions) do
        if (value instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) value).valueBound(new SSLSessionBindingEvent(this, name));
        }
    }

    @Override
    public Object getValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("session value name must not be null");
        }
        Map<String, Object> v = values(false);
        return v == null ? null : v.get(name);
    }

    @Override
    public void removeValue(String name) {
        if (name == null) {
            throw new IllegalArgumentException("session value name must not be null");
        }
        Map<String, Object> v = values(false);
        unbound(name, v == null ? null : v.remove(name));
    }

    @Override
    public String[] getValueNames() {
        Map<String, Object> v = values(false);
        return v == null ? new String[0] : v.keySet().toArray(new String[0]);
    }

    /**
     * This session's values: those of its context for the same session (a resumed session's,
     * one found by id), else its own; null when there are none yet and {@code create} is false.
     */
    private Map<String, Object> values(boolean create) {
        Map<String, Object> v = values;
        if (v == null && context instanceof SessionContext) {
            v = ((SessionContext) context).sharedValues(this, create);
            if (v != null) {
                values = v;
            }
        }
        if (v == null && create) {
            synchronized (this) {
                v = values;
                if (v == null) {
                    v = new ConcurrentHashMap<>();
                    values = v;
                }
            }
        }
        return v;
    }

    @Override
    public Certificate[] getPeerCertificates() throws SSLPeerUnverifiedException {
        return requirePeer().toArray(new X509Certificate[0]);
    }

    @Override
    public Certificate[] getLocalCertificates() {
        List<X509Certificate> local = parameters.localCertificates();
        return local.isEmpty() ? null : local.toArray(new X509Certificate[0]);
    }

    @Override
    public Principal getPeerPrincipal() throws SSLPeerUnverifiedException {
        return requirePeer().get(0).getSubjectX500Principal();
    }

    @Override
    public Principal getLocalPrincipal() {
        List<X509Certificate> local = parameters.localCertificates();
        return local.isEmpty() ? null : local.get(0).getSubjectX500Principal();
    }

    @Override
    public String getCipherSuite() {
        return parameters.cipherSuite();
    }

    @Override
    public String getProtocol() {
        return parameters.protocol();
    }

    @Override
    public String getPeerHost() {
        return peerHost;
    }

    @Override
    public int getPeerPort() {
        return peerPort;
    }

    @Override
    public int getPacketBufferSize() {
        return parameters.packetBufferSize();
    }

    @Override
    public int getApplicationBufferSize() {
        return parameters.applicationBufferSize();
    }

    @Override
    public String[] getLocalSupportedSignatureAlgorithms() {
        return parameters.localSignatureAlgorithms().toArray(new String[0]);
    }

    @Override
    public String[] getPeerSupportedSignatureAlgorithms() {
        return parameters.peerSignatureAlgorithms().toArray(new String[0]);
    }

    @Override
    public List<SNIServerName> getRequestedServerNames() {
        return parameters.requestedServerNames();
    }

    /**
     * The OCSP responses (DER, RFC 6960) the server stapled for a client, during and after the
     * handshake: one per certificate of the server's chain, an empty array for a certificate
     * without one (TLS 1.2 staples only the first); an empty list when none was stapled, on a
     * server, and on a resumed session. Copies: the caller may change them. (The JDK's trust
     * manager calls this; the inherited default would throw.)
     */
    @Override
    public List<byte[]> getStatusResponses() {
        List<byte[]> responses = parameters.statusResponses();
        if (responses.isEmpty()) {
            return List.of();
        }
        List<byte[]> copies = new ArrayList<>(responses.size());
        for (byte[] r : responses) {
            copies.add(r.clone());
        }
        return Collections.unmodifiableList(copies);
    }

    @Override
    public String toString() {
        SessionParameters p = parameters;
        return "BastionSession(" + p.protocol() + ", " + p.cipherSuite() + ", peer " + peerHost + ":" + peerPort + ")";
    }

    private List<X509Certificate> requirePeer() throws SSLPeerUnverifiedException {
        List<X509Certificate> peer = parameters.peerCertificates();
        if (peer.isEmpty()) {
            throw new SSLPeerUnverifiedException("peer not authenticated");
        }
        return peer;
    }

    private void unbound(String name, Object old) {
        if (old instanceof SSLSessionBindingListener) {
            ((SSLSessionBindingListener) old).valueUnbound(new SSLSessionBindingEvent(this, name));
        }
    }

    /** The handshake completed: this connection's keying material exporter and the bytes it works on (kept). */
    public void keyingMaterial(KeyingMaterial exporter, byte[] material) {
        this.exporterMaterial = material;
        this.exporter = exporter;
    }

    /**
     * Exported keying material (RFC 5705, RFC 8446 §7.5) as a key of {@code keyAlg}: Java 25's
     * {@code ExtendedSSLSession.exportKeyingMaterialKey}, which this method overrides when the
     * JDK has it (Bastion compiles for Java 17). Arguments as {@link #exportKeyingMaterialData}.
     *
     * @throws NullPointerException if {@code keyAlg} or {@code label} is null
     * @throws IllegalArgumentException if {@code keyAlg} is empty, or as {@link #exportKeyingMaterialData}
     */
    public SecretKey exportKeyingMaterialKey(String keyAlg, String label, byte[] context, int length)
            throws SSLKeyException {
        Objects.requireNonNull(keyAlg, "keyAlg can not be null");
        if (keyAlg.isEmpty()) {
            throw new IllegalArgumentException("keyAlg is empty");
        }
        KeyingMaterial e = exporter(label, context, length);
        return e.exportKey(exporterMaterial, keyAlg, label, context, length);
    }

    /**
     * Exported keying material (RFC 5705, RFC 8446 §7.5): Java 25's
     * {@code ExtendedSSLSession.exportKeyingMaterialData}, as SunJSSE answers it. The label
     * becomes bytes by US-ASCII; a null context is none (in TLS 1.3 the same as an empty one).
     *
     * @throws NullPointerException if {@code label} is null
     * @throws IllegalArgumentException if {@code length} is not positive or too large for the
     *     hash (TLS 1.3), the label is empty (or, TLS 1.3, longer than 249 bytes) or the context
     *     longer than 65535 bytes, or the label is one TLS 1.2 reserves for itself
     * @throws IllegalStateException if the handshake has not completed on this connection (the
     *     handshake session, or a session taken from the session context)
     * @throws SSLKeyException for a TLS 1.2 connection without the extended master secret
     */
    public byte[] exportKeyingMaterialData(String label, byte[] context, int length) throws SSLKeyException {
        KeyingMaterial e = exporter(label, context, length);
        return e.export(exporterMaterial, label, context, length);
    }

    private KeyingMaterial exporter(String label, byte[] context, int length) {
        Objects.requireNonNull(label, "label can not be null");
        if (length <= 0) {
            throw new IllegalArgumentException("length must be positive");
        }
        if (label.isEmpty() || "TLSv1.3".equals(parameters.protocol()) && label.length() > 249) {
            throw new IllegalArgumentException("label length outside range");
        }
        if (context != null && context.length > 0xFFFF) {
            throw new IllegalArgumentException("context length outside range");
        }
        KeyingMaterial m = exporter;
        if (m == null) {
            throw new IllegalStateException("no keying material: the handshake of this session's connection has not "
                    + "completed here (a handshake session, or a session from the session context)");
        }
        return m;
    }
}
