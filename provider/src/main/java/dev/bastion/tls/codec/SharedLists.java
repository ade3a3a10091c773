package dev.bastion.tls.codec;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Canonical immutable lists, shared by content. Every connection keeps lists that nearly all
 * connections have in equal form (enabled suites, the peer's signature schemes); an idle
 * connection should not pay for its own copy. Bounded: when full it starts over, so a peer
 * sending ever-different lists costs at most the bound.
 */
public final class SharedLists {
    private static final int MAX = 256;
    private static final Map<List<?>, List<?>> CANONICAL = new ConcurrentHashMap<>();

    private SharedLists() {
    }

    /**
     * An immutable list equal to {@code list}: the one shared by earlier callers when there is
     * one. The elements must be immutable and have value-based {@code equals} that tells apart
     * everything a caller may read from them (not {@code SNIHostName}, equal across letter case).
     */
    @SuppressWarnings("unchecked")
    public static <T> List<T> of(List<T> list) {
        if (list.isEmpty()) {
            return List.of();
        }
        List<?> known = CANONICAL.get(list);
        if (known != null) {
            return (List<T>) known;
        }
        List<T> copy = List.copyOf(list);
        if (CANONICAL.size() >= MAX) {
            CANONICAL.clear();
        }
        List<?> raced = CANONICAL.putIfAbsent(copy, copy);
        return raced != null ? (List<T>) raced : copy;
    }
}
