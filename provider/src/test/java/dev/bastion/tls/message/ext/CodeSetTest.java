package dev.bastion.tls.message.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link CodeSet} answers as a {@code HashSet<Integer>} would, on both sides of its bit set. */
class CodeSetTest {
    @Test
    void agreesWithAHashSet() {
        Random r = new Random(7);
        for (int round = 0; round < 50; round++) {
            CodeSet codes = new CodeSet();
            Set<Integer> reference = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                int code = r.nextBoolean() ? r.nextInt(70) : r.nextInt(0x10000);
                assertEquals(reference.add(code), codes.add(code), "code " + code);
            }
        }
    }

    @Test
    void edges() {
        CodeSet codes = new CodeSet();
        for (int code : new int[] {0, 63, 64, 0xffff}) {
            assertEquals(true, codes.add(code));
            assertEquals(false, codes.add(code));
        }
    }
}
