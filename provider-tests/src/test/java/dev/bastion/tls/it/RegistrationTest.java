package dev.bastion.tls.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The provider is found by the JDK with nothing but Bastion's jar(s) on the class path (or
 * module path) and a {@code java.security} override listing {@code security.provider.1=Bastion}.
 * Each case runs in a fresh JVM, on JDK 17 and, when {@code bastion.jdk25} names one, on JDK 25.
 */
class RegistrationTest {

    private static final String PLAIN = System.getProperty("bastion.jar");
    private static final String ALL = System.getProperty("bastion.allJar");
    private static final String BC_PROV = System.getProperty("bastion.bcprov");
    private static final String BC_PKIX = System.getProperty("bastion.bcpkix");
    private static final String BC_UTIL = System.getProperty("bastion.bcutil");

    @Test
    void plainJarWithBouncyCastleOnClassPath() throws Exception {
        for (String java : javas()) {
            Map<String, String> r = probe(java, List.of("-cp", join(PLAIN, BC_PROV, BC_PKIX, BC_UTIL)));
            assertRegisteredFirst(r, java);
            assertEquals("null", r.get("module"), "class path means the unnamed module");
        }
    }

    @Test
    void selfContainedJarAloneIsEnough() throws Exception {
        for (String java : javas()) {
            Map<String, String> r = probe(java, List.of("-cp", ALL));
            assertRegisteredFirst(r, java);
        }
    }

    @Test
    void plainJarOnModulePathIsFoundThroughModuleInfo() throws Exception {
        for (String java : javas()) {
            Map<String, String> r = probe(java, List.of(
                    "--module-path", join(PLAIN, BC_PROV, BC_PKIX, BC_UTIL), "--add-modules", "dev.bastion.tls"));
            assertRegisteredFirst(r, java);
            assertEquals("dev.bastion.tls", r.get("module"));
        }
    }

    private static void assertRegisteredFirst(Map<String, String> r, String java) {
        assertEquals("true", r.get("found"), java + ": Security.getProvider(\"Bastion\") " + r);
        assertEquals("dev.bastion.tls.BastionProvider", r.get("class"), java);
        assertEquals("Bastion", r.get("first"), java + ": Bastion must be provider 1");
    }

    private static List<String> javas() {
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

    private static Map<String, String> probe(String java, List<String> pathArgs) throws Exception {
        for (String jar : new String[] {PLAIN, ALL, BC_PROV, BC_PKIX, BC_UTIL}) {
            assertTrue(jar != null && new File(jar).isFile(), "jar missing: " + jar + " (run through Maven)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.add("-Djava.security.properties=" + resource("registration/bastion-first.security"));
        cmd.addAll(pathArgs);
        cmd.add(resource("registration/RegistrationProbe.java").toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("probe JVM did not finish: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), "probe failed: " + cmd + "\n" + out);
        Map<String, String> result = new LinkedHashMap<>();
        for (String line : out.split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                result.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return result;
    }

    private static Path resource(String name) throws URISyntaxException, IOException {
        return Paths.get(RegistrationTest.class.getClassLoader().getResource(name).toURI());
    }

    private static String join(String... parts) {
        return String.join(File.pathSeparator, parts);
    }
}
