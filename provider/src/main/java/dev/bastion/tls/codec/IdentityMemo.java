package dev.bastion.tls.codec;

/**
 * Remembers a pure function of an immutable source object (an immutable list of a context's
 * configuration) and a few flag bits, for the last few sources asked about. A source is
 * recognised by identity, so the function must depend only on the source's content, which
 * must never change, and on the flags.
 *
 * <p>Bounded: a fixed number of slots, each holding one source and its value; a new source
 * takes the slot of whatever hashed there before. Thread-safe without locks: a slot holds an
 * immutable entry published through final fields; two threads racing for one slot at worst
 * compute the value twice.
 *
 * @param <S> the source type
 * @param <V> the value type; values are shared by every caller and must be immutable
 */
public final class IdentityMemo<S, V> {
    /** The function remembered: a value computed from the source and the flags only. */
    @FunctionalInterface
    public interface Function<S, V> {
        V apply(S source, int flags);
    }

    private record Entry<S, V>(S source, int flags, V value) {
    }

    private final Entry<S, V>[] slots;
    private final Function<S, V> function;

    /** @param size the number of slots, a power of two */
    @SuppressWarnings("unchecked")
    public IdentityMemo(int size, Function<S, V> function) {
        if (size <= 0 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size " + size + " is not a power of two");
        }
        this.slots = (Entry<S, V>[]) new Entry<?, ?>[size];
        this.function = function;
    }

    /** {@code function.apply(source, flags)}, computed now or remembered from an earlier call. */
    public V get(S source, int flags) {
        int slot = (System.identityHashCode(source) * 31 + flags) & (slots.length - 1);
        Entry<S, V> e = slots[slot];
        if (e != null && e.source == source && e.flags == flags) {
            return e.value;
        }
        V value = function.apply(source, flags);
        slots[slot] = new Entry<>(source, flags, value);
        return value;
    }

    /** How many sources are remembered now (at most the size given). */
    int remembered() {
        int n = 0;
        for (Entry<S, V> e : slots) {
            n += e == null ? 0 : 1;
        }
        return n;
    }
}
