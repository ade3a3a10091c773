package dev.bastion.tls.conformance.cli;

import dev.bastion.tls.conformance.interop.Interop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code bastion} commands for tests: in this JVM (server and client, through the same
 * entry points {@code Main} uses), or as a separate {@code java} process on this test class
 * path when an option acts on the whole JVM ({@code --groups}, {@code --trace}) or another JDK
 * is wanted.
 */
public final class Cli {
    /** What a command printed and its exit status. */
    public record Result(int status, String out, String err) {
    }

    /** A server running in this JVM, with what it printed so far. */
    public record Server(ServerCommand command, ByteArrayOutputStream buffer) implements AutoCloseable {
        public int port() {
            return command.port();
        }

        public String output() {
            return buffer.toString(StandardCharsets.UTF_8);
        }

        /** The output once it contains {@code text} (waits at most one interop step). */
        public String outputWith(String text) throws InterruptedException {
            long deadline = System.nanoTime() + Interop.STEP.toNanos();
            while (!output().contains(text) && System.nanoTime() - deadline < 0) {
                Thread.sleep(20);
            }
            return output();
        }

        @Override
        public void close() {
            command.close();
        }
    }

    private Cli() {
    }

    /** {@code bastion server --port 0 args...} in this JVM. */
    public static Server server(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("--port", "0"));
        all.addAll(List.of(args));
        Options o = Options.parse(all.toArray(new String[0]), ServerCommand.VALUED, ServerCommand.SWITCHES);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        return new Server(ServerCommand.start(o, new PrintStream(buf, true, StandardCharsets.UTF_8)), buf);
    }

    /** {@code bastion client args...} in this JVM. */
    public static Result client(String... args) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        Options o = Options.parse(args, ClientCommand.VALUED, ClientCommand.SWITCHES);
        int status = ClientCommand.run(o, new PrintStream(buf, true, StandardCharsets.UTF_8));
        return new Result(status, buf.toString(StandardCharsets.UTF_8), "");
    }

    /** {@code java -cp <test class path> dev.bastion.tls.conformance.Main args...} with {@code javaHome}'s launcher. */
    public static Process start(Path javaHome, List<String> args, Path stdout, Path stderr) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(javaHome.resolve("bin").resolve("java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "dev.bastion.tls.conformance.Main"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        p.getOutputStream().close();
        return p;
    }

    /** Runs {@code bastion args...} in a fresh JVM of this JDK and waits (bounded) for it. */
    public static Result process(String... args) throws IOException, InterruptedException {
        Path out = Interop.logFile("cli-out-");
        Path err = Interop.logFile("cli-err-");
        Process p = start(Path.of(System.getProperty("java.home")), List.of(args), out, err);
        if (!p.waitFor(Interop.STEP.toSeconds() * 2, TimeUnit.SECONDS)) {
            Interop.kill(p);
            throw new IOException("bastion " + String.join(" ", args) + " did not finish:\n" + Interop.read(out)
                    + Interop.read(err));
        }
        return new Result(p.exitValue(), Interop.read(out), Interop.read(err));
    }
}
