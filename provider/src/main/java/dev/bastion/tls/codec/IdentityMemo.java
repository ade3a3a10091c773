package dev.bastion.tls.codec;

/**
 * Remembers a pure function of an immutable source object (an immutable list of a context's
 * configuration) and a few flag bits, for the last few sources asked about. A source is
 * recognised by identity, so the function must depend only on the source's content, which
 * must never change, and on the flags.
 *
 * <p>Bounded: a fixed number of slots, each holding one source and its value. A source may sit
 * in the slot its hash names or the next one; a new source takes a free one of the two, else
 * the first. Thread-safe without locks: a slot holds an
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
        int first = (System.identityHashCode(source) * 31 + flags) & (slots.length - 1);
        int second = (first + 1) & (slots.length - 1);
        Entry<S, V> a = slots[first];
        if (a != null && a.source == source && a.flags == flags) {
            return a.value;
        }
        Entry<S, V> b = slots[second];
        if (b != null && b.source == source && b.flags == flags) {
            return b.value;
        }
        V value = function.apply(source, flags);
        // two places per source, so that two sources hashing alike do not keep evicting each other
        slots[a == null || b != null ? first : second] = new Entry<>(source, flags, value);
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
