package dev.bastion.tls.conformance.matrix;

import dev.bastion.tls.conformance.interop.Interop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** External programs: whether one is installed, and one bounded run with its output. */
final class Tools {
    /** Exit status and the merged standard output and error. */
    record Run(int exit, String output) {
    }

    private Tools() {
    }

    /** Why {@code tool} cannot be used here (not on the PATH), or empty. */
    static Optional<String> missing(String tool) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + tool).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return Optional.empty();
            }
        } catch (IOException e) {
            // reported below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.of(tool + " is not installed (.ci/run installs it)");
    }

    /** Runs {@code cmd} with standard input closed; kills it after the timeout. */
    static Run run(List<String> cmd, long timeout, TimeUnit unit) throws IOException, InterruptedException {
        Path log = Interop.logFile(Path.of(cmd.get(0)).getFileName() + "-");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        p.getOutputStream().close();
        if (!p.waitFor(timeout, unit)) {
            Interop.kill(p);
            return new Run(-1, "timed out: " + String.join(" ", cmd) + "\n" + Interop.read(log));
        }
        return new Run(p.exitValue(), Interop.read(log));
    }
}
