package dev.bastion.tls.diag;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Appends TLS secrets to a file in the NSS key log format
 * ({@code LABEL <client_random hex> <secret hex>}, one per line), which Wireshark and other
 * tools use to decrypt a capture. Off by default.
 *
 * <p>Switched on by the system property {@value #PROPERTY} naming the file, or, when the
 * system property {@value #ENV_PROPERTY} is {@code true}, by the environment variable
 * {@value #ENV_VARIABLE} (the name browsers and OpenSSL-based tools use). The environment
 * alone is not enough, so a variable inherited by accident cannot leak the secrets of a Java
 * server.
 *
 * <p>Thread-safe: each line is appended with one write to a file opened in append mode, under
 * this object's lock; separate instances writing to the same file rely on the operating
 * system's append semantics. A new file is created readable by its owner only where the file
 * system supports POSIX permissions. A write that fails is reported once through
 * {@link Trace} and never fails a handshake.
 */
public final class KeyLog {
    /** System property naming the key log file. */
    public static final String PROPERTY = "dev.bastion.tls.keylog";
    /** System property that lets {@value #ENV_VARIABLE} switch key logging on. */
    public static final String ENV_PROPERTY = "dev.bastion.tls.keylog.env";
    /** The conventional environment variable. */
    public static final String ENV_VARIABLE = "SSLKEYLOGFILE";

    /** A key log that writes nothing. */
    public static final KeyLog OFF = new KeyLog(null);

    private static final Trace TRACE = Trace.get("diag");
    private static final HexFormat HEX = HexFormat.of();

    private final Path file;
    private boolean failed;

    private KeyLog(Path file) {
        this.file = file;
    }

    /** A key log appending to {@code file}. */
    public static KeyLog toFile(Path file) {
        return new KeyLog(Objects.requireNonNull(file, "file"));
    }

    /** The key log the system properties and the environment ask for; {@link #OFF} by default. */
    public static KeyLog fromSystem() {
        return from(System::getProperty, System::getenv);
    }

    /**
     * The key log {@code properties} and {@code environment} ask for (see the class comment).
     * Logs a warning when it is switched on, since the file lets anyone who reads it decrypt
     * the traffic.
     */
    public static KeyLog from(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        Optional<String> path = nonBlank(properties.apply(PROPERTY));
        if (path.isEmpty() && "true".equalsIgnoreCase(properties.apply(ENV_PROPERTY))) {
            path = nonBlank(environment.apply(ENV_VARIABLE));
        }
        if (path.isEmpty()) {
            return OFF;
        }
        Path p = Paths.get(path.get());
        TRACE.warning(() -> "TLS key logging is on: secrets are appended to " + p.toAbsolutePath()
                + "; anyone who can read that file can decrypt the traffic");
        return new KeyLog(p);
    }

    /** Whether lines are written at all. */
    public boolean enabled() {
        return file != null;
    }

    /** The file written to, if enabled. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Appends {@code label client_random secret}; does nothing when off.
     *
     * @param label an NSS label such as {@code CLIENT_HANDSHAKE_TRAFFIC_SECRET}
     * @param clientRandom the 32-byte ClientHello.random identifying the connection
     */
    public void log(String label, byte[] clientRandom, byte[] secret) {
        if (file == null) {
            return;
        }
        requireLabel(label);
        byte[] line = (label + ' ' + HEX.formatHex(clientRandom) + ' ' + HEX.formatHex(secret) + '\n')
                .getBytes(StandardCharsets.US_ASCII);
        synchronized (this) {
            try {
                createPrivately(file);
                Files.write(file, line, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                if (!failed) {
                    failed = true;
                    TRACE.warning(() -> "cannot append to the TLS key log " + file + "; further failures are not reported", e);
                }
            }
        }
    }

    @Override
    public String toString() {
        return file == null ? "KeyLog(off)" : "KeyLog(" + file + ")";
    }

    private static void createPrivately(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException raced) {
            // another writer created it first
        }
    }

    private static void requireLabel(String label) {
        if (label.isEmpty()) {
            throw new IllegalArgumentException("empty key log label");
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!(c == '_' || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                throw new IllegalArgumentException("key log labels are upper case, digits and '_': " + label);
            }
        }
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }
}
