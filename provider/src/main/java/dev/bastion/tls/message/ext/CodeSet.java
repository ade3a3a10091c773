package dev.bastion.tls.message.ext;

import java.util.HashSet;
import java.util.Set;

/**
 * A set of 16-bit codes for finding repeats in one block of extensions: codes below 64, where
 * nearly every extension type is, in the bits of a {@code long}; others in a set made only when
 * one appears. Not thread-safe; one per block.
 */
final class CodeSet {
    private long low;
    private Set<Integer> high;

    /** Adds {@code code}; false when it was already there. */
    boolean add(int code) {
        if (code >= 0 && code < 64) {
            boolean added = (low & (1L << code)) == 0;
            low |= 1L << code;
            return added;
        }
        if (high == null) {
            high = new HashSet<>();
        }
        return high.add(code);
    }
}
