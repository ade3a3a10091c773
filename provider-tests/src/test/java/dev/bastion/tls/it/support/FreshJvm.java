package dev.bastion.tls.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a single-file Java program (a probe from the test resources) in a fresh JVM, on JDK 17
 * and, when {@code bastion.jdk25} names one, on JDK 25, and collects what it prints:
 * {@code key=value} lines as a map, {@code -Xlog:class+load} lines as a list.
 *
 * @param exitCode the JVM's exit code
 * @param values the probe's {@code key=value} lines
 * @param loadedClasses the class names the JVM logged as loaded (with {@code -Xlog:class+load})
 * @param output everything it printed
 */
public record FreshJvm(int exitCode, Map<String, String> values, List<String> loadedClasses, String output) {

    /**
     * Runs the test class {@code probe}'s {@code main} in a fresh JVM (this JVM's java and class
     * path) with the system properties {@code properties} ({@code name=value}) and the arguments
     * {@code args}; fails unless it ran to its end, printing {@code done=true}. Returns what it
     * printed as {@code key=value} pairs. For settings SunJSSE reads once per JVM.
     */
    public static Map<String, String> probe(Class<?> probe, List<String> properties, String... args) throws Exception {
        String codeSource = Paths.get(probe.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> jvm = new ArrayList<>();
        properties.forEach(p -> jvm.add("-D" + p));
        jvm.addAll(List.of("-cp", System.getProperty("java.class.path") + File.pathSeparator + codeSource));
        FreshJvm r = runMain(javas().get(0), jvm, probe.getName(), args);
        if (r.exitCode() != 0 || !"true".equals(r.values().get("done"))) {
            throw new AssertionError("probe " + probe.getSimpleName() + " " + properties + " did not finish:\n"
                    + AppsJvm.tail(r));
        }
        return r.values();
    }

    /** The java launchers to run on: this JVM's, and JDK 25's when configured. */
    public static List<String> javas() {
        List<String> out = new ArrayList<>();
        out.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        String jdk25 = System.getProperty("bastion.jdk25", "");
        if (!jdk25.isBlank()) {
            Path java = Paths.get(jdk25, "bin", "java");
            assertTrue(Files.isExecutable(java), "bastion.jdk25 is set but " + java + " is missing");
            out.add(java.toString());
        }
        return out;
    }

    /** The plain provider jar (or its classes directory, in a reactor build up to "test") with Bouncy Castle beside it. */
    public static String bastionClassPath() {
        List<String> jars = new ArrayList<>();
        for (String p : new String[] {"bastion.jar", "bastion.bcprov", "bastion.bcpkix", "bastion.bcutil"}) {
            String jar = System.getProperty(p);
            assertTrue(jar != null && new File(jar).exists(), "class path entry missing for " + p + ": " + jar + " (run through Maven)");
            jars.add(jar);
        }
        return String.join(File.pathSeparator, jars);
    }

    /** Runs {@code java <jvmArgs> <probe> <args>} with a time limit of two minutes. */
    public static FreshJvm run(String java, List<String> jvmArgs, Path probe, String... args) throws Exception {
        return runMain(java, jvmArgs, probe.toString(), args);
    }

    /**
     * Runs {@code java <jvmArgs> <main> <args>} with a time limit of two minutes, where
     * {@code main} is a class name (on the class path given in {@code jvmArgs}) or a source file.
     */
    public static FreshJvm runMain(String java, List<String> jvmArgs, String main, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.add(main);
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("probe", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("probe JVM did not finish: " + cmd);
            }
            return parse(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static FreshJvm parse(int exitCode, String out) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> classes = new ArrayList<>();
        for (String line : out.split("\\R")) {
            int tag = line.indexOf("[class,load] ");
            if (tag >= 0) {
                String rest = line.substring(tag + "[class,load] ".length());
                int space = rest.indexOf(' ');
                classes.add(space < 0 ? rest : rest.substring(0, space));
                continue;
            }
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("[")) {
                values.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new FreshJvm(exitCode, values, classes, out);
    }
}
