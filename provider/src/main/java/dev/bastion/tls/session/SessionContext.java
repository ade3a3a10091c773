package dev.bastion.tls.session;

import java.util.Collections;
import java.util.Enumeration;
import java.util.Objects;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;

/**
 * The client or server session context of an {@code SSLContext}. Resumption is a later issue:
 * for now this context keeps no sessions ({@link #getSession} finds nothing, {@link #getIds}
 * is empty) but remembers its settings, with SunJSSE's defaults (timeout 86400 s, cache size
 * 20480).
 */
public final class SessionContext implements SSLSessionContext {
    /** SunJSSE's default session timeout, in seconds. */
    public static final int DEFAULT_TIMEOUT = 86400;
    /** SunJSSE's default session cache size. */
    public static final int DEFAULT_CACHE_SIZE = 20480;

    private volatile int timeout = DEFAULT_TIMEOUT;
    private volatile int cacheSize = DEFAULT_CACHE_SIZE;

    /** Always null: no session is kept yet. */
    @Override
    public SSLSession getSession(byte[] sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return null;
    }

    @Override
    public Enumeration<byte[]> getIds() {
        return Collections.emptyEnumeration();
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
    }

    @Override
    public int getSessionCacheSize() {
        return cacheSize;
    }
}
