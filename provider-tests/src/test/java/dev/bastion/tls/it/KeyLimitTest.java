package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bastion.tls.it.support.AppsJvm;
import dev.bastion.tls.it.support.FreshJvm;
import dev.bastion.tls.it.support.KeyLimitProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jdk.tls.keyLimits} (RFC 8446 §5.5) with real engines: in a fresh JVM whose
 * {@code java.security} says that a TLS 1.3 key may protect {@value #LIMIT} bytes
 * ({@link KeyLimitProbe}), a sender that writes less than that sends no KeyUpdate, one that
 * writes {@value #ABOVE} bytes more sends KeyUpdates (Bastion: one each time its write key
 * reaches the limit), and the data arrives intact and keeps flowing both ways afterwards: Bastion to Bastion, and Bastion to SunJSSE and back, as client and as
 * server, with AES-GCM and ChaCha20-Poly1305.
 */
class KeyLimitTest {
    static final int LIMIT = 1 << 15;
    static final int BELOW = 8_000;
    static final int ABOVE = 100_000;

    @Test
    void smallKeyLimitMakesKeyUpdatesAndDataKeepsFlowing(@TempDir Path dir) throws Exception {
        Path security = dir.resolve("keylimits.security");
        Files.writeString(security, "jdk.tls.keyLimits=AES/GCM/NoPadding KeyUpdate 2^15, "
                + "ChaCha20-Poly1305 KeyUpdate 2^15\n");
        String codeSource = Paths.get(KeyLimitProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        FreshJvm r = FreshJvm.runMain(FreshJvm.javas().get(0), List.of("-Djava.security.properties=" + security, "-cp",
                System.getProperty("java.class.path") + java.io.File.pathSeparator + codeSource),
                KeyLimitProbe.class.getName(), String.valueOf(BELOW), String.valueOf(ABOVE));
        Map<String, String> v = r.values();
        assertEquals("true", v.get("done"), AppsJvm.tail(r));
        assertTrue(v.get("keyLimits").contains("2^15"), AppsJvm.tail(r));
        int cases = 0;
        for (String[] pair : new String[][] {{"Bastion", "Bastion"}, {"Bastion", "SunJSSE"}, {"SunJSSE", "Bastion"}}) {
            for (String suite : new String[] {"TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"}) {
                for (String direction : new String[] {"c2s", "s2c"}) {
                    String key = pair[0] + "-" + pair[1] + "-" + suite + "-" + direction;
                    boolean bastionSends = pair[direction.equals("c2s") ? 0 : 1].equals("Bastion");
                    check(key, v, bastionSends, AppsJvm.tail(r));
                    cases++;
                }
            }
        }
        assertEquals(12, cases);
    }

    private static void check(String key, Map<String, String> v, boolean bastionSends, String output) {
        assertEquals(null, v.get(key + ".error"), key + "\n" + output);
        assertEquals("0", v.get(key + ".below"), key + ": a KeyUpdate before the limit\n" + output);
        int updates = Integer.parseInt(v.get(key + ".above"));
        if (bastionSends) {
            // the write key reaches the limit after every second full record: BELOW + 2 records
            // (16,384 bytes each), then 2, then 2 more; what is left stays under it
            assertEquals((BELOW + ABOVE) / LIMIT, updates, key + ": KeyUpdates sent\n" + output);
            assertEquals("[27]", v.get(key + ".sizes"), key + ": a KeyUpdate record, unpadded\n" + output);
        } else {
            assertTrue(updates >= 1 && updates <= (BELOW + ABOVE) / LIMIT + 1, key + ": " + updates + " KeyUpdates\n"
                    + output);
        }
        // a number of KeyUpdates each way: answers to the other side's update_requested
        assertTrue(v.get(key + ".after").matches("\\d+,\\d+"), key + ": data after the updates\n" + output);
    }
}
