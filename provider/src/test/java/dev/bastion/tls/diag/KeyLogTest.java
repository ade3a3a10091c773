package dev.bastion.tls.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyLogTest {
    @TempDir
    Path dir;

    @Test
    void offByDefaultAndEnvironmentAloneIsNotEnough() {
        assertSame(KeyLog.OFF, KeyLog.from(Map.<String, String>of()::get, Map.<String, String>of()::get));
        assertSame(KeyLog.OFF, KeyLog.from(Map.<String, String>of()::get, Map.of("SSLKEYLOGFILE", "/tmp/x")::get));
        assertFalse(KeyLog.OFF.enabled());
        KeyLog.OFF.log("CLIENT_RANDOM", new byte[32], new byte[48]); // no effect, no exception
    }

    @Test
    void propertyOrOptedInEnvironmentNamesTheFile() {
        Path p = dir.resolve("keys.log");
        assertEquals(p, KeyLog.from(Map.of("dev.bastion.tls.keylog", p.toString())::get, name -> null).file().orElseThrow());
        assertEquals(p, KeyLog.from(Map.of("dev.bastion.tls.keylog.env", "true")::get,
                Map.of("SSLKEYLOGFILE", p.toString())::get).file().orElseThrow());
    }

    @Test
    void writesNssFormatLinesPrivately() throws Exception {
        Path p = dir.resolve("keys.log");
        KeyLog log = KeyLog.toFile(p);
        byte[] random = new byte[32];
        Arrays.fill(random, (byte) 0xAB);
        log.log("CLIENT_HANDSHAKE_TRAFFIC_SECRET", random, new byte[] {1, 2, 3});
        log.log("SERVER_TRAFFIC_SECRET_0", random, new byte[] {(byte) 0xff});
        List<String> lines = Files.readAllLines(p);
        assertEquals(List.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET " + "ab".repeat(32) + " 010203",
                "SERVER_TRAFFIC_SECRET_0 " + "ab".repeat(32) + " ff"), lines);
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(p));
        }
    }

    @Test
    void concurrentAppendsKeepWholeLines() throws Exception {
        Path p = dir.resolve("keys.log");
        KeyLog a = KeyLog.toFile(p);
        KeyLog b = KeyLog.toFile(p);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            KeyLog log = t % 2 == 0 ? a : b;
            byte[] random = new byte[32];
            Arrays.fill(random, (byte) t);
            threads.add(new Thread(() -> {
                for (int i = 0; i < 50; i++) {
                    log.log("EXPORTER_SECRET", random, new byte[48]);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        List<String> lines = Files.readAllLines(p);
        assertEquals(200, lines.size());
        Set<Integer> lengths = new HashSet<>();
        lines.forEach(l -> lengths.add(l.length()));
        assertEquals(Set.of("EXPORTER_SECRET".length() + 1 + 64 + 1 + 96), lengths);
    }

    @Test
    void labelsCannotInjectLines() {
        KeyLog log = KeyLog.toFile(dir.resolve("k"));
        assertThrows(IllegalArgumentException.class, () -> log.log("X\nCLIENT_RANDOM", new byte[32], new byte[1]));
    }

    @Test
    void unwritableFileNeverFailsTheCaller() {
        KeyLog log = KeyLog.toFile(dir.resolve("missing-dir").resolve("keys.log"));
        log.log("CLIENT_RANDOM", new byte[32], new byte[48]);
        log.log("CLIENT_RANDOM", new byte[32], new byte[48]);
        assertTrue(log.enabled());
    }
}
