package dev.bastion.tls.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InvalidatedSessionsTest {
    @Test
    void remembersWhatWasAddedAndCountsGenerations() {
        InvalidatedSessions s = new InvalidatedSessions();
        int g0 = s.generation();
        assertFalse(s.contains("a"));
        s.add("a", 1_000, 2_000, 0, 10);
        assertTrue(s.contains("a"));
        assertFalse(s.contains("b"));
        assertNotEquals(g0, s.generation());
        int g1 = s.generation();
        s.add("a", 1_000, 2_000, 0, 10);
        assertNotEquals(g1, s.generation(), "every addition is a new generation");
    }

    @Test
    void dropsTheOldestBeyondTheBound() {
        InvalidatedSessions s = new InvalidatedSessions();
        for (int i = 0; i < 5; i++) {
            s.add("k" + i, 1_000, 2_000, 0, 3);
        }
        assertFalse(s.contains("k0"));
        assertFalse(s.contains("k1"));
        assertTrue(s.contains("k2"));
        assertTrue(s.contains("k4"));
    }

    @Test
    void dropsSessionsPastTheTimeout() {
        InvalidatedSessions s = new InvalidatedSessions();
        s.add("old", 0, 1_000, 10, 100);
        s.add("new", 5_000, 6_000, 10, 100);
        assertTrue(s.contains("old"), "10 s have not passed yet");
        s.add("later", 12_000, 12_000, 10, 100);
        assertFalse(s.contains("old"), "created at 0, over at 10 s: no longer valid anyway");
        assertTrue(s.contains("new"));
        assertTrue(s.contains("later"));
    }
}
