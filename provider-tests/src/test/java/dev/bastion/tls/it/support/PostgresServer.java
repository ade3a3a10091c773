package dev.bastion.tls.it.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster (Debian's {@code postgresql} package) in a temp directory of
 * its own: {@code ssl=on} with the "server" entry of a key store as PEM files, listening on
 * 127.0.0.1 only on a free port (unix socket inside the directory), {@code hostssl} with
 * SCRAM-SHA-256 for the superuser {@code postgres}, {@code hostssl ... cert} (client certificate
 * signed by the test CA, CN = role) for {@link #CERT_USER}, and non-TLS TCP rejected. PostgreSQL refuses
 * to run as root, so as root the cluster runs as the {@code postgres} OS user (runuser). The
 * server runs under {@code timeout} so it ends by itself even if this JVM dies; {@link #close}
 * stops it (fast shutdown, then kill) and removes the directory.
 */
public final class PostgresServer implements AutoCloseable {
    /** The role that logs in by client certificate only (its CN), {@code cert} in pg_hba.conf. */
    public static final String CERT_USER = "certuser";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path bin;
    private final Path base;
    private final Process process;
    private final int port;

    private PostgresServer(Path bin, Path base, int port) throws Exception {
        this.bin = bin;
        this.base = base;
        this.port = port;
        this.process = new ProcessBuilder(command("timeout", "300", bin.resolve("postgres").toString(), "-D", data().toString()))
                .directory(base.toFile()).redirectErrorStream(true).redirectOutput(base.resolve("postgres.log").toFile()).start();
        process.getOutputStream().close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!log().contains("ready to accept connections")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                stop();
                throw new IOException("PostgreSQL did not start:\n" + log());
            }
            Thread.sleep(50);
        }
    }

    /**
     * The directory of the newest installed PostgreSQL's binaries. Missing binaries fail the
     * test when {@code CI=true} (CI installs them) and skip it elsewhere.
     */
    public static Path binariesOrSkip() throws IOException {
        Path found = binaries();
        if (found == null) {
            String reason = "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)";
            if ("true".equals(System.getenv("CI"))) {
                fail(reason);
            }
            Assumptions.abort(reason);
        }
        return found;
    }

    /** The directory of the newest installed PostgreSQL's binaries, or null. */
    public static Path binaries() throws IOException {
        Path root = Paths.get("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))
                    && Files.isExecutable(b.resolve("postgres"))).max(Comparator.comparing(
                            b -> versionOf(b.getParent().getFileName().toString()))).orElse(null);
        }
    }

    private static int versionOf(String name) {
        return name.chars().allMatch(Character::isDigit) ? Integer.parseInt(name) : -1;
    }

    /**
     * Creates and starts a cluster whose server certificate is {@code serverStore}'s "server"
     * entry and whose superuser {@code postgres} has {@code password}.
     */
    public static PostgresServer start(Path bin, KeyStore serverStore, String password) throws Exception {
        Path base = Files.createTempDirectory("bastion-pg");
        try {
            Path pw = base.resolve("pw");
            Files.writeString(pw, password + "\n", StandardCharsets.UTF_8);
            PemFiles.chain(serverStore, base.resolve("server.crt"));
            PemFiles.key(serverStore, base.resolve("server.key"));
            PemFiles.ca(base.resolve("ca.pem"));
            chownAll(base);
            run(base, bin.resolve("initdb").toString(), "-D", base.resolve("data").toString(), "-U", "postgres",
                    "--pwfile=" + pw, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync");
            Path data = base.resolve("data");
            Files.writeString(data.resolve("postgresql.conf"), String.join("\n", "", "listen_addresses = '127.0.0.1'",
                    "unix_socket_directories = '" + base + "'", "ssl = on",
                    "ssl_cert_file = '" + base.resolve("server.crt") + "'", "ssl_key_file = '" + base.resolve("server.key") + "'",
                    "ssl_ca_file = '" + base.resolve("ca.pem") + "'",
                    "fsync = off", "log_connections = on", "max_connections = 20", "shared_buffers = 16MB", ""), StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(data.resolve("pg_hba.conf"), String.join("\n", "local all all trust",
                    "hostssl all " + CERT_USER + " 127.0.0.1/32 cert", "hostssl all all 127.0.0.1/32 scram-sha-256",
                    "hostnossl all all 127.0.0.1/32 reject", ""),
                    StandardCharsets.US_ASCII);
            // A free port is chosen before postgres binds it: if something took it in between, try another.
            PostgresServer server = null;
            for (int attempt = 1; server == null; attempt++) {
                int port = PemFiles.freePort();
                Files.writeString(data.resolve("postgresql.conf"), "port = " + port + "\n", StandardCharsets.US_ASCII,
                        java.nio.file.StandardOpenOption.APPEND);
                try {
                    server = new PostgresServer(bin, base, port);
                } catch (IOException e) {
                    if (attempt == 3 || !String.valueOf(e.getMessage()).contains("Address already in use")) {
                        throw e;
                    }
                }
            }
            try {
                server.sql("CREATE ROLE " + CERT_USER + " LOGIN");
            } catch (Exception e) {
                server.close();
                throw e;
            }
            return server;
        } catch (Exception e) {
            delete(base);
            throw e;
        }
    }

    /** Runs one SQL command as the superuser over the unix socket (psql). */
    public void sql(String command) throws Exception {
        run(base, bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", base.toString(), "-p",
                String.valueOf(port), "-U", "postgres", "-d", "postgres", "-c", command);
    }

    /**
     * Appends {@code lines} to postgresql.conf and reloads (SIGHUP, which also reloads the TLS
     * settings for new connections), waiting until the server logged {@code changed}.
     */
    public void reload(String changed, String... lines) throws Exception {
        Files.writeString(data().resolve("postgresql.conf"), String.join("\n", lines) + "\n", StandardCharsets.US_ASCII,
                java.nio.file.StandardOpenOption.APPEND);
        run(base, bin.resolve("pg_ctl").toString(), "-D", data().toString(), "reload");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!log().contains(changed)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("PostgreSQL did not log '" + changed + "' after reload:\n" + log());
            }
            Thread.sleep(50);
        }
    }

    public int port() {
        return port;
    }

    /** What the server logged so far. */
    public String log() throws IOException {
        Path log = base.resolve("postgres.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    @Override
    public void close() throws IOException {
        try {
            stop();
        } finally {
            delete(base);
        }
    }

    /** Stops the server, keeping its files. */
    private void stop() {
        try {
            if (process.isAlive()) {
                run(base, bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "20", "stop");
            }
        } catch (Exception e) {
            // the kill below stops it anyway
        } finally {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Path data() {
        return base.resolve("data");
    }

    private static List<String> command(String... cmd) {
        List<String> out = new ArrayList<>();
        if (ROOT) {
            out.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        out.addAll(List.of(cmd));
        return out;
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Path log = Files.createTempFile("pg-tool", ".log");
        try {
            Process p = new ProcessBuilder(command(cmd)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", cmd) + "\n" + Files.readString(log));
            }
            if (p.exitValue() != 0) {
                throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static void chownAll(Path base) throws IOException {
        if (!ROOT) {
            return;
        }
        UserPrincipalLookupService users = base.getFileSystem().getUserPrincipalLookupService();
        GroupPrincipal group = users.lookupPrincipalByGroupName("postgres");
        List<Path> all = new ArrayList<>(List.of(base));
        try (DirectoryStream<Path> files = Files.newDirectoryStream(base)) {
            files.forEach(all::add);
        }
        for (Path p : all) {
            PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
            view.setOwner(users.lookupPrincipalByName("postgres"));
            view.setGroup(group);
        }
    }

    private static void delete(Path base) throws IOException {
        if (!Files.exists(base)) {
            return;
        }
        try (Stream<Path> all = Files.walk(base)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
