package dev.bastion.tls.session;

import dev.bastion.tls.codec.SharedLists;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The lists of signature scheme names a session context's cached sessions show, each known by a
 * one-byte index, so that a cached session keeps the schemes of its handshake in two bytes
 * instead of two lists (peers and this side send a few lists over and over). Index 0 is the
 * empty list. Bounded: once {@link #MAX_LISTS} lists are known, further lists are not kept and
 * their sessions show none (an index, unlike {@link LocalChains}' fingerprints, cannot be
 * reused, so the table never starts again). Thread-safe.
 */
final class SchemeLists {
    /** Lists remembered at most (the indices 1 to 255). */
    static final int MAX_LISTS = 255;

    private final Map<List<String>, Integer> indices = new HashMap<>();
    private final List<List<String>> lists = new ArrayList<>();

    /** The index of {@code names}, remembered; 0 when empty or when the table is full. */
    synchronized int index(List<String> names) {
        if (names.isEmpty()) {
            return 0;
        }
        Integer known = indices.get(names);
        if (known != null) {
            return known;
        }
        if (lists.size() >= MAX_LISTS) {
            return 0;
        }
        List<String> shared = SharedLists.of(names);
        lists.add(shared);
        indices.put(shared, lists.size());
        return lists.size();
    }

    /** The list with {@code index}; empty for 0 or an index never given. */
    synchronized List<String> list(int index) {
        return index <= 0 || index > lists.size() ? List.of() : lists.get(index - 1);
    }
}
