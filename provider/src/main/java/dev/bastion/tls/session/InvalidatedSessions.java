package dev.bastion.tls.session;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The sessions of one context invalidated through one of the objects that show them, by
 * session key (see {@link SessionContext#sessionKey}), so that the other objects showing the
 * same session answer {@code isValid()} false too. SunJSSE hands out one object per session
 * (the first connection's, the resumed connection's and the one {@code getSession(id)} finds
 * are the same), so invalidating any of them is seen through all; Bastion makes a new object
 * for each and looks here instead.
 *
 * <p>Entries go when their session has outlived the timeout (it is no longer valid anyway) and,
 * oldest first, beyond a bound. A {@link #generation() generation} number changes with every
 * addition, so that a session object looks up only after an invalidation it has not seen.
 *
 * <p>Thread-safe.
 */
final class InvalidatedSessions {
    private final LinkedHashMap<String, Long> created = new LinkedHashMap<>();
    private volatile int generation;

    /** Changes whenever a session is added. */
    int generation() {
        return generation;
    }

    /**
     * Records that the session under {@code key}, created at {@code creationTime}, was
     * invalidated; first drops entries past {@code timeoutSeconds} (0: none expire) at
     * {@code now}, then the oldest beyond {@code max}.
     */
    synchronized void add(String key, long creationTime, long now, int timeoutSeconds, int max) {
        created.remove(key);
        for (Iterator<Long> it = created.values().iterator(); it.hasNext();) {
            long c = it.next();
            if (created.size() < max && (timeoutSeconds == 0 || now - c < timeoutSeconds * 1000L)) {
                break;
            }
            it.remove();
        }
        created.put(key, creationTime);
        generation++;
    }

    synchronized boolean contains(String key) {
        return created.containsKey(key);
    }
}
