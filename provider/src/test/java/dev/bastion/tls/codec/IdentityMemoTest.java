package dev.bastion.tls.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IdentityMemoTest {
    private static List<Integer> doubled(List<Integer> source, int flags) {
        List<Integer> out = new ArrayList<>();
        for (int v : source) {
            out.add(v * 2 + flags);
        }
        return List.copyOf(out);
    }

    @Test
    void givesWhatTheFunctionGivesAndRemembersIt() {
        AtomicInteger calls = new AtomicInteger();
        IdentityMemo<List<Integer>, List<Integer>> memo = new IdentityMemo<>(8, (s, f) -> {
            calls.incrementAndGet();
            return doubled(s, f);
        });
        List<Integer> source = List.of(1, 2, 3);
        List<Integer> first = memo.get(source, 0);
        assertEquals(doubled(source, 0), first);
        assertSame(first, memo.get(source, 0));
        assertEquals(1, calls.get());
        assertEquals(doubled(source, 1), memo.get(source, 1));
        assertEquals(2, calls.get());
    }

    @Test
    void anEqualButDifferentSourceIsComputedAgainWithAnEqualValue() {
        AtomicInteger calls = new AtomicInteger();
        IdentityMemo<List<Integer>, List<Integer>> memo = new IdentityMemo<>(8, (s, f) -> {
            calls.incrementAndGet();
            return doubled(s, f);
        });
        List<Integer> a = memo.get(new ArrayList<>(List.of(5, 6)), 0);
        List<Integer> b = memo.get(new ArrayList<>(List.of(5, 6)), 0);
        assertEquals(a, b);
        assertEquals(2, calls.get());
    }

    @Test
    void holdsNoMoreThanItsSize() {
        IdentityMemo<List<Integer>, List<Integer>> memo = new IdentityMemo<>(4, IdentityMemoTest::doubled);
        for (int i = 0; i < 1000; i++) {
            List<Integer> source = List.of(i);
            assertEquals(List.of(2 * i + 3), memo.get(source, 3));
        }
        assertTrue(memo.remembered() <= 4);
        assertTrue(memo.remembered() >= 1);
    }

    @Test
    void twoSourcesKeepTheirPlacesHoweverTheyHash() {
        AtomicInteger calls = new AtomicInteger();
        IdentityMemo<List<Integer>, List<Integer>> memo = new IdentityMemo<>(2, (s, f) -> {
            calls.incrementAndGet();
            return doubled(s, f);
        });
        List<Integer> a = List.of(1);
        List<Integer> b = List.of(2);
        for (int round = 0; round < 5; round++) {
            assertEquals(List.of(2), memo.get(a, 0));
            assertEquals(List.of(4), memo.get(b, 0));
        }
        assertEquals(2, calls.get());
    }

    @Test
    void sizeMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new IdentityMemo<>(6, IdentityMemoTest::doubled));
        assertThrows(IllegalArgumentException.class, () -> new IdentityMemo<>(0, IdentityMemoTest::doubled));
    }
}
