package dev.bastion.tls.conformance.hostile;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The hostile test peer (issue 7 §3): every {@link Scenario} of {@link Scenarios#all()} is
 * played against a Bastion engine and must meet its expectation exactly. The same script is
 * also played against SunJSSE, never asserted: its outcome goes into the comparison table
 * {@code conformance/target/hostile/scenarios.md} beside Bastion's. The closing line
 * {@code hostile scenarios: N, passed: N} is printed and written there. While iterating,
 * {@code -Dbastion.hostile.only=<regex>} plays only the scenarios whose id matches.
 */
class HostileScenariosTest {
    private static final Duration LIMIT = Duration.ofSeconds(20);
    private static final boolean COMPARE = !"false".equals(System.getProperty("bastion.hostile.compare"));
    private static final List<Row> ROWS = Collections.synchronizedList(new ArrayList<>());

    private record Row(Scenario scenario, String bastion, String sunJsse, boolean passed) {
    }

    @TestFactory
    Stream<DynamicTest> scenarios() {
        String only = System.getProperty("bastion.hostile.only", "");
        List<Scenario> all = Scenarios.all().stream().filter(s -> s.id().matches(only.isEmpty() ? ".*" : only)).toList();
        Set<String> ids = new HashSet<>();
        for (Scenario s : all) {
            assertTrue(ids.add(s.id()), "duplicate scenario id " + s.id());
        }
        return all.stream().map(s -> DynamicTest.dynamicTest(s.id() + " " + s.title() + " [" + s.rfc() + "]",
                () -> play(s)));
    }

    private static void play(Scenario s) {
        Outcome bastion;
        try {
            bastion = assertTimeoutPreemptively(LIMIT, () -> s.run("Bastion"), s.id() + " hung");
        } catch (RuntimeException | AssertionError e) {
            ROWS.add(new Row(s, "ERROR " + e, sunJsse(s), false));
            throw e;
        }
        List<String> problems = s.problems(bastion);
        ROWS.add(new Row(s, bastion.summary(), sunJsse(s), problems.isEmpty()));
        assertTrue(problems.isEmpty(), () -> s.id() + " " + s.title() + " [" + s.rfc() + "]: " + problems
                + "\n  expected: " + s.expect().describe() + "\n  outcome:  " + bastion.summary()
                + (bastion.failure() != null ? "\n  cause: " + bastion.failure().getCause() : ""));
    }

    /** SunJSSE's outcome of the same script, for the table only (skipped with -Dbastion.hostile.compare=false). */
    private static String sunJsse(Scenario s) {
        if (!COMPARE) {
            return "not run";
        }
        try {
            return assertTimeoutPreemptively(LIMIT, () -> s.run("SunJSSE")).summary();
        } catch (AssertionError | RuntimeException e) {
            return "script not applicable: " + e.getMessage();
        }
    }

    @AfterAll
    static void summary() throws IOException {
        long passed = ROWS.stream().filter(Row::passed).count();
        String line = "hostile scenarios: " + ROWS.size() + ", passed: " + passed;
        StringBuilder md = new StringBuilder("# Hostile peer scenarios\n\n")
                .append("Bastion is asserted; SunJSSE (same script, same JVM) is shown for comparison only.\n\n")
                .append("| id | RFC | scenario | expected | Bastion | SunJSSE |\n|---|---|---|---|---|---|\n");
        List<Row> rows = new ArrayList<>(ROWS);
        rows.sort((a, b) -> a.scenario().id().compareTo(b.scenario().id()));
        for (Row r : rows) {
            md.append("| ").append(r.scenario().id()).append(" | ").append(r.scenario().rfc()).append(" | ")
                    .append(cell(r.scenario().title())).append(" | ").append(cell(r.scenario().expect().describe()))
                    .append(" | ").append(r.passed() ? "" : "**FAIL** ").append(cell(r.bastion())).append(" | ")
                    .append(cell(r.sunJsse())).append(" |\n");
        }
        md.append('\n').append(line).append('\n');
        Path dir = Files.createDirectories(Path.of(System.getProperty("bastion.hostile.report.dir", "target/hostile")));
        Files.writeString(dir.resolve("scenarios.md"), md);
        System.out.println(line);
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
