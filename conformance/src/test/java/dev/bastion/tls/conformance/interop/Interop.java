package dev.bastion.tls.conformance.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Where the interop tests keep their files, how long they wait, and how they end processes. */
public final class Interop {
    /** The longest any single step (start, connect, handshake, read) may take. */
    public static final Duration STEP = Duration.ofSeconds(15);
    /** The longest an external peer process may live; it kills itself after this. */
    public static final Duration PROCESS_LIFETIME = Duration.ofSeconds(180);
    /** Loopback only: every server here binds to this address. */
    public static final String LOOPBACK = "127.0.0.1";

    private Interop() {
    }

    /** {@code conformance/target/interop} under Maven (system property), a temp dir otherwise. */
    public static Path workDir() {
        try {
            String dir = System.getProperty("bastion.interop.work.dir");
            Path path = dir != null ? Path.of(dir) : Path.of(System.getProperty("java.io.tmpdir"), "bastion-interop");
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh file name under the work directory for a peer's log. */
    public static Path logFile(String prefix) {
        try {
            return Files.createTempFile(workDir(), prefix, ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code java} launcher of the running JDK. */
    public static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Ends a process and all of its descendants, waiting a bounded time. */
    public static void kill(Process process) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a whole file as text (ISO-8859-1, so any byte is kept). */
    public static String read(Path file) {
        try {
            return Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sleeps briefly while polling; keeps the interrupt. */
    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
